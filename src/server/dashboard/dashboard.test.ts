/**
 * REPORT-7 — the dashboard for directors and managers, on a small planted set (Asia/Shanghai, now = 24 Nov
 * 2026 10:00 local): every count worked out by hand below; scope by office and community; another company's data
 * and ids never show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { FORMULA_KEYS } from '../../domain/metrics/rates';
import { categories } from '../db/schema';

type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

let t: TestApp;
let s: SeededCompany;
let director2: Inject;
let otherManager: Inject;
const ids: Record<string, string> = {};
let n = 0;

/** A local Shanghai time as an instant. */
const local = (at: string) => new Date(`${at}+08:00`);
const NOW = local('2026-11-24T10:00:00');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

async function plant(c: {
  companyId?: string;
  userId?: string;
  officeId: string;
  communityId: string;
  kind: string;
  state: string;
  receivedAt: Date;
  categoryId?: string;
  nextDueAt?: Date;
  invalid?: boolean;
}) {
  const userId = c.userId ?? s.users.agent.id;
  const { rows } = await t.database.db.execute<{ id: string }>(sql`insert into cases
      (company_id, number, channel, kind, severity, state, received_at, recorded_by_id, first_responder_id,
       description, office_id, community_id, category_id, next_due_at, invalid)
    values (${c.companyId ?? s.company.id}, ${`T-${++n}`}, 'phone', ${c.kind}, 'normal', ${c.state}, ${c.receivedAt},
      ${userId}, ${userId}, '测试', ${c.officeId}, ${c.communityId}, ${c.categoryId ?? null}, ${c.nextDueAt ?? null},
      ${c.invalid ?? false})
    returning id`);
  return rows[0].id;
}

async function clockOf(caseId: string, name: string, dueAt: Date, metAt: Date | null, breached = false) {
  await t.database.db
    .execute(sql`insert into case_clocks (company_id, case_id, name, started_at, due_at, met_at, breached_at)
    values (${s.company.id}, ${caseId}, ${name}, ${local('2026-11-01T00:00:00')}, ${dueAt}, ${metAt}, ${breached ? dueAt : null})`);
}

async function entry(
  caseId: string,
  seq: number,
  type: string,
  at: Date,
  data: Record<string, unknown> = {},
) {
  await t.database.db
    .execute(sql`insert into case_timeline (case_id, seq, company_id, at, type, data, prev_hash, hash)
    values (${caseId}, ${seq}, ${s.company.id}, ${at}, ${type}, ${JSON.stringify(data)}::jsonb, 'x', 'y')`);
}

async function rooms(communityId: string, occupied: number, vacant = 0) {
  const b = await t.make.building({ communityId });
  const u = await t.make.unit({ buildingId: b.id });
  for (let i = 0; i < occupied; i++) await t.make.room({ unitId: u.id });
  for (let i = 0; i < vacant; i++) await t.make.room({ unitId: u.id, status: 'vacant' });
}

