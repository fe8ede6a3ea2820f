import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
});
afterAll(() => t.close());

async function room(officeId: string, number: string) {
  const community = await t.make.community({ officeId, name: `查询花园${number}` });
  const building = await t.make.building({ communityId: community.id, name: '3号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '2单元' });
  return t.make.room({ unitId: unit.id, number });
}

const lookup = (role: Parameters<SeededCompany['as']>[0], phone: string) =>
  s.as(role)({ method: 'GET', url: `/api/lookup/caller?phone=${encodeURIComponent(phone)}` });

describe('caller lookup (api.md Lookup: phones compared in canonical form)', () => {
  it('finds every resident holding the phone, however it is written, with their rooms', async () => {
    const r1 = await room(s.office.id, '501');
    const r2 = await room(s.office.id, '502');
    const husband = await t.make.resident({
      name: '周建国',
      phones: ['13812345678'],
      rooms: [
        { roomId: r1.id, relation: 'owner' },
        { roomId: r2.id, relation: 'owner' },
      ],
    });
    const wife = await t.make.resident({
      name: '林秀英',
      phones: ['+86 138 1234 5678'],
      rooms: [{ roomId: r1.id, relation: 'family' }],
    });
    for (const phone of ['+86 138-1234-5678', '008613812345678', '138 1234 5678']) {
      const res = await lookup('agent', phone);
      expect(res.statusCode, phone).toBe(200);
      const body = res.json();
      expect(body.residents.map((r: { id: string }) => r.id).sort(), phone).toEqual(
        [husband.id, wife.id].sort(),
      );
      expect(body.rooms.map((r: { label: string }) => r.label).sort()).toEqual([
        '查询花园501 3号楼2单元501',
        '查询花园502 3号楼2单元502',
      ]);
      expect(body.openCases).toEqual([]);
    }
    expect((await lookup('agent', '13812345679')).json().residents).toEqual([]);
  });

  it('is masked for technicians and limited to the caller’s offices', async () => {
    const near = await room(s.office.id, '601');
    const far = await room(s.otherOffice.id, '602');
    await t.make.resident({ name: '张三', phones: ['13912345678'], rooms: [{ roomId: near.id }] });
    const farOne = await t.make.resident({
      name: '李四',
      phones: ['13912345678'],
      rooms: [{ roomId: far.id }],
    });
    const tech = (await lookup('technician', '13912345678')).json();
    expect(tech.residents).toHaveLength(1);
    expect(tech.residents[0]).toMatchObject({ name: '张*', phones: ['139****5678'] });
    expect(tech.rooms.map((r: { id: string }) => r.id)).toEqual([near.id]);
    const manager = (await lookup('manager', '13912345678')).json();
    expect(manager.residents.map((r: { id: string }) => r.id)).toContain(farOne.id);
    expect(manager.residents.map((r: { name: string }) => r.name).sort()).toEqual(['张三', '李四'].sort());
  });

  it('another company’s residents are never found; a non-phone is a 400', async () => {
    const other = await t.seedCompany();
    const theirRoom = await room(other.office.id, '701');
    await t.make.resident({ name: '外人', phones: ['13700009999'], rooms: [{ roomId: theirRoom.id }] });
    expect((await lookup('admin', '13700009999')).json()).toEqual({
      residents: [],
      rooms: [],
      openCases: [],
    });
    const bad = await lookup('agent', 'abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['querystring.phone']).toBe('电话号码格式不正确');
    const empty = await s.as('agent')({ method: 'GET', url: '/api/lookup/caller?phone=' });
    expect(empty.json()).toEqual({ residents: [], rooms: [], openCases: [] });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/lookup/caller?phone=13700009999' })).statusCode,
    ).toBe(401);
  });
});
