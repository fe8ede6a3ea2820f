/**
 * Kept counts of finished months (src/server/reports/month-rollups.ts, docs/adr/0011-finished-month-rollups.md):
 * the dashboard's trend and the monthly summary read them instead of rescanning a month, and every write that
 * touches a kept month after it was computed — a case entered late, invalidated, moved or recategorised, a clock
 * met late, an entry appended with a past time — shows in the next read, exactly as a live count would. A read
 * with nothing changed computes nothing; a change recomputes only the parts (and offices) it concerns.
 * Asia/Shanghai, now = 24 Nov 2026 10:00 local; October is a finished month, November the current one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { categories } from '../db/schema';

type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let s: SeededCompany;
const ids: Record<string, string> = {};
let n = 0;

const local = (at: string) => new Date(`${at}+08:00`);
const NOW = local('2026-11-24T10:00:00');

async function plant(c: {
  companyId?: string;
  userId?: string;
  officeId: string;
  communityId: string;
  kind?: string;
  receivedAt: Date;
}) {
  const userId = c.userId ?? s.users.agent.id;
  const { rows } = await t.database.db.execute<{ id: string }>(sql`insert into cases
      (company_id, number, channel, kind, severity, state, received_at, recorded_by_id, first_responder_id,
       description, office_id, community_id)
    values (${c.companyId ?? s.company.id}, ${`R-${++n}`}, 'phone', ${c.kind ?? 'complaint'}, 'normal', 'closed',
      ${c.receivedAt}, ${userId}, ${userId}, '测试', ${c.officeId}, ${c.communityId})
    returning id`);
  return rows[0].id;
}

async function entry(caseId: string, seq: number, type: string, at: Date, data: Json = {}) {
  await t.database.db
    .execute(sql`insert into case_timeline (case_id, seq, company_id, at, type, data, prev_hash, hash)
    values (${caseId}, ${seq}, ${s.company.id}, ${at}, ${type}, ${JSON.stringify(data)}::jsonb, 'x', 'y')`);
}

const dashboard = async (as: Inject, query: string) => {
  const res = await as({ method: 'GET', url: `/api/dashboard?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const october = (d: Json) => d.trend.find((p: Json) => p.month === '2026-10');

const summary = async (officeId: string) => {
  const res = await s.as('manager')({
    method: 'GET',
    url: `/api/reports/monthly?officeId=${officeId}&year=2026&month=10`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const fraction = (f: Json) => [f.numerator, f.denominator];

/** When each kept row of October was last computed, by part and office ('company' for the whole company). */
async function computedAt(companyId = s.company.id) {
  const { rows } = await t.database.db.execute<{
    part: string;
    office_key: string;
    computed_at: string | null;
  }>(
    sql`select part, office_key, computed_at::text from report_month_rollups
      where company_id = ${companyId} and year = 2026 and month = 10`,
  );
  const out: Record<string, string | null> = {};
  for (const r of rows)
    out[`${r.part}:${r.office_key === '00000000-0000-0000-0000-000000000000' ? 'company' : r.office_key}`] =
      r.computed_at;
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  s = await t.seedCompany();
  const a = await t.make.community({ officeId: s.office.id, name: '翠湖花园' });
  const b = await t.make.community({ officeId: s.office.id, name: '锦绣家园' });
  const o = await t.make.community({ officeId: s.otherOffice.id, name: '别处小区' });
  ids.a = a.id;
  ids.b = b.id;
  ids.o = o.id;
  ids.cat = (
    await t.database.db
      .insert(categories)
      .values({ companyId: s.company.id, name: '电梯' })
      .returning({ id: categories.id })
  )[0].id;
  // A: October complaint in 翠湖, resolved on 20 October; a callback clock due 25 October not met; answered
  // satisfied on 21 October.
  ids.A = await plant({ officeId: s.office.id, communityId: a.id, receivedAt: local('2026-10-10T09:00:00') });
  await entry(ids.A, 1, 'resolved', local('2026-10-20T09:00:00'));
  await entry(ids.A, 2, 'callback', local('2026-10-21T09:00:00'), {
    reached: true,
    satisfaction: 'satisfied',
  });
  await t.database.db.execute(sql`insert into case_clocks (company_id, case_id, name, started_at, due_at)
    values (${s.company.id}, ${ids.A}, 'callback', ${local('2026-10-20T09:00:00')}, ${local('2026-10-25T09:00:00')})`);
});
afterAll(() => t.close());

