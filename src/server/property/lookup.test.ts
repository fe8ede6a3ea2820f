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

describe('caller lookup (REGISTER-5: phones compared in canonical form)', () => {
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
      recentlyClosed: [],
    });
    const bad = await lookup('agent', 'abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['querystring.phone']).toBe('电话号码格式不正确');
    const empty = await s.as('agent')({ method: 'GET', url: '/api/lookup/caller?phone=' });
    expect(empty.json()).toEqual({ residents: [], rooms: [], openCases: [], recentlyClosed: [] });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/lookup/caller?phone=13700009999' })).statusCode,
    ).toBe(401);
  });
});

describe('caller lookup finds a case by its reporter’s phone only for those who may see the reporter (PRIV-3, 001 通知 二.2; INTAKE-5 anonymity, ours)', () => {
  const open = async (role: Parameters<SeededCompany['as']>[0], phone: string) =>
    ((await lookup(role, phone)).json().openCases as { id: string }[]).map((c) => c.id);
  const search = async (role: Parameters<SeededCompany['as']>[0], q: string) =>
    (
      (await s.as(role)({ method: 'GET', url: `/api/cases?q=${encodeURIComponent(q)}` })).json().items as {
        id: string;
      }[]
    ).map((c) => c.id);
  const intake = async (reporter: Record<string, unknown>, description: string) => {
    const res = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: { channel: 'phone', kind: 'complaint', description, reporter },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string };
  };

  it('an anonymous complaint: only its first responder and the office’s director find it by phone; technician, supervisor and the rest do not, by lookup or q', async () => {
    const phone = '13766665555';
    const c = await intake({ name: '王秘密', phone, anonymous: true }, '楼上装修噪音扰民');
    // The agent took it (first responder) and the director organises its callback: they know who called.
    expect(await open('agent', phone)).toContain(c.id);
    expect(await open('director', phone)).toContain(c.id);
    for (const role of ['technician', 'supervisor', 'auditor', 'manager', 'admin'] as const) {
      expect(await open(role, `+86 ${phone}`), role).not.toContain(c.id);
      // Still a case they may open: found by what is not the reporter (its number, its matter).
      expect(await search(role, c.number), role).toContain(c.id);
    }
    for (const role of ['technician', 'supervisor'] as const) {
      expect(await search(role, phone), role).not.toContain(c.id);
      expect(await search(role, '王秘密'), role).not.toContain(c.id);
      expect(await search(role, '装修噪音'), role).toContain(c.id);
    }
  });

  it('a named reporter: found by phone by those who see the contact in full (agent, supervisor, director, manager), not by the technician or auditor who get it masked', async () => {
    const phone = '13766664444';
    const c = await intake({ name: '赵公开', phone }, '单元门门禁坏了');
    for (const role of ['agent', 'supervisor', 'director', 'manager'] as const)
      expect(await open(role, phone), role).toContain(c.id);
    for (const role of ['technician', 'auditor', 'admin'] as const) {
      expect(await open(role, phone), role).not.toContain(c.id);
      expect(await search(role, c.number), role).toContain(c.id);
    }
  });
});

describe('the intake screen’s duplicate hint comes from the domain’s rule, sent with the caller lookup (ours: same category, same room or caller, not closed, within 7 days)', () => {
  it('marks the open cases the rule holds likely duplicates of the case being recorded', async () => {
    const r = await room(s.office.id, '808');
    const other = await room(s.office.id, '809');
    await t.make.resident({ name: '钱多多', phones: ['13655556666'], rooms: [{ roomId: r.id }] });
    const categories = (await s.as('agent')({ method: 'GET', url: '/api/categories' })).json().items as {
      id: string;
      code: string;
    }[];
    const leak = categories.find((c) => c.code.startsWith('facility_repair'))!.id;
    const noise = categories.find((c) => !c.code.startsWith('facility_repair'))!.id;
    const c = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        kind: 'repair',
        roomId: r.id,
        categoryId: leak,
        reporter: { name: '钱多多', phone: '13655556666' },
        description: '厨房水管渗水',
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    const marks = async (query: string) => {
      const res = await s.as('agent')({
        method: 'GET',
        url: `/api/lookup/caller?phone=136-5555-6666${query}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return Object.fromEntries(
        (res.json().openCases as { id: string; likelyDuplicate: boolean }[]).map((o) => [
          o.id,
          o.likelyDuplicate,
        ]),
      );
    };
    const id = c.json().id as string;
    // same category, same room: likely
    expect((await marks(`&categoryId=${leak}&roomId=${r.id}`))[id]).toBe(true);
    // same category, same caller, another room: likely
    expect((await marks(`&categoryId=${leak}&roomId=${other.id}`))[id]).toBe(true);
    // another category, or none named: not
    expect((await marks(`&categoryId=${noise}&roomId=${r.id}`))[id]).toBe(false);
    expect((await marks(''))[id]).toBe(false);
    // eight days later it is outside the window
    const later = new Date(t.clock.now().getTime() + 8 * 86_400_000);
    t.clock.set(later);
    await s.relogin();
    expect((await marks(`&categoryId=${leak}&roomId=${r.id}`))[id]).toBe(false);
  });
});
