/**
 * The company's report policy (LEDGER-1 004 第十三条, PROBLEM-1 000 §9; amounts and thresholds are policy): who reads and who changes it, field
 * errors that change nothing, the stale version, every bound accepted by the readers too, and a changed amount and
 * window actually used by the duty ledger and by recurring-problem detection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { deriveDutyViolations } from '../accountability/accountability.service';
import { categories } from '../db/schema';
import { sweep } from '../deadlines/sweeper';
import { detectProblems } from '../problems/problems.service';

let t: TestApp;
let s: SeededCompany;
let roomId: string;
let rooms: string[];
let leak: string;

/** Monday 12 October 2026, 09:00 in Shanghai. */
const T0 = new Date('2026-10-12T01:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

const get = (role: Parameters<SeededCompany['as']>[0] = 'director') =>
  s.as(role)({ method: 'GET', url: '/api/report-policy' });
const put = (payload: object, role: Parameters<SeededCompany['as']>[0] = 'admin') =>
  s.as(role)({ method: 'PUT', url: '/api/report-policy', payload });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(T0);
  s = await t.seedCompany();
  const community = await t.make.community({ officeId: s.office.id, name: '翠湖花园' });
  const building = await t.make.building({ communityId: community.id, name: '3号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '2单元' });
  rooms = [];
  for (let i = 0; i < 3; i++) rooms.push((await t.make.room({ unitId: unit.id, number: `${i + 5}01` })).id);
  roomId = rooms[0];
  [{ id: leak }] = await t.database.db
    .insert(categories)
    .values({ companyId: s.company.id, name: '漏水' })
    .returning();
});
afterAll(() => t.close());

describe('reading the report policy', () => {
  it('a company that changed nothing reads the defaults (50 and 100 yuan, 30 days, 3 cases …)', async () => {
    const res = await get();
    expect(res.statusCode, res.body).toBe(200);
    const defaults = {
      firstResponderAmount: 50,
      departmentAmount: 100,
      problemWindowDays: 30,
      problemMinCases: 3,
      similarityThreshold: 0.6,
      problemKinds: ['complaint', 'repair'],
      publicMinGroupSize: 3,
    };
    expect(res.json()).toEqual({
      values: {},
      effective: defaults,
      defaults,
      version: 1,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('whoever sees reports reads it; agents and technicians do not', async () => {
    for (const role of ['admin', 'manager', 'director', 'supervisor', 'auditor'] as const)
      expect((await get(role)).statusCode, role).toBe(200);
    for (const role of ['agent', 'technician'] as const) expect((await get(role)).statusCode, role).toBe(403);
  });
});

describe('changing the report policy (admins only)', () => {
  it('is 403 for every other role, and changes nothing', async () => {
    for (const role of ['manager', 'director', 'supervisor', 'agent', 'auditor'] as const) {
      const res = await put({ version: 1, values: { firstResponderAmount: 80 } }, role);
      expect(res.statusCode, role).toBe(403);
    }
    expect((await get()).json()).toMatchObject({ version: 1 });
    expect((await get()).json().values).toEqual({});
  });

  it('a bad value is a 400 naming each field in the request’s language; nothing is changed', async () => {
    const res = await s.as('admin')({
      method: 'PUT',
      url: '/api/report-policy',
      headers: { 'accept-language': 'zh-CN' },
      payload: {
        version: 1,
        values: {
          firstResponderAmount: -1,
          departmentAmount: 12.5,
          problemWindowDays: 400,
          problemMinCases: 1,
          similarityThreshold: 0,
          problemKinds: ['complaint', 'noise'],
          publicMinGroupSize: 0,
          surprise: 1,
        },
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    const { fields } = res.json().error;
    expect(fields).toMatchObject({
      'values.firstResponderAmount': '不能小于 0',
      'values.departmentAmount': '必须是整数',
      'values.problemWindowDays': '不能大于 366',
      'values.problemMinCases': '不能小于 2',
      'values.similarityThreshold': '不能小于 0.1',
      'values.problemKinds.1': expect.any(String),
      'values.publicMinGroupSize': '不能小于 1',
    });
    const en = await s.as('admin')({
      method: 'PUT',
      url: '/api/report-policy',
      headers: { 'accept-language': 'en-US' },
      payload: { version: 1, values: { problemMinCases: 1 } },
    });
    expect(en.json().error.fields).toEqual({ 'values.problemMinCases': 'Must be at least 2' });
    const empty = await put({ version: 1, values: { problemKinds: [] } });
    expect(Object.keys(empty.json().error.fields)).toEqual(['values.problemKinds']);
    expect((await get()).json()).toMatchObject({ version: 1, updatedAt: null });
    expect((await get()).json().values).toEqual({});
  });

  it('every bound the contract accepts is the value the readers apply (no silent fallback to a default)', async () => {
    let version = (await get()).json().version;
    for (const values of [
      {
        firstResponderAmount: 0,
        departmentAmount: 0,
        problemWindowDays: 1,
        problemMinCases: 2,
        similarityThreshold: 0.1,
        problemKinds: ['other'],
        publicMinGroupSize: 1,
      },
      {
        firstResponderAmount: 100_000,
        departmentAmount: 100_000,
        problemWindowDays: 366,
        problemMinCases: 1000,
        similarityThreshold: 1,
        problemKinds: ['complaint', 'repair', 'inquiry', 'suggestion', 'praise', 'other'],
        publicMinGroupSize: 100,
      },
    ]) {
      const res = await put({ version, values });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().values).toEqual(values);
      expect(res.json().effective).toEqual(values);
      version = res.json().version;
    }
    // back to the defaults: an empty object
    const reset = await put({ version, values: {} });
    expect(reset.json().values).toEqual({});
    expect(reset.json().effective).toEqual(reset.json().defaults);
  });

  it('saves with the version read, records who and when, and answers 409 to a stale version', async () => {
    const before = (await get()).json();
    const from = t.clock.now().getTime();
    const res = await put({
      version: before.version,
      values: { departmentAmount: 150, problemKinds: ['repair', 'repair', 'complaint'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: before.version + 1,
      values: { departmentAmount: 150, problemKinds: ['repair', 'complaint'] },
      effective: { departmentAmount: 150, firstResponderAmount: 50, problemKinds: ['repair', 'complaint'] },
      updatedBy: { id: s.users.admin.id },
    });
    // the app clock's time of the change
    const at = new Date(res.json().updatedAt).getTime();
    expect(at).toBeGreaterThanOrEqual(from);
    expect(at).toBeLessThanOrEqual(t.clock.now().getTime());
    expect((await get('auditor')).json()).toEqual(res.json());

    const stale = await put({ version: before.version, values: { departmentAmount: 999 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'version_conflict',
      details: { currentVersion: before.version + 1 },
    });
    expect((await get()).json().effective.departmentAmount).toBe(150);
  });

  it('has its own version: changing the clock policy does not make it stale, nor the other way round', async () => {
    const clock = (await s.as('admin')({ method: 'GET', url: '/api/policies' })).json();
    const mine = (await get()).json();
    const changedClock = await s.as('admin')({
      method: 'PUT',
      url: '/api/policies',
      payload: { version: clock.version, clockPolicy: {}, numberPrefixes: { complaint: 'TS' } },
    });
    expect(changedClock.statusCode, changedClock.body).toBe(200);
    const res = await put({ version: mine.version, values: mine.values });
    expect(res.statusCode, res.body).toBe(200);
    const again = await s.as('admin')({
      method: 'PUT',
      url: '/api/policies',
      payload: { version: changedClock.json().version, clockPolicy: {}, numberPrefixes: {} },
    });
    expect(again.statusCode, again.body).toBe(200);
    // the clock policy's change kept the report policy's values
    expect((await get()).json().values).toEqual(mine.values);
  });
});

describe('the changed policy is the one in force', () => {
  it('the duty ledger files a first responder’s violation with the company’s amount (80, not 50 yuan)', async () => {
    const version = (await get()).json().version;
    expect((await put({ version, values: { firstResponderAmount: 80 } })).statusCode).toBe(200);

    t.clock.set(T0);
    const c = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        kind: 'complaint',
        roomId,
        reporter: { name: '李四' },
        description: '楼上装修噪音扰民',
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    // the route clock (60 minutes, 004 第十条) runs out
    t.clock.set(new Date(T0.getTime() + 61 * MIN));
    await sweep(t.database.db, t.clock, { companyId: s.company.id });
    await deriveDutyViolations(t.database.db, t.clock, { companyId: s.company.id, year: 2026, month: 10 });

    const res = await s.as('director')({
      method: 'GET',
      url: '/api/accountability/violations?year=2026&month=10',
    });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().items.filter((v: { case: { id: string } }) => v.case.id === c.json().id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'first_responder_route_breached',
        subject: expect.objectContaining({ id: s.users.agent.id }),
        amount: 80,
      }),
    ]);
  });

  it('detection looks back over the company’s window: 3 leaks 31–33 days old make a problem only with 45 days', async () => {
    for (let i = 0; i < 3; i++) {
      t.clock.set(new Date(T0.getTime() + i * DAY));
      await s.relogin();
      const res = await s.as('agent')({
        method: 'POST',
        url: '/api/cases',
        payload: {
          channel: 'phone',
          kind: 'repair',
          roomId: rooms[i],
          categoryId: leak,
          reporter: { name: '王五' },
          description: '卫生间漏水',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // 35 days after the first: the newest is 33 days old
    t.clock.set(new Date(T0.getTime() + 35 * DAY));
    expect(await detectProblems(t.database.db, t.clock, { companyId: s.company.id })).toEqual({
      created: 0,
      linked: 0,
    });

    await s.relogin();
    const version = (await get()).json().version;
    const res = await put({ version, values: { ...(await get()).json().values, problemWindowDays: 45 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await detectProblems(t.database.db, t.clock, { companyId: s.company.id })).toEqual({
      created: 1,
      linked: 3,
    });
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from problems where company_id = ${s.company.id} and category_id = ${leak}`,
    );
    expect(rows[0].n).toBe(1);
  });
});
