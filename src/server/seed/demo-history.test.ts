/**
 * The demo company with six months of history (OPS-4), seeded once for this file on a real PostgreSQL at the test
 * clock's instant; each check reads what the seed wrote — through the records' verification, the API and SQL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { CASE_KINDS, CHANNELS, SEVERITIES } from '../../domain/case/case';
import { monthOf, monthsBetween, previousMonth, publicationDeadline } from '../../domain/metrics/period';
import { quarterlyDeadlines } from '../../domain/reports/quarterly';
import { loadWorkingCalendar } from '../calendar/calendar.service';
import { loadPolicy } from '../policies/policies.service';
import { verifyAllRecords } from '../records/verify-records';
import { seedDemo, type DemoSeedResult } from './demo';
import { countHistory, HISTORY_MONTHS, planDemoHistory } from './demo-history';

const TZ = 'Asia/Shanghai';
let t: TestApp;
let seeded: DemoSeedResult;
let now: Date;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  now = t.clock.now();
  seeded = (await seedDemo(t.database.db, { password: 'huiyin-demo', mode: 'demo', now }))!;
  for (const u of ['manager', 'director', 'director2']) cookies[u] = await t.login(u, 'huiyin-demo');
});
afterAll(() => t.close());

const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  (await t.database.db.execute<T>(query)).rows;
const get = async <T>(as: string, url: string): Promise<T> => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies[as] } });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
};

const current = () => monthOf(now, TZ);
const pastMonths = () => {
  const c = current();
  const first = {
    year: c.month > HISTORY_MONTHS ? c.year : c.year - 1,
    month: ((c.month - HISTORY_MONTHS + 11) % 12) + 1,
  };
  return monthsBetween(first, previousMonth(c));
};

describe('the demo history (OPS-4)', () => {
  it('OPS-4 about 3,000 cases over both offices, of every kind, channel and severity', async () => {
    expect(seeded.mode).toBe('demo');
    expect(seeded.cases).toBeGreaterThan(2500);
    expect(seeded.cases).toBeLessThan(3500);
    const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int n from cases`);
    expect(n).toBe(seeded.cases);
    const perOffice = await rows<{ n: number }>(sql`select count(*)::int n from cases group by office_id`);
    expect(perOffice).toHaveLength(2);
    for (const o of perOffice) expect(o.n).toBeGreaterThan(900);
    const values = async (column: string) =>
      (await rows<{ v: string }>(sql`select distinct ${sql.identifier(column)} v from cases`))
        .map((r) => r.v)
        .sort();
    expect(await values('kind')).toEqual([...CASE_KINDS].sort());
    expect(await values('channel')).toEqual([...CHANNELS].sort());
    expect(await values('severity')).toEqual([...SEVERITIES].sort());
    const [{ categorised }] = await rows<{ categorised: number }>(
      sql`select count(*)::int categorised from cases where category_id is not null`,
    );
    expect(categorised).toBe(n);
  });

  it('RECORD-2, RECORD-3 every timeline verifies: its chain, its head and the digest of its facts', async () => {
    const [report] = await verifyAllRecords(t.database.db, { companyId: seeded.companyId });
    expect(report.broken).toEqual([]);
    expect(report.checked).toBe(seeded.cases);
    expect(report.factsUnchecked).toBe(0);
  });

  it('CALLBACK-3 callbacks of every satisfaction, 不满意 reopening; CALLBACK-5 appointments; CALLBACK-4 director closes', async () => {
    const outcomes = await rows<{ satisfaction: string | null; outcome: string; n: number }>(sql`select
        data->>'satisfaction' satisfaction, data->>'outcome' outcome, count(*)::int n
      from case_timeline where type = 'callback' group by 1, 2`);
    const count = (satisfaction: string | null, outcome: string) =>
      outcomes.find((o) => o.satisfaction === satisfaction && o.outcome === outcome)?.n ?? 0;
    expect(count('satisfied', 'closed')).toBeGreaterThan(1000);
    expect(count('basically_satisfied', 'closed')).toBeGreaterThan(200);
    expect(count('unsatisfied', 'reopened')).toBeGreaterThan(20);
    expect(count(null, 'not_reached')).toBeGreaterThan(20);
    expect(count('basically_satisfied', 'appointment')).toBeGreaterThan(0);
    const closures = await rows<{ closure: string; n: number }>(
      sql`select closure, count(*)::int n from cases where closure is not null group by 1`,
    );
    for (const c of ['callback', 'director', 'invalidated', 'on_the_spot'])
      expect(closures.find((x) => x.closure === c)?.n ?? 0, c).toBeGreaterThan(0);
  });

  it('ESCALATE-2 breached clocks raise cases; ESCALATE-3 referrals, SUGGEST-1 decisions, HANDLE-2 returns, FLOW-3 waits, CLOCK-3 extensions, ROUTE-3 contacts, HANDLE-6 meetings, HANDLE-7 incidents', async () => {
    const types = await rows<{ type: string; n: number }>(
      sql`select type, count(*)::int n from case_timeline group by 1`,
    );
    const n = (type: string) => types.find((x) => x.type === type)?.n ?? 0;
    for (const type of [
      'clock_warned',
      'clock_breached',
      'escalated',
      'returned',
      'waiting',
      'resumed',
      'extended',
      'contact_recorded',
      'reopened',
      'invalidated',
      'verified',
      'arrived',
      'assigned',
      'callback_assigned',
      'corrective_completed',
      'commented',
      'referred',
      'decided',
      'report_sent',
      'leader_meeting_arranged',
      'special_incident',
    ])
      expect(n(type), type).toBeGreaterThan(0);
    const [esc] = await rows<{ tiers: number[] }>(
      sql`select array_agg(distinct escalation_tier order by escalation_tier) tiers from cases`,
    );
    expect(esc.tiers).toEqual([0, 1, 2, 3]);
    const [breached] = await rows<{ n: number }>(
      sql`select count(distinct name)::int n from case_clocks where breached_at is not null`,
    );
    expect(breached.n).toBeGreaterThanOrEqual(8);
  });

  it('REPORT-4 most clocks are met on time, a few late: each past month like a real office', async () => {
    for (const ym of pastMonths())
      for (const office of seeded.world.offices) {
        const s = await get<{
          figures: {
            onTimeAll: { value: number };
            callbackRate: { value: number };
            satisfactionRate: { value: number };
            received: number;
          };
        }>('manager', `/api/reports/monthly?officeId=${office.id}&year=${ym.year}&month=${ym.month}`);
        const where = `${office.name} ${ym.year}-${ym.month}`;
        expect(s.figures.received, where).toBeGreaterThan(100);
        expect(s.figures.onTimeAll.value, where).toBeGreaterThan(0.85);
        expect(s.figures.onTimeAll.value, where).toBeLessThan(0.99);
        expect(s.figures.callbackRate.value, where).toBeGreaterThan(0.85);
        expect(s.figures.satisfactionRate.value, where).toBeGreaterThan(0.85);
      }
  });

  it('REPORT-1 every past month is published before its deadline; no report is overdue at seed time', async () => {
    const summaries = await rows<{
      office_id: string;
      year: number;
      month: number;
      status: string;
      published_at: Date;
    }>(sql`select office_id, year, month, status, published_at from monthly_summaries`);
    for (const ym of pastMonths())
      for (const office of seeded.world.offices) {
        const s = summaries.find(
          (x) => x.office_id === office.id && x.year === ym.year && x.month === ym.month,
        );
        expect(s?.status, `${office.name} ${ym.year}-${ym.month}`).toBe('published');
        expect(new Date(s!.published_at).getTime()).toBeLessThanOrEqual(
          publicationDeadline(ym, TZ).getTime(),
        );
      }
    const [unmet] = await rows<{ n: number }>(
      sql`select count(*)::int n from deadlines where met_at is null and due_at < ${now}`,
    );
    expect(unmet.n).toBe(0);
    const overdue = await get<{ items: { kind: string }[] }>(
      'manager',
      '/api/deadlines?overdue=true&kind=monthly_summary&kind=quarterly_report',
    );
    expect(overdue.items).toEqual([]);
    expect((await get<{ overdueCount: number }>('manager', '/api/reports/monthly/status')).overdueCount).toBe(
      0,
    );
  });

  it('REPORT-5 the quarterly reports of the history are published by the 20th of their month', async () => {
    const reports = await rows<{ year: number; quarter: number; status: string; published_at: Date }>(
      sql`select year, quarter, status, published_at from quarterly_reports`,
    );
    expect(reports.length).toBeGreaterThanOrEqual(2);
    for (const r of reports) {
      const due = quarterlyDeadlines(r, TZ);
      if (due.publishDue > now) continue;
      expect(r.status, `${r.year}-Q${r.quarter}`).toBe('published');
      expect(new Date(r.published_at).getTime()).toBeLessThanOrEqual(due.publishDue.getTime());
    }
  });

  it('LEDGER-1, LEDGER-2 the duty ledger: every past month derived and decided, the current month pending', async () => {
    const ledger = await rows<{ year: number; month: number; status: string; n: number }>(
      sql`select year, month, status, count(*)::int n from duty_violations group by 1, 2, 3`,
    );
    for (const ym of pastMonths()) {
      const of = (status: string) =>
        ledger.find((l) => l.year === ym.year && l.month === ym.month && l.status === status)?.n ?? 0;
      expect(of('confirmed'), `${ym.year}-${ym.month}`).toBeGreaterThan(0);
      expect(of('pending'), `${ym.year}-${ym.month}`).toBe(0);
    }
    const c = current();
    const open = ledger.filter((l) => l.year === c.year && l.month === c.month);
    expect(open.map((l) => l.status)).toEqual(['pending']);
    const kinds = await rows<{ kind: string }>(sql`select distinct kind from duty_violations`);
    expect(kinds.map((k) => k.kind)).toContain('department_returned');
  });

  it('PROBLEM-1 an open recurring problem of 3+ cases of one category in one building; PROBLEM-2 earlier ones closed with measures', async () => {
    const found = await rows<{
      status: string;
      scope_type: string;
      n: number;
      measures: string | null;
    }>(sql`select
        p.status, p.scope_type, p.measures, (select count(*)::int from problem_cases pc where pc.problem_id = p.id) n
      from problems p`);
    expect(found.some((p) => p.status === 'open' && p.scope_type === 'building' && p.n >= 3)).toBe(true);
    const closed = found.filter((p) => p.status === 'closed');
    expect(closed.length).toBeGreaterThan(0);
    for (const p of closed) expect(p.measures).toBeTruthy();
  });

  it('REPORT-7 the current month: open cases in every state, some overdue and some due soon', async () => {
    const states = await rows<{ state: string; n: number }>(sql`select state, count(*)::int n from cases
      where received_at >= ${new Date(now.getTime() - 31 * 86_400_000)} group by 1`);
    for (const state of ['received', 'routed', 'in_progress', 'waiting', 'resolved', 'closed'])
      expect(states.find((s) => s.state === state)?.n ?? 0, state).toBeGreaterThan(0);
    const d = await get<{
      today: { open: number; overdue: number; dueSoon: number };
      trend: { received: number }[];
    }>('manager', `/api/dashboard?months=${HISTORY_MONTHS + 1}`);
    expect(d.today.open).toBeGreaterThan(10);
    expect(d.today.overdue).toBeGreaterThan(0);
    expect(d.today.dueSoon).toBeGreaterThan(0);
    expect(d.today.overdue).toBeLessThan(d.today.open);
    for (const m of d.trend) expect(m.received).toBeGreaterThan(0);
  });

  it('RESIDENT-3 residents use the H5: register phones bound to their rooms, requests waiting, approved and declined with a reason', async () => {
    const [accounts] = await rows<{ n: number }>(sql`select count(*)::int n from resident_accounts`);
    expect(accounts.n).toBeGreaterThan(20);
    const byStatus = await rows<{ source: string; status: string; n: number; reasons: number }>(
      sql`select source, status, count(*)::int n, count(reason)::int reasons from resident_bindings group by 1, 2`,
    );
    const of = (source: string, status: string) =>
      byStatus.find((b) => b.source === source && b.status === status);
    expect(of('register', 'approved')!.n).toBeGreaterThan(20);
    expect(of('request', 'pending')!.n).toBeGreaterThanOrEqual(3);
    expect(of('request', 'approved')!.n).toBeGreaterThanOrEqual(1);
    expect(of('request', 'declined')).toMatchObject({ n: 2, reasons: 2 });
    // a register binding is the phone's own room
    const [stray] = await rows<{ n: number }>(sql`select count(*)::int n from resident_bindings b
      join resident_accounts a on a.id = b.account_id
      where b.source = 'register' and not exists (select 1 from resident_phones p
        join room_residents rr on rr.resident_id = p.resident_id
        where p.canonical = a.phone and rr.room_id = b.room_id)`);
    expect(stray.n).toBe(0);
  });

  it('OPS-4 deterministic: the same world and instant plan again the very history the database holds', async () => {
    const ctx = {
      calendar: await loadWorkingCalendar(t.database.db, seeded.companyId),
      policy: await loadPolicy(t.database.db, seeded.companyId),
    };
    const again = countHistory(planDemoHistory(seeded.world, now, ctx));
    const [db] = await rows<{ cases: number; entries: number }>(
      sql`select (select count(*)::int from cases) cases, (select count(*)::int from case_timeline) entries`,
    );
    expect(db).toEqual({ cases: again.cases, entries: again.entries });
    const byState = await rows<{ state: string; n: number }>(
      sql`select state, count(*)::int n from cases group by 1`,
    );
    expect(Object.fromEntries(byState.map((s) => [s.state, s.n]))).toEqual(again.byState);
    const byKind = await rows<{ kind: string; n: number }>(
      sql`select kind, count(*)::int n from cases group by 1`,
    );
    expect(Object.fromEntries(byKind.map((s) => [s.kind, s.n]))).toEqual(again.byKind);
  }, 60_000);
});