describe('the dashboard trend: kept finished months, exact after every change', () => {
  it('computes October once and keeps it; the current month is never kept', async () => {
    const d = await dashboard(s.as('manager'), 'months=3');
    expect(october(d)).toEqual({ month: '2026-10', received: 1, resolved: 1, complaints: 1 });
    const first = await computedAt();
    expect(first['trend:company']).toBeTruthy();
    const again = await dashboard(s.as('manager'), 'months=3');
    expect(october(again)).toEqual(october(d));
    expect((await computedAt())['trend:company']).toBe(first['trend:company']);
    const { rows } = await t.database.db.execute(
      sql`select 1 from report_month_rollups where company_id = ${s.company.id} and year = 2026 and month = 11`,
    );
    expect(rows).toHaveLength(0);
  });

  it('an October complaint invalidated in November: no longer a complaint, still received', async () => {
    const before = (await computedAt())['trend:company'];
    await t.database.db.execute(sql`update cases set invalid = true where id = ${ids.A}`);
    const d = await dashboard(s.as('manager'), 'months=3');
    expect(october(d)).toEqual({ month: '2026-10', received: 1, resolved: 1, complaints: 0 });
    expect((await computedAt())['trend:company']).not.toBe(before);
    await t.database.db.execute(sql`update cases set invalid = false where id = ${ids.A}`);
    expect(october(await dashboard(s.as('manager'), 'months=3')).complaints).toBe(1);
  });

  it('a letter of October entered in November, and its resolution entered with an October time', async () => {
    ids.B = await plant({
      officeId: s.office.id,
      communityId: ids.a,
      receivedAt: local('2026-10-31T23:30:00'),
    });
    expect(october(await dashboard(s.as('manager'), 'months=3'))).toEqual({
      month: '2026-10',
      received: 2,
      resolved: 1,
      complaints: 2,
    });
    await entry(ids.B, 1, 'resolved', local('2026-10-31T23:50:00'));
    expect(october(await dashboard(s.as('manager'), 'months=3')).resolved).toBe(2);
  });

  it('a case moved to another community moves its counts and resolutions in the filtered trend', async () => {
    const inA = await dashboard(s.as('manager'), `communityId=${ids.a}&months=3`);
    expect(october(inA)).toEqual({ month: '2026-10', received: 2, resolved: 2, complaints: 2 });
    await t.database.db.execute(sql`update cases set community_id = ${ids.b} where id = ${ids.B}`);
    expect(october(await dashboard(s.as('manager'), `communityId=${ids.a}&months=3`))).toEqual({
      month: '2026-10',
      received: 1,
      resolved: 1,
      complaints: 1,
    });
    expect(october(await dashboard(s.as('manager'), `communityId=${ids.b}&months=3`))).toEqual({
      month: '2026-10',
      received: 1,
      resolved: 1,
      complaints: 1,
    });
    // The director of office 1 sees both; office 2 none of them.
    expect(october(await dashboard(s.as('director'), 'months=3')).received).toBe(2);
    expect(october(await dashboard(s.as('manager'), `officeId=${s.otherOffice.id}&months=3`)).received).toBe(
      0,
    );
  });
});

