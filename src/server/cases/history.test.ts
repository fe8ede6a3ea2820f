/**
 * SEARCH-2: a resident's history — the case search by the reporter's phone or name, only where the viewer may see
 * who reported (PRIV-3), and a room's cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories } from '../db/schema';
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

  it('INTAKE-12 the lookup shows a case of the same room and category closed recently; a new case linked to it tells the supervisor', async () => {
    const [leak] = await t.database.db
      .insert(categories)
      .values({ companyId: s.company.id, name: '漏水' })
      .returning({ id: categories.id });
    const first = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        kind: 'inquiry',
        roomId,
        categoryId: leak.id,
        reporter: { name: '褚卫东', phone: '13912345678' },
        description: '卫生间顶部渗水',
        resolvedOnTheSpot: { result: '已告知楼上住户检查' },
      },
    });
    expect(first.json().state).toBe('closed');
    const lookup = await s.as('agent')({
      method: 'GET',
      url: `/api/lookup/caller?phone=13912345678&roomId=${roomId}&categoryId=${leak.id}`,
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json().recentlyClosed.map((c: { id: string }) => c.id)).toEqual([first.json().id]);
    // another category: no repeat
    const other = await s.as('agent')({
      method: 'GET',
      url: `/api/lookup/caller?phone=13912345678&roomId=${roomId}`,
    });
    expect(other.json().recentlyClosed).toEqual([]);
    // a letter with no phone: the room and the category alone find the repeat, and nothing about a caller
    const noPhone = await s.as('agent')({
      method: 'GET',
      url: `/api/lookup/caller?roomId=${roomId}&categoryId=${leak.id}`,
    });
    expect(noPhone.statusCode, noPhone.body).toBe(200);
    expect(noPhone.json()).toMatchObject({ residents: [], rooms: [], openCases: [] });
    expect(noPhone.json().recentlyClosed.map((c: { id: string }) => c.id)).toEqual([first.json().id]);

    const again = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        kind: 'complaint',
        roomId,
        categoryId: leak.id,
        reporter: { name: '褚卫东', phone: '13912345678' },
        description: '卫生间又渗水了',
        relatedCaseId: first.json().id,
      },
    });
    expect(again.statusCode, again.body).toBe(201);
    const detail = (await s.as('agent')({ method: 'GET', url: `/api/cases/${again.json().id}` })).json();
    expect(detail.timeline[0].data).toMatchObject({
      relatedCaseId: first.json().id,
      relatedCaseNumber: first.json().number,
    });
    const bell = (await s.as('supervisor')({ method: 'GET', url: '/api/notifications' })).json();
    expect(
      bell.items.some(
        (n: { type: string; caseId: string }) => n.type === 'repeat' && n.caseId === again.json().id,
      ),
    ).toBe(true);
    // the supervisor may reopen the closed one
    const closed = (await s.as('supervisor')({ method: 'GET', url: `/api/cases/${first.json().id}` })).json();
    expect(closed.allowedActions).toContain('reopen');
    const unknown = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        kind: 'complaint',
        description: 'x',
        relatedCaseId: '00000000-0000-4000-8000-000000000001',
      },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('SEARCH-2 a room’s cases', async () => {
    const ofRoom = await search('agent', `roomId=${roomId}`);
    expect(ofRoom).toEqual(expect.arrayContaining([ids.named, ids.again]));
    expect(ofRoom).not.toContain(ids.elsewhere);
    expect(ofRoom).not.toContain(ids.anonymous);
  });
});
