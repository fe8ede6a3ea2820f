/**
 * What goes into the outbox, in the transaction of its cause (MSG-1, MSG-3, MSG-5, MSG-6, MSG-7): an emergency
 * to its people (both intake paths), the on-call phone outside desk hours, a repair dispatched to its handler, a
 * breach escalated to a tier — each only on the channels the company switched on.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import type { Role } from '../../domain/access/roles';
import { sweep } from '../deadlines/sweeper';
import { outboxMessages } from '../db/schema';
import * as repo from './outbox.repository';

let t: TestApp;
let s: SeededCompany;
let engineeringId: string;
// 09:00 in Shanghai: inside the default desk hours (08:00–20:00)
const DAY = new Date('2026-10-12T01:00:00Z');
// 22:00 in Shanghai
const NIGHT = new Date('2026-10-12T14:00:00Z');
const ON_CALL = '13900001111';

beforeAll(async () => {
  // the test moves the clock by night and day, signing everyone in again each time
  t = await createTestApp({ HUIYIN_LOGIN_MAX_PER_IP: '1000' });
  t.clock.set(DAY);
  s = await t.seedCompany();
  const db = t.database.db;
  await db.execute(sql`update offices set director_id = ${s.users.director.id}, on_call_phone = ${ON_CALL}
    where id = ${s.office.id}`);
  await t.make.messageSettings(s.company.id);
  engineeringId = (
    await t.make.department({
      companyId: s.company.id,
      officeId: s.office.id,
      name: '工程维修组',
      function: 'engineering',
    })
  ).id;
  await t.database.db.execute(
    sql`update users set department_id = ${engineeringId} where id = ${s.users.technician.id}`,
  );
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.set(DAY);
  await s.relogin();
});
const atNight = async () => {
  t.clock.set(NIGHT);
  await s.relogin();
};

async function intake(body: Record<string, unknown>) {
  const res = await s.as('agent')({
    method: 'POST',
    url: '/api/cases',
    payload: {
      channel: 'phone',
      kind: 'repair',
      reporter: { name: '孙女士', phone: '13712345678' },
      address: '翠湖花园2号楼',
      description: '电梯困人',
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

const messagesOf = (caseId: string) =>
  t.database.db.select().from(outboxMessages).where(eq(outboxMessages.caseId, caseId));

async function act(role: Role, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await s.as(role)({ method: 'GET', url: `/api/cases/${id}` })).json();
  const res = await s.as(role)({
    method: 'POST',
    url: `/api/cases/${id}/actions/${action}`,
    payload: { version: current.version, ...body },
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

describe('emergencies (MSG-5, MSG-6)', () => {
  it('a plain emergency intake in desk hours: SMS and webhook to its people, in the intake’s one statement; no on-call', async () => {
    const c = await intake({ severity: 'emergency' });
    const rows = await messagesOf(c.id);
    const toDirector = rows.filter((r) => r.userId === s.users.director.id);
    expect(toDirector.map((r) => r.channel).sort()).toEqual(['sms', 'webhook']);
    expect(toDirector[0]).toMatchObject({
      type: 'emergency',
      recipientKind: 'user',
      status: 'pending',
      params: { number: c.number, kind: '报修' },
    });
    expect(toDirector[0].notificationId).not.toBeNull();
    expect(rows.some((r) => r.type === 'emergency_on_call')).toBe(false);
    // MSG-7: never the reporter
    expect(JSON.stringify(rows)).not.toContain('13712345678');
    expect(JSON.stringify(rows)).not.toContain('孙女士');
  });

  it('outside desk hours the office’s on-call phone is told too — on both intake paths', async () => {
    await atNight();
    const plain = await intake({ severity: 'emergency' });
    const special = await intake({ severity: 'emergency', specialIncident: true });
    for (const c of [plain, special]) {
      const rows = await messagesOf(c.id);
      const onCall = rows.filter((r) => r.type === 'emergency_on_call');
      expect(onCall.map((r) => r.channel).sort(), c.number).toEqual(['sms', 'webhook']);
      expect(onCall[0]).toMatchObject({ recipientKind: 'phone', phone: ON_CALL, userId: null });
      expect(rows.filter((r) => r.type === 'emergency' && r.userId === s.users.director.id)).toHaveLength(2);
    }
  });

  it('no on-call phone, or a night desk open now: no on-call message; not an emergency: nothing', async () => {
    await atNight();
    await t.database.db.execute(
      sql`update offices set desk_opens = '20:00', desk_closes = '08:00' where id = ${s.office.id}`,
    );
    const night = await intake({ severity: 'emergency' });
    expect((await messagesOf(night.id)).some((r) => r.type === 'emergency_on_call')).toBe(false);
    await t.database.db.execute(
      sql`update offices set desk_opens = '08:00', desk_closes = '20:00', on_call_phone = null where id = ${s.office.id}`,
    );
    const none = await intake({ severity: 'emergency' });
    expect((await messagesOf(none.id)).some((r) => r.type === 'emergency_on_call')).toBe(false);
    await t.database.db.execute(sql`update offices set on_call_phone = ${ON_CALL} where id = ${s.office.id}`);
    const general = await intake({ severity: 'general' });
    expect(await messagesOf(general.id)).toEqual([]);
  });

  it('switches off, or a sender without credentials: no row (MSG-3)', async () => {
    const b = await t.make.company();
    await t.make.messageSettings(b.id, {
      senders: [{ channel: 'sms', provider: 'aliyun', secret: null }],
      types: [{ type: 'emergency', channel: 'sms', template: { code: 'SMS_1', params: [] } }],
    });
    const user = await t.make.user({ companyId: b.id });
    const made = await t.database.db.transaction((tx) =>
      repo.enqueue(
        tx,
        [
          {
            companyId: b.id,
            type: 'emergency',
            to: { kind: 'user', userId: user.id },
            params: {},
            expiresAt: NIGHT,
          },
        ],
        DAY,
      ),
    );
    expect(made).toEqual([]);
    await t.database.db.execute(
      sql`update message_type_channels set enabled = false where company_id = ${s.company.id} and type = 'emergency'`,
    );
    const c = await intake({ severity: 'emergency' });
    expect((await messagesOf(c.id)).filter((r) => r.type === 'emergency')).toEqual([]);
    await t.database.db.execute(
      sql`update message_type_channels set enabled = true where company_id = ${s.company.id} and type = 'emergency'`,
    );
  });

  it('a rolled-back cause leaves no message', async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await repo.enqueue(
          tx,
          [
            {
              companyId: s.company.id,
              type: 'emergency_on_call',
              to: { kind: 'phone', phone: ON_CALL },
              params: { number: 'ROLLBACK-1' },
              expiresAt: NIGHT,
            },
          ],
          DAY,
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const { rows } = await t.database.db.execute(
      sql`select 1 from outbox_messages where params->>'number' = 'ROLLBACK-1'`,
    );
    expect(rows).toEqual([]);
  });
});

describe('repairs dispatched and breaches escalated (MSG-5)', () => {
  it('a repair assigned to its handler: repair_dispatched by SMS; the bell stays `assigned`; a complaint: none', async () => {
    const repair = await intake({ severity: 'general' });
    await act('agent', repair.id, 'route', { target: { type: 'department', id: engineeringId } });
    await act('director', repair.id, 'assign', { handlerId: s.users.technician.id });
    const rows = (await messagesOf(repair.id)).filter((r) => r.userId === s.users.technician.id);
    expect(rows.map((r) => [r.type, r.channel]).sort()).toEqual([
      ['repair_dispatched', 'sms'],
      ['repair_dispatched', 'webhook'],
    ]);
    const { rows: bell } = await t.database.db.execute<{ type: string }>(
      sql`select type from notifications where case_id = ${repair.id} and user_id = ${s.users.technician.id}`,
    );
    expect(bell.map((b) => b.type)).toContain('assigned');
    expect(bell.map((b) => b.type)).not.toContain('repair_dispatched');

    const complaint = await intake({ kind: 'complaint', description: '噪音扰民' });
    await act('agent', complaint.id, 'route', { target: { type: 'department', id: engineeringId } });
    await act('director', complaint.id, 'assign', { handlerId: s.users.technician.id });
    // `assigned` is a bell type: by webhook only if switched on (it is not here), never as repair_dispatched
    expect(await messagesOf(complaint.id)).toEqual([]);
  });

  it('a breach escalated by the sweep: breach_escalated to the tier’s people, in the sweep’s one outbox statement', async () => {
    const c = await intake({ kind: 'complaint', description: '物业费争议' });
    t.clock.set(new Date(DAY.getTime() + 7 * 24 * 3_600_000));
    await sweep(t.database.db, t.clock, { companyId: s.company.id });
    const rows = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.caseId, c.id), eq(outboxMessages.type, 'breach_escalated')));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].params).toMatchObject({ number: c.number, tier: '1' });
    expect(rows[0].params).toHaveProperty('clock');
  });
});
