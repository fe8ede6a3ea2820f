/**
 * SEARCH-2: a resident's history — the case search by the reporter's phone or name, only where the viewer may see
 * who reported (PRIV-3), and a room's cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
let roomId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  const community = await t.make.community({ officeId: s.office.id, name: '翠湖花园' });
  const building = await t.make.building({ communityId: community.id, name: '6号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '1单元' });
  roomId = (await t.make.room({ unitId: unit.id, number: '601' })).id;
  const intake = async (body: Record<string, unknown>) => {
    const res = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: { channel: 'phone', kind: 'repair', description: '厨房下水道堵塞', ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  ids.named = await intake({ roomId, reporter: { name: '褚卫东', phone: '139 1234 5678' } });
  ids.again = await intake({ roomId, reporter: { name: '褚卫东', phone: '13912345678' }, kind: 'complaint' });
  ids.anonymous = await intake({ reporter: { name: '蒋红', phone: '13600001111', anonymous: true } });
  ids.elsewhere = await intake({ reporter: { name: '沈明', phone: '13700002222' } });
});
afterAll(() => t.close());

const search = async (role: keyof SeededCompany['users'], query: string) => {
  const res = await s.as(role)({ method: 'GET', url: `/api/cases?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((c) => c.id).sort();
};

describe('SEARCH-2 a resident’s history', () => {
  it('SEARCH-2 the agent finds a resident’s cases by phone in any written form, and by name', async () => {
    expect(await search('agent', 'q=%2B86%20139-1234-5678')).toEqual([ids.named, ids.again].sort());
    expect(await search('agent', `q=${encodeURIComponent('褚卫东')}`)).toEqual([ids.named, ids.again].sort());
  });

  it('SEARCH-2 (PRIV-3) no match through a reporter the viewer may not see: the technician, an anonymous reporter', async () => {
    expect(await search('technician', 'q=13912345678')).toEqual([]);
    // the first responder knows the anonymous reporter; the supervisor of the office does not
    expect(await search('agent', 'q=13600001111')).toEqual([ids.anonymous]);
    expect(await search('supervisor', 'q=13600001111')).toEqual([]);
  });

  it('SEARCH-2 a room’s cases', async () => {
    expect(await search('agent', `roomId=${roomId}`)).toEqual([ids.named, ids.again].sort());
  });
});