const get = (as: Inject, query = '') => as({ method: 'GET', url: `/api/dashboard${query}` });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  s = await t.seedCompany();
  const db = t.database.db;
  const cat: Record<string, string> = {};
  for (const name of ['电梯', '噪音'])
    cat[name] = (
      await db.insert(categories).values({ companyId: s.company.id, name }).returning({ id: categories.id })
    )[0].id;

  // Office 1: 翠湖 (4 occupied, 1 vacant), 锦绣 (1 occupied). Office 2: 别处 (2 occupied).
  const a = await t.make.community({ officeId: s.office.id, name: '翠湖花园' });
  const b = await t.make.community({ officeId: s.office.id, name: '锦绣家园' });
  const o = await t.make.community({ officeId: s.otherOffice.id, name: '别处小区' });
  ids.a = a.id;
  ids.b = b.id;
  ids.o = o.id;
  await rooms(a.id, 4, 1);
  await rooms(b.id, 1);
  await rooms(o.id, 2);

  const office = s.office.id;
  // p1: November complaint (电梯, 翠湖), in progress, overdue; resolve clock breached; resolved 15 Nov, called
  // back unsatisfied and reopened 21 Nov.
  const p1 = await plant({
    officeId: office,
    communityId: a.id,
    kind: 'complaint',
    state: 'in_progress',
    receivedAt: local('2026-11-03T09:00:00'),
    categoryId: cat['电梯'],
    nextDueAt: hours(-1),
  });
  await clockOf(p1, 'resolve', hours(-1), null, true);
  await entry(p1, 1, 'resolved', local('2026-11-15T10:00:00'));
  await entry(p1, 2, 'callback', local('2026-11-21T10:00:00'), {
    reached: true,
    satisfaction: 'unsatisfied',
    outcome: 'reopened',
  });
  // p2: November complaint (电梯, 翠湖), routed, due in 2 h (due soon); reply clock met on time.
  const p2 = await plant({
    officeId: office,
    communityId: a.id,
    kind: 'complaint',
    state: 'routed',
    receivedAt: local('2026-11-10T09:00:00'),
    categoryId: cat['电梯'],
    nextDueAt: hours(2),
  });
  await clockOf(p2, 'reply', local('2026-11-11T09:00:00'), local('2026-11-10T15:00:00'));
  // p3: November complaint (噪音, 锦绣), received, due in 30 h (not due soon).
  await plant({
    officeId: office,
    communityId: b.id,
    kind: 'complaint',
    state: 'received',
    receivedAt: local('2026-11-20T09:00:00'),
    categoryId: cat['噪音'],
    nextDueAt: hours(30),
  });
  // p4: November complaint found invalid, closed: received, but no complaint and not in the Pareto.
  await plant({
    officeId: office,
    communityId: a.id,
    kind: 'complaint',
    state: 'closed',
    receivedAt: local('2026-11-05T09:00:00'),
    categoryId: cat['噪音'],
    invalid: true,
  });
  // p5: October repair (翠湖), resolved 20 Oct; callback due 20 Nov, met 19 Nov (satisfied); a callback clock
  // of a later step runs late (next due 2 h ago): overdue, not open.
  const p5 = await plant({
    officeId: office,
    communityId: a.id,
    kind: 'repair',
    state: 'resolved',
    receivedAt: local('2026-10-15T09:00:00'),
    nextDueAt: hours(-2),
  });
  await entry(p5, 1, 'resolved', local('2026-10-20T09:00:00'));
  await clockOf(p5, 'callback', local('2026-11-20T09:00:00'), local('2026-11-19T09:00:00'));
  await entry(p5, 2, 'callback', local('2026-11-19T09:00:00'), { reached: true, satisfaction: 'satisfied' });
  // p6: complaint received 23:30 on 30 Sep local (15:30 UTC: September), resolved 00:30 on 1 Nov local
  // (16:30 UTC on 31 Oct: November), closed.
  const p6 = await plant({
    officeId: office,
    communityId: b.id,
    kind: 'complaint',
    state: 'closed',
    receivedAt: local('2026-09-30T23:30:00'),
    categoryId: cat['电梯'],
  });
  await entry(p6, 1, 'resolved', local('2026-11-01T00:30:00'));
  // q1: office 2's November complaint, in progress, overdue.
  await plant({
    officeId: s.otherOffice.id,
    communityId: o.id,
    kind: 'complaint',
    state: 'in_progress',
    receivedAt: local('2026-11-02T09:00:00'),
    nextDueAt: hours(-3),
  });

  const d2 = await t.make.user({
    companyId: s.company.id,
    roles: ['director'],
    officeIds: [s.otherOffice.id],
  });
  const d2Cookie = await t.login(d2.username);
  director2 = (opts) => t.app.inject({ ...opts, headers: { ...opts.headers, cookie: d2Cookie } });

  // Another company: one overdue complaint of its own.
  const other = await t.make.company();
  const otherOffice = await t.make.office({ companyId: other.id });
  const otherCommunity = await t.make.community({ officeId: otherOffice.id });
  const m = await t.make.user({ companyId: other.id, roles: ['manager'], officeIds: [otherOffice.id] });
  await plant({
    companyId: other.id,
    userId: m.id,
    officeId: otherOffice.id,
    communityId: otherCommunity.id,
    kind: 'complaint',
    state: 'in_progress',
    receivedAt: local('2026-11-12T09:00:00'),
    nextDueAt: hours(-5),
  });
  const mCookie = await t.login(m.username);
  otherManager = (opts) => t.app.inject({ ...opts, headers: { ...opts.headers, cookie: mCookie } });
});
afterAll(() => t.close());

