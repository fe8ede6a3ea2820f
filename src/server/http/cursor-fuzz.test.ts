/**
 * List cursors are client input (a cursor is client input; API-4: the cursor is opaque). Every registered GET route
 * whose querystring declares `cursor` — taken from the route table, so a new list is swept without editing this
 * file — gets random and hand-made cursors: wrong types, nested arrays, impossible dates, huge strings, NUL bytes,
 * other lists' real cursors. None may answer 5xx; one that cannot be any list's cursor is 400 validation_failed on
 * `querystring.cursor`, like any other bad query value.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURSOR_MAX } from '../../contracts/common';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { dutyViolations, feeItems, monthlySummaries, problems } from '../db/schema';
import { notify } from '../notifications/notifications.service';

let t: TestApp;
let s: SeededCompany;
/** the GET routes that take a cursor, their path parameters filled with company A's ids */
let lists: { route: string; url: string }[];
/** a real next-page cursor of each list that has two rows or more */
const realCursors = new Map<string, string>();
/** ids of company A's rows, for the lists under an :id */
let pathIds: Record<string, string>;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b';

const get = (url: string, cursor?: string) =>
  s.as('admin')({
    method: 'GET',
    url:
      cursor === undefined
        ? url
        : `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
  });

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  const companyId = s.company.id;
  const officeId = s.office.id;
  const admin = s.users.admin.id;
  // Two rows of every list (seedCompany has users and two offices already), so each list has a next page.
  for (const n of [1, 2]) {
    await t.make.department({ companyId, officeId, name: `客服中心${n}` });
    await t.make.partnerUnit({ companyId, name: `水务公司${n}` });
    await t.database.db
      .insert(feeItems)
      .values({ companyId, name: `收费项${n}`, unit: '次', priceFen: 100 * n });
  }
  const community = await t.make.community({ officeId, name: '一号小区' });
  await t.make.community({ officeId, name: '二号小区' });
  const building = await t.make.building({ communityId: community.id, name: '1号楼' });
  await t.make.building({ communityId: community.id, name: '2号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '1单元' });
  await t.make.unit({ buildingId: building.id, name: '2单元' });
  const room = await t.make.room({ unitId: unit.id, number: '101' });
  await t.make.room({ unitId: unit.id, number: '102' });
  await t.make.resident({ rooms: [{ roomId: room.id }], name: '张三', phones: ['13900000001'] });
  await t.make.resident({ rooms: [{ roomId: room.id }], name: '李四', phones: ['13900000002'] });
  const caseIds: string[] = [];
  for (const n of [1, 2]) {
    const res = await s.as('admin')({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        kind: 'complaint',
        roomId: room.id,
        reporter: { name: '张三', phone: '13900000001' },
        description: `楼道灯不亮 ${n}`,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    caseIds.push(res.json().id);
  }
  const now = t.clock.now();
  for (const n of [1, 2]) {
    await t.database.db.transaction((tx) =>
      notify(tx, { companyId, userIds: [admin], type: 'assigned', at: now }),
    );
    await t.database.db.insert(dutyViolations).values({
      companyId,
      officeId,
      year: 2026,
      month: 11,
      subjectType: 'user',
      subjectId: admin,
      kind: 'first_responder_route_breached',
      caseId: caseIds[n - 1],
      clockName: 'route',
      evidence: { caseNumber: `C${n}`, timelineSeq: 1 },
      occurredAt: now,
      amount: 50,
    });
    await t.database.db.insert(problems).values({
      companyId,
      officeId,
      communityId: community.id,
      scopeType: 'community',
      scopeId: community.id,
      title: `一号小区 · 问题${n}`,
      detectedAt: now,
      clusterKey: `community:${community.id}:${n}`,
    });
  }
  const [summary] = await t.database.db
    .insert(monthlySummaries)
    .values({ companyId, officeId, year: 2026, month: 11, draftedAt: now })
    .returning({ id: monthlySummaries.id });
  pathIds = { '/api/reports/monthly/:id/cases': summary.id };

  lists = t.app.registeredRoutes
    .filter((r) => r.method === 'GET' && r.query.includes('cursor'))
    .map((r) => ({
      route: r.url,
      url: r.url.includes(':') ? r.url.replace(/:\w+/g, () => pathIds[r.url] ?? ':missing') : r.url,
    }));
  for (const { route, url } of lists) {
    const res = await get(`${url}?limit=1`);
    expect(res.statusCode, `${route} ${res.body}`).toBe(200);
    const next = res.json().nextCursor as string | null;
    if (next) realCursors.set(route, next);
  }
}, 120_000);
afterAll(() => t.close());

/** The answer to a cursor that is not the list's: 400 validation_failed naming querystring.cursor. */
function expectCursorRefused(res: Awaited<ReturnType<typeof get>>, what: string) {
  expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBe(400);
  expect(res.json().error.code, what).toBe('validation_failed');
  expect(Object.keys(res.json().error.fields ?? {}), what).toContain('querystring.cursor');
}

// ── arbitraries ───────────────────────────────────────────────────────────────────────────────────────────

/** What no list's key element can be: every key starts with a text, a time, an integer or null. */
const notAScalar = fc.oneof(
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
  fc.boolean(),
);
/** Anything a key element might be, near misses included. */
const element = fc.oneof(
  fc.constantFrom(
    '2026-11-24T02:00:00.000Z',
    '2026-02-31T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '2026-11-24',
    'infinity',
    '',
    'a\u0000b',
    "'; drop table users; --",
    ID,
    'not-a-uuid',
    null,
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e300, -0),
  fc.string({ maxLength: 60, unit: 'grapheme' }),
  fc.string({ minLength: 300, maxLength: 400 }),
  fc.uuid(),
  notAScalar,
);
const count = fc.oneof(fc.nat(10_001), fc.integer(), fc.double(), fc.constant(null));

/** Cursors no list can have written. */
const malformed = fc.oneof(
  // raw text that is no base64url JSON
  fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }),
  fc.string({ minLength: CURSOR_MAX + 1, maxLength: 3 * CURSOR_MAX }),
  // any JSON value: none holds a uuid, which ends every key
  fc.jsonValue().map(b64),
  // a structure where the sort key goes: the crafted [[1,2], id] (42P18 on users, departments, offices, partners)
  fc.tuple(notAScalar, fc.uuid()).map(b64),
  fc.tuple(notAScalar, fc.uuid(), count).map(b64),
  fc.tuple(fc.uuid(), notAScalar).map(b64),
  // more elements than any key and count
  fc.array(element, { minLength: 4, maxLength: 8 }).map(b64),
  // a key too long for any cursor
  fc.string({ minLength: CURSOR_MAX + 1, maxLength: 2 * CURSOR_MAX }).map((text) => b64([text, ID])),
);

/** Cursors that may or may not be the list's: real ones of every list, and real ones with one element changed. */
const anyCursor = () =>
  fc.oneof(
    fc.constantFrom(...realCursors.values()),
    fc.tuple(fc.constantFrom(...realCursors.values()), fc.nat(3), element).map(([real, at, value]) => {
      const key = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as unknown[];
      key[Math.min(at, key.length)] = value;
      return b64(key);
    }),
    fc.tuple(element, fc.uuid()).map(b64),
    fc.tuple(element, fc.uuid(), count).map(b64),
    fc.tuple(element, element, fc.uuid()).map(b64),
  );

describe('every list refuses a cursor it did not write with a 400, never a 5xx (a cursor is client input)', () => {
  it('finds the lists in the route table and a real cursor of most of them', () => {
    expect(lists.map((l) => l.route)).toEqual(
      expect.arrayContaining(['/api/users', '/api/offices', '/api/departments', '/api/partner-units']),
    );
    const unfilled = lists.filter((l) => l.url.includes(':missing')).map((l) => l.route);
    expect(unfilled, 'list routes whose path parameters this test cannot fill: add them to pathIds').toEqual(
      [],
    );
    expect(lists.length).toBeGreaterThanOrEqual(15);
    expect(realCursors.size).toBeGreaterThanOrEqual(14);
  });

  it('takes back its own cursor: the next page', async () => {
    for (const { route, url } of lists) {
      const cursor = realCursors.get(route);
      if (!cursor) continue;
      const res = await get(`${url}?limit=1`, cursor);
      expect(res.statusCode, `${route} ${res.body}`).toBe(200);
      expect(res.json().items.length, route).toBe(1);
    }
  });

  it('refuses the crafted [[1,2], id] with 400 validation_failed on every list', async () => {
    for (const { route, url } of lists) expectCursorRefused(await get(url, b64([[1, 2], ID])), route);
  });

  it('refuses every malformed cursor with 400 validation_failed on querystring.cursor (property)', async () => {
    for (const { route, url } of lists)
      await fc.assert(
        fc.asyncProperty(malformed, async (cursor) => {
          expectCursorRefused(await get(url, cursor), `${route} cursor=${cursor.slice(0, 120)}`);
        }),
        { numRuns: 15 },
      );
  }, 60_000);

  it('answers any cursor, another list’s too, with its page or that 400, never a 5xx (property)', async () => {
    for (const { route, url } of lists)
      await fc.assert(
        fc.asyncProperty(anyCursor(), async (cursor) => {
          const res = await get(url, cursor);
          const what = `${route} cursor=${Buffer.from(cursor, 'base64url').toString('utf8').slice(0, 200)}`;
          expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode !== 200) expectCursorRefused(res, what);
        }),
        { numRuns: 15 },
      );
  }, 60_000);
});

describe('a list reads back every cursor it writes (a cursor is client input)', () => {
  it('pages rooms whose names are as long as the contracts allow (the sort key of four names)', async () => {
    // Names at their contract maxima (community 100, building 50, unit 50, room number 30), CJK and digit runs:
    // the rooms' sort key holds all four, each digit run grown by its length prefix (property.repository.ts).
    const long = (max: number) => `${'楼'.repeat(max - 10)}1234567890`.slice(0, max);
    const community = await t.make.community({ officeId: s.office.id, name: long(100) });
    const building = await t.make.building({ communityId: community.id, name: long(50) });
    const unit = await t.make.unit({ buildingId: building.id, name: long(50) });
    await t.make.room({ unitId: unit.id, number: `${long(29)}1` });
    await t.make.room({ unitId: unit.id, number: `${long(29)}2` });
    const url = `/api/rooms?communityId=${community.id}&limit=1`;
    const first = await get(url);
    expect(first.statusCode, first.body).toBe(200);
    const second = await get(url, first.json().nextCursor);
    expect(second.statusCode, second.body.slice(0, 300)).toBe(200);
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
  });

  it('has a cursor per order for the cases list: a due time may be null by next due, never by arrival', async () => {
    const byDue = await get('/api/cases?sort=nextDue&limit=1');
    expect(byDue.statusCode, byDue.body).toBe(200);
    const [, id, counted] = JSON.parse(Buffer.from(byDue.json().nextCursor, 'base64url').toString('utf8'));
    // the cases with no running clock end the next-due order: their cursor's time is null
    expect((await get('/api/cases?sort=nextDue&limit=1', b64([null, id, counted]))).statusCode).toBe(200);
    expect((await get('/api/cases?sort=nextDue&limit=1', byDue.json().nextCursor)).statusCode).toBe(200);
    expectCursorRefused(await get('/api/cases?limit=1', b64([null, id, counted])), 'received, null time');
    expectCursorRefused(await get('/api/cases?sort=nextDue&limit=1', b64([[1, 2], id, counted])), 'nextDue');
    expectCursorRefused(await get('/api/cases?sort=nextDue&limit=1', b64([null, id])), 'nextDue, no count');
  });
});
