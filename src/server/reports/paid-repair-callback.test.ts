/**
 * REPORT-8 — the paid-repair (特约服务) callback rate of the monthly summary (002 篇4 4.2.1.1: 回访率不低于90%), on a
 * scripted October 2026 (Asia/Shanghai): private repairs resolved and called back, one called back only in November,
 * one reached by no callback, one reopened by an unsatisfied callback and resolved again, and a shared-facility
 * repair that does not count. The October summary is read after the month (its counts kept, ADR 0011) and again
 * after November's callback, which must move October's figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let s: SeededCompany;
const ids: Record<string, string> = {};
const at = (local: string) => t.clock.set(new Date(`${local}+08:00`));

async function act(role: keyof SeededCompany['users'], id: string, action: string, body: Json = {}) {
  const { version } = (await s.as('director')({ method: 'GET', url: `/api/cases/${id}` })).json();
  const res = await s.as(role)({
    method: 'POST',
    url: `/api/cases/${id}/actions/${action}`,
    payload: { version, ...body },
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
}

/** A repair received, routed to the repair team, accepted and resolved at `local`. */
async function repairResolved(repairType: 'private' | 'shared', local: string) {
  at(local);
  const res = await s.as('agent')({
    method: 'POST',
    url: '/api/cases',
    payload: { channel: 'phone', kind: 'repair', repairType, description: '厨房水管漏水，请上门维修' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await act('agent', id, 'route', {
    target: { type: 'department', id: ids.engineering },
    residentTold: { via: 'phone' },
  });
  await act('technician', id, 'accept');
  await act('technician', id, 'resolve', { result: '已更换水管接头' });
  return id;
}

const reached = (satisfaction: string, extra: Json = {}) => ({
  method: 'phone',
  reached: true,
  satisfaction,
  ...extra,
});

async function october() {
  const res = await s.as('director')({ method: 'GET', url: '/api/reports/monthly?year=2026&month=10' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Json;
}

async function drill(summaryId: string, figure: string) {
  const res = await s.as('director')({
    method: 'GET',
    url: `/api/reports/monthly/${summaryId}/cases?figure=${figure}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Json[]).map((c) => c.id as string).sort();
}

const parts = (f: Json) => ({ value: f.value, numerator: f.numerator, denominator: f.denominator });

beforeAll(async () => {
  t = await createTestApp({ HUIYIN_SESSION_IDLE_MINUTES: '100000', HUIYIN_SESSION_ABSOLUTE_HOURS: '5000' });
  at('2026-09-30T23:00:00');
  s = await t.seedCompany();
  await t.database.db.execute(
    sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`,
  );
  const engineering = await t.make.department({
    companyId: s.company.id,
    officeId: s.office.id,
    name: '工程维修组',
    function: 'engineering',
  });
  ids.engineering = engineering.id;
  await t.database.db.execute(
    sql`update users set department_id = ${engineering.id} where id = ${s.users.technician.id}`,
  );

  // P1: resolved and called back the next day
  ids.p1 = await repairResolved('private', '2026-10-10T09:00:00');
  at('2026-10-11T10:00:00');
  await act('agent', ids.p1, 'callback', reached('satisfied'));
  // P2: resolved on 30 October, called back only on 2 November (below)
  ids.p2 = await repairResolved('private', '2026-10-30T16:00:00');
  // P3: the callback did not reach the resident
  ids.p3 = await repairResolved('private', '2026-10-12T09:00:00');
  at('2026-10-13T10:00:00');
  await act('agent', ids.p3, 'callback', { method: 'phone', reached: false });
  // P4: reopened by an unsatisfied callback, resolved again on the 20th and not called back since
  ids.p4 = await repairResolved('private', '2026-10-15T09:00:00');
  at('2026-10-16T10:00:00');
  await act('agent', ids.p4, 'callback', reached('unsatisfied', { reason: '仍然漏水' }));
  at('2026-10-20T09:00:00');
  await act('technician', ids.p4, 'resolve', { result: '更换整段水管' });
  // a shared-facility repair, resolved and called back: not a paid service
  ids.shared = await repairResolved('shared', '2026-10-14T09:00:00');
  at('2026-10-15T10:00:00');
  await act('agent', ids.shared, 'callback', reached('satisfied'));
});
afterAll(() => t.close());

describe('REPORT-8 paid-repair callback rate (002 篇4 4.2.1.1)', () => {
  it('counts each private repair once in the month of its last resolution: 1 called back ÷ 4 resolved', async () => {
    at('2026-11-01T09:00:00');
    const m = await october();
    expect(parts(m.figures.paidRepairCallbackRate)).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
    expect(m.figures.paidRepairCallbackRate.target).toEqual({ op: '>=', value: 0.9 });
    expect(m.figures.paidRepairCallbackRate.meetsTarget).toBe(false);
    expect(m.figures.paidRepairCallbackRate.formulaKey).toBe('formula.paid_repair_callback_rate');
    expect(await drill(m.id, 'paidRepairResolved')).toEqual([ids.p1, ids.p2, ids.p3, ids.p4].sort());
    expect(await drill(m.id, 'paidRepairNotCalledBack')).toEqual([ids.p2, ids.p3, ids.p4].sort());
  });

  it('a callback in November after a repair finished on 30 October counts in October, kept counts included', async () => {
    // October's counts are kept once read after the month (ADR 0011): the callback must make them stale
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from report_month_rollups
          where company_id = ${s.company.id} and year = 2026 and month = 10 and part = 'events'`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
    at('2026-11-02T10:00:00');
    await act('agent', ids.p2, 'callback', reached('basically_satisfied'));
    const m = await october();
    expect(parts(m.figures.paidRepairCallbackRate)).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(await drill(m.id, 'paidRepairNotCalledBack')).toEqual([ids.p3, ids.p4].sort());
    // the month-wide callback rate keeps its own definition (callback clocks that fell due)
    expect(m.figures.callbackRate.formulaKey).toBe('formula.callback_rate');
  });

  it('is internal: the public version carries no paid-repair figure', async () => {
    const m = await october();
    expect(m.publicVersion.figures).not.toHaveProperty('paidRepairCallbackRate');
  });
});