describe('the monthly summary: kept counts per office and part, exact after every change', () => {
  it('a draft read again computes nothing', async () => {
    const m = await summary(s.office.id);
    expect(m.figures.received).toBe(2);
    expect(fraction(m.figures.callbackRate)).toEqual([0, 1]);
    expect(fraction(m.figures.satisfactionRate)).toEqual([1, 1]);
    const first = await computedAt();
    for (const part of ['received', 'clocks', 'events']) expect(first[`${part}:${s.office.id}`]).toBeTruthy();
    const again = await summary(s.office.id);
    expect(again.figures).toEqual(m.figures);
    expect(await computedAt()).toEqual(first);
  });

  it('a callback met late, in November: the callback rate changes, only the clocks are recomputed', async () => {
    const before = await computedAt();
    await t.database.db.execute(
      sql`update case_clocks set met_at = ${local('2026-11-02T09:00:00')} where case_id = ${ids.A}`,
    );
    const m = await summary(s.office.id);
    expect(fraction(m.figures.callbackRate)).toEqual([1, 1]);
    const after = await computedAt();
    expect(after[`clocks:${s.office.id}`]).not.toBe(before[`clocks:${s.office.id}`]);
    expect(after[`received:${s.office.id}`]).toBe(before[`received:${s.office.id}`]);
    expect(after[`events:${s.office.id}`]).toBe(before[`events:${s.office.id}`]);
  });

  it('an answer entered with an October time, a recategorised case, a case of another office', async () => {
    await entry(ids.A, 3, 'callback', local('2026-10-28T09:00:00'), {
      reached: true,
      satisfaction: 'unsatisfied',
    });
    await t.database.db.execute(sql`update cases set category_id = ${ids.cat} where id = ${ids.A}`);
    let m = await summary(s.office.id);
    expect(fraction(m.figures.satisfactionRate)).toEqual([1, 2]);
    expect(m.figures.byCategory.map((b: Json) => [b.key, b.count])).toEqual(
      expect.arrayContaining([[ids.cat, 1]]),
    );

    const before = await computedAt();
    await plant({ officeId: s.otherOffice.id, communityId: ids.o, receivedAt: local('2026-10-05T09:00:00') });
    m = await summary(s.office.id);
    expect(m.figures.received).toBe(2);
    expect(await computedAt()).toMatchObject({
      [`received:${s.office.id}`]: before[`received:${s.office.id}`],
      [`clocks:${s.office.id}`]: before[`clocks:${s.office.id}`],
      [`events:${s.office.id}`]: before[`events:${s.office.id}`],
    });
    expect((await summary(s.otherOffice.id)).figures.received).toBe(1);
    expect(october(await dashboard(s.as('manager'), 'months=3')).received).toBe(3);
  });

  it('recorded changes are forgotten once every kept row they concern has counted them', async () => {
    await summary(s.office.id);
    await summary(s.otherOffice.id);
    await dashboard(s.as('manager'), 'months=3');
    const { rows } = await t.database.db.execute(
      sql`select 1 from report_month_rollup_changes where company_id = ${s.company.id}`,
    );
    expect(rows).toHaveLength(0);
  });
});

describe('a writer that missed the new rows', () => {
  it('a month is not kept while a transaction that wrote to it before its rows existed is still running', async () => {
    const company = await t.make.company();
    const office = await t.make.office({ companyId: company.id });
    const community = await t.make.community({ officeId: office.id });
    const manager = await t.make.user({ companyId: company.id, roles: ['manager'], officeIds: [office.id] });
    const cookie = await t.login(manager.username);
    const as: Inject = (opts) => t.app.inject({ ...opts, headers: { ...opts.headers, cookie } });

    // The writer enters an October case before any row of October exists: its trigger finds nothing to record.
    const writer = new pg.Client({ connectionString: t.database.url });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(
        `insert into cases (company_id, number, channel, kind, severity, state, received_at, recorded_by_id,
          first_responder_id, description, office_id, community_id)
        values ($1, 'W-1', 'phone', 'complaint', 'normal', 'received', $2, $3, $3, '测试', $4, $5)`,
        [company.id, local('2026-10-15T09:00:00'), manager.id, office.id, community.id],
      );
      // The read creates October's row, cannot keep it while the writer runs, and counts live without it.
      expect(october(await dashboard(as, 'months=3')).received).toBe(0);
      expect(await computedAt(company.id)).toEqual({ 'trend:company': null });
      await writer.query('commit');
    } finally {
      await writer.end();
    }
    // Kept now, with the writer's case.
    expect(october(await dashboard(as, 'months=3')).received).toBe(1);
    expect((await computedAt(company.id))['trend:company']).toBeTruthy();
  });
});
