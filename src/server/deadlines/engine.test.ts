/**
 * The one deadline engine over two subject kinds at once: a case's clock (case_clocks) and a month's summary
 * publication (the deadlines table, 002 篇4 4.2.2.2). Two sweepers run at the same moment, twice — at the warning
 * point and after the due time — and each deadline is warned once, breached once and raises its subject one tier
 * once, each notice going out once; a further sweep finds nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { draftMonthlySummaries } from '../reports/summary.service';
import { sweep, type SweepResult } from './sweeper';

let t: TestApp;
let s: SeededCompany;
let caseId: string;

const WARN_AT = new Date('2026-11-05T09:20:00+08:00');
const AFTER_DUE = new Date('2026-11-06T00:30:00+08:00');

/** Two sweepers at once, then a third for what one skipped while the other held it; their results summed. */
async function sweepTwiceAtOnce(): Promise<SweepResult> {
  const runs = await Promise.all([
    sweep(t.database.db, t.clock, { companyId: s.company.id }),
    sweep(t.database.db, t.clock, { companyId: s.company.id }),
  ]);
  runs.push(await sweep(t.database.db, t.clock, { companyId: s.company.id }));
  const sum = (k: keyof SweepResult) => runs.reduce((n, r) => n + r[k], 0);
  return { warned: sum('warned'), breached: sum('breached'), escalated: sum('escalated') };
}

const summaryDeadline = async () =>
  (
    await t.database.db.execute<{
      warned_at: unknown;
      breached_at: unknown;
      tier: number;
      next_check_at: unknown;
    }>(sql`select warned_at, breached_at, tier, next_check_at from deadlines
      where company_id = ${s.company.id} and kind = 'monthly_summary' and office_id = ${s.office.id}`)
  ).rows;

const notices = async (reason: string) =>
  (
    await t.database.db.execute<{ user_id: string; type: string }>(sql`select user_id, type from notifications
      where company_id = ${s.company.id} and data->>'reason' = ${reason} and data->>'officeId' = ${s.office.id}
      order by type, user_id`)
  ).rows;

const routeClock = async () =>
  (
    await t.database.db.execute<{ warned: number; breached: number; entries: number; tier: number }>(
      sql`select (k.warned_at is not null)::int as warned, (k.breached_at is not null)::int as breached,
          (select count(*) from case_timeline e where e.case_id = c.id and e.data->>'clock' = 'route'
            and e.type in ('clock_warned', 'clock_breached'))::int as entries, c.escalation_tier as tier
        from case_clocks k join cases c on c.id = k.case_id where k.case_id = ${caseId} and k.name = 'route'`,
    )
  ).rows[0];

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  await t.database.db.execute(
    sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`,
  );
  // October is over: the drafting job gives each office's month its publication deadline (end of 5 November).
  t.clock.set(new Date('2026-11-01T00:10:00+08:00'));
  await draftMonthlySummaries(t.database.db, t.clock);
  // A complaint at 08:30 on 5 November: its route clock (1 h) is warned at 80 % and due at 09:30.
  t.clock.set(new Date('2026-11-05T08:30:00+08:00'));
  const c = await s.as('agent')({
    method: 'POST',
    url: '/api/cases',
    payload: { channel: 'phone', kind: 'complaint', description: '楼道灯坏了一周无人处理' },
  });
  expect(c.statusCode, c.body).toBe(201);
  caseId = c.json().id;
});
afterAll(() => t.close());

describe('one engine, two subject kinds, two sweepers at once', () => {
  it('at the warning point: the case clock and the summary deadline are each warned once', async () => {
    t.clock.set(WARN_AT);
    const run = await sweepTwiceAtOnce();
    expect(run.breached).toBe(0);
    expect(await routeClock()).toMatchObject({ warned: 1, breached: 0, entries: 1, tier: 0 });
    const [summary] = await summaryDeadline();
    expect(summary.warned_at).not.toBeNull();
    expect(summary.breached_at).toBeNull();
    expect(await notices('monthly_summary_due')).toEqual([{ user_id: s.users.director.id, type: 'warning' }]);
    expect(await sweepTwiceAtOnce()).toEqual({ warned: 0, breached: 0, escalated: 0 });
  });

  it('after the due time: each breached once and raised one tier once, the summary’s breach to the manager', async () => {
    t.clock.set(AFTER_DUE);
    const run = await sweepTwiceAtOnce();
    expect(run.breached).toBeGreaterThanOrEqual(2);
    const route = await routeClock();
    expect(route).toMatchObject({ warned: 1, breached: 1, entries: 2 });
    expect(route.tier).toBeGreaterThanOrEqual(1);
    const [summary] = await summaryDeadline();
    expect(summary).toMatchObject({ tier: 1, next_check_at: null });
    expect(summary.breached_at).not.toBeNull();
    expect(await notices('monthly_summary_due')).toEqual(
      [
        { user_id: s.users.director.id, type: 'breach' },
        { user_id: s.users.manager.id, type: 'escalated' },
        { user_id: s.users.director.id, type: 'warning' },
      ].sort((a, b) => a.type.localeCompare(b.type) || a.user_id.localeCompare(b.user_id)),
    );
    expect(await sweepTwiceAtOnce()).toEqual({ warned: 0, breached: 0, escalated: 0 });
  });

  it('the one overdue view lists both, each with its breach recorded', async () => {
    const res = await s.as('director')({ method: 'GET', url: '/api/deadlines?overdue=true' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { kind: string; name: string; breachRecorded: boolean }[];
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'monthly_summary', name: 'publication', breachRecorded: true }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'case_clock', name: 'route', breachRecorded: true }),
    );
  });
});
