import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { toCreateBody, type IntakeValues } from './intakeBody';

const ROOM = '00000000-0000-4000-8000-000000000101';
const base: IntakeValues = {
  channel: 'phone',
  kind: 'repair',
  severity: 'general',
  reporter: { anonymous: false },
  description: ' 厨房水龙头漏水 ',
};

describe('the intake body', () => {
  it('sends the agreed visit only for a private repair, and drops the address once a room is chosen', () => {
    const visitAt = dayjs('2026-11-25T02:00:00.000Z');
    const body = toCreateBody({
      ...base,
      repairType: 'private',
      visitAt,
      roomId: ROOM,
      address: '3号楼门口',
    });
    expect(body).toMatchObject({ repairType: 'private', visitAt: visitAt.toISOString(), roomId: ROOM });
    expect(body.address).toBeUndefined();
    expect(body.description).toBe('厨房水龙头漏水');

    const sharedRepair = toCreateBody({ ...base, repairType: 'shared', visitAt });
    expect(sharedRepair.visitAt).toBeUndefined();
    // a repair type picked before the kind changed away from repair is not sent
    expect(
      toCreateBody({ ...base, kind: 'complaint', repairType: 'private', visitAt }).repairType,
    ).toBeUndefined();
  });

  it('sends the on-the-spot result only while the box is ticked', () => {
    const result = { result: ' 已当场更换灯泡 ' };
    expect(toCreateBody({ ...base, onTheSpot: true, resolvedOnTheSpot: result }).resolvedOnTheSpot).toEqual({
      result: '已当场更换灯泡',
    });
    expect(
      toCreateBody({ ...base, onTheSpot: false, resolvedOnTheSpot: result }).resolvedOnTheSpot,
    ).toBeUndefined();
  });

  it('flags a special incident only while the switch is on (HANDLE-7)', () => {
    expect(toCreateBody({ ...base, specialIncident: true }).specialIncident).toBe(true);
    expect(toCreateBody({ ...base, specialIncident: false }).specialIncident).toBeUndefined();
    expect(toCreateBody(base).specialIncident).toBeUndefined();
  });

  it('leaves blank texts and empty lists out, and says whether the reporter is anonymous', () => {
    const body = toCreateBody({
      ...base,
      kind: 'inquiry',
      reporter: { name: '  ', phone: ' 13800001234 ' },
      address: '   ',
      attachmentIds: [],
    });
    expect(body.reporter).toEqual({ name: undefined, phone: '13800001234', anonymous: false });
    expect(body.address).toBeUndefined();
    expect(body.attachmentIds).toBeUndefined();
  });

  it('names the recently closed case it repeats only when the agent linked one (INTAKE-12)', () => {
    const related = '00000000-0000-4000-8000-0000000000d9';
    expect(toCreateBody({ ...base, relatedCaseId: related }).relatedCaseId).toBe(related);
    expect(toCreateBody({ ...base, relatedCaseId: undefined }).relatedCaseId).toBeUndefined();
    expect(toCreateBody(base)).not.toHaveProperty('relatedCaseId', expect.anything());
  });
});