describe('GET /api/dashboard (REPORT-7)', () => {
  it("director: today's counts, the trend, the Pareto and the rates of their own office, exact", async () => {
    const res = await get(s.as('director'), '?months=3');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.officeId).toBe(s.office.id);
    expect(d.today).toEqual({ open: 3, overdue: 2, dueSoon: 1 });
    // Months in the company's zone: p6 is September's (received) and November's (resolved).
    expect(d.trend).toEqual([
      { month: '2026-09', received: 1, resolved: 0, complaints: 1 },
      { month: '2026-10', received: 1, resolved: 1, complaints: 0 },
      { month: '2026-11', received: 4, resolved: 2, complaints: 3 },
    ]);
    expect(d.paretoPeriod.month).toBe('2026-11');
    expect(d.pareto).toEqual([
      { categoryId: expect.any(String), name: '电梯', count: 2, cumulativeShare: 2 / 3 },
      { categoryId: expect.any(String), name: '噪音', count: 1, cumulativeShare: 1 },
    ]);
    const r = d.rates;
    expect([r.onTime.numerator, r.onTime.denominator]).toEqual([2, 3]);
    expect(r.onTime.formulaKey).toBe(FORMULA_KEYS.onTime);
    expect(r.callback).toMatchObject({ value: 1, numerator: 1, denominator: 1, meetsTarget: true });
    expect(r.callback.target).toEqual({ op: '>=', value: 1 });
    expect(r.satisfaction).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(r.reopen).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    // 3 valid complaints ÷ 5 occupied households = 60 % against ≤ 1 %.
    expect(r.effectiveComplaint).toMatchObject({
      value: 0.6,
      numerator: 3,
      denominator: 5,
      meetsTarget: false,
    });
    expect(r.effectiveComplaint.target).toEqual({ op: '<=', value: 0.01 });
    // October's summary was not published by 6 Nov.
    expect(d.summaryStatus.overdueCount).toBe(1);
  });

  it('the trend has `months` points, oldest first, zeros included (default 12)', async () => {
    const d = (await get(s.as('director'))).json();
    expect(d.trend).toHaveLength(12);
    expect(d.trend[0]).toEqual({ month: '2025-12', received: 0, resolved: 0, complaints: 0 });
    expect(d.trend.at(-1).month).toBe('2026-11');
  });

  it('manager: the whole company, or one community (its rows only)', async () => {
    const all = (await get(s.as('manager'), '?months=1')).json();
    expect(all.officeId).toBeNull();
    expect(all.today).toEqual({ open: 4, overdue: 3, dueSoon: 1 });
    expect(all.trend).toEqual([{ month: '2026-11', received: 5, resolved: 2, complaints: 4 }]);
    expect(all.pareto.map((p: { name: string; count: number }) => [p.name, p.count])).toEqual([
      ['电梯', 2],
      ['噪音', 1],
      ['未分类', 1],
    ]);
    expect(all.rates.effectiveComplaint).toMatchObject({ numerator: 4, denominator: 7 });
    expect(all.summaryStatus.overdueCount).toBe(2);

    const res = await get(s.as('manager'), `?communityId=${ids.b}&months=3`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.officeId).toBe(s.office.id);
    expect(b.communityId).toBe(ids.b);
    expect(b.today).toEqual({ open: 1, overdue: 0, dueSoon: 0 });
    expect(b.trend).toEqual([
      { month: '2026-09', received: 1, resolved: 0, complaints: 1 },
      { month: '2026-10', received: 0, resolved: 0, complaints: 0 },
      { month: '2026-11', received: 1, resolved: 1, complaints: 1 },
    ]);
    expect(b.pareto).toEqual([
      { categoryId: expect.any(String), name: '噪音', count: 1, cumulativeShare: 1 },
    ]);
    expect(b.rates.effectiveComplaint).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(b.rates.callback).toMatchObject({ value: null, denominator: 0, meetsTarget: null });
  });

  it('scope: the director of office 2 gets 403 for office 1 and its communities; no filter = their office', async () => {
    expect((await get(director2, `?officeId=${s.office.id}`)).statusCode).toBe(403);
    expect((await get(director2, `?communityId=${ids.a}`)).statusCode).toBe(403);
    const own = (await get(director2, '?months=1')).json();
    expect(own.officeId).toBe(s.otherOffice.id);
    expect(own.today).toEqual({ open: 1, overdue: 1, dueSoon: 0 });
    expect(own.trend).toEqual([{ month: '2026-11', received: 1, resolved: 0, complaints: 1 }]);
    expect(own.rates.effectiveComplaint).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('a community of another office than the one picked is a field error; agents have no dashboard', async () => {
    const res = await get(s.as('manager'), `?officeId=${s.otherOffice.id}&communityId=${ids.a}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['querystring.communityId']).toBeDefined();
    expect((await get(s.as('agent'))).statusCode).toBe(403);
    expect((await get(s.as('manager'), '?months=0')).statusCode).toBe(400);
  });

  it("cross-company isolation: another company's manager sees only its case; our ids are 404", async () => {
    const d = (await get(otherManager, '?months=1')).json();
    expect(d.today).toEqual({ open: 1, overdue: 1, dueSoon: 0 });
    expect(d.trend).toEqual([{ month: '2026-11', received: 1, resolved: 0, complaints: 1 }]);
    expect(d.pareto.map((p: { count: number }) => p.count)).toEqual([1]);
    expect((await get(otherManager, `?officeId=${s.office.id}`)).statusCode).toBe(404);
    expect((await get(otherManager, `?communityId=${ids.a}`)).statusCode).toBe(404);
  });
});
