/** The deadlines past due for the one overdue view (deadlines.service.ts): case clocks and every other kind. */
import { sql, type SQL } from 'drizzle-orm';
import { TOTAL_CAP } from '../../contracts/common';
import type { CaseActor, ClockName } from '../../domain/case/case';
import type { StoredDeadlineSubject } from '../../domain/deadlines/kinds';
import type { Tx } from '../db/client';
import { caseVisibleTo } from '../access/case-access.repository';
import { toDate } from '../db/dates';

export interface OverdueClockRow {
  id: string;
  name: ClockName;
  dueAt: Date;
  breachedAt: Date | null;
  caseId: string;
  number: string;
  officeId: string | null;
  officeName: string | null;
}

/**
 * Running clocks (not met, stopped or paused) past due at `now` on the cases `viewer` may see, by due time then
 * clock id, after the keyset `after` (a due time and, at that time, the clock id to start after; `afterId` null:
 * every clock of that due time is taken already), up to `limit`; and how many there are (up to TOTAL_CAP + 1).
 */
export async function overdueCaseClocks(
  db: Tx,
  companyId: string,
  viewer: CaseActor,
  now: Date,
  page: { after: { dueAt: Date; afterId: string | null } | null; limit: number },
): Promise<{ rows: OverdueClockRow[]; count: number }> {
  const q = overdueCaseClocksSql(companyId, viewer, now, page);
  const [list, counted] = await Promise.all([
    db.execute<Omit<OverdueClockRow, 'dueAt' | 'breachedAt'> & { dueAt: unknown; breachedAt: unknown }>(
      q.page,
    ),
    db.execute<{ n: number }>(q.count),
  ]);
  return {
    rows: list.rows.map((r) => ({ ...r, dueAt: toDate(r.dueAt)!, breachedAt: toDate(r.breachedAt) })),
    count: counted.rows[0].n,
  };
}

/** The page and the capped count of overdueCaseClocks (snapshot: db/queries/deadlines.repository.sql). */
export function overdueCaseClocksSql(
  companyId: string,
  viewer: CaseActor,
  now: Date,
  page: { after: { dueAt: Date; afterId: string | null } | null; limit: number },
): { page: SQL; count: SQL } {
  const where = sql`k.company_id = ${companyId} and k.met_at is null and k.stopped_at is null
    and k.paused_at is null and k.due_at < ${now} and ${caseVisibleTo(viewer)}`;
  const a = page.after;
  const keyset = !a
    ? sql``
    : a.afterId
      ? sql` and (k.due_at, k.id) > (${a.dueAt}, ${a.afterId}::uuid)`
      : sql` and k.due_at > ${a.dueAt}`;
  return {
    page: sql`select k.id, k.name, k.due_at as "dueAt", k.breached_at as "breachedAt", c.id as "caseId", c.number,
          c.office_id as "officeId", o.name as "officeName"
        from case_clocks k join cases c on c.id = k.case_id left join offices o on o.id = c.office_id
        where ${where}${keyset}
        order by k.due_at, k.id limit ${page.limit}`,
    count: sql`select count(*)::int as n from (select 1 from case_clocks k join cases c on c.id = k.case_id
        where ${where} limit ${TOTAL_CAP + 1}) x`,
  };
}

export interface OverdueStoredRow {
  id: string;
  kind: StoredDeadlineSubject;
  name: string;
  label: string;
  subjectId: string | null;
  dueAt: Date;
  breachedAt: Date | null;
  officeId: string | null;
  officeName: string | null;
}

/**
 * Deadlines of the `deadlines` table (of `kinds`) past due at `now` and neither met nor stopped, of the offices in
 * `scope` ('all': the company's, company-wide ones included), by due time then id after the keyset `after` (as in
 * overdueCaseClocks), up to `limit`; and how many there are (up to TOTAL_CAP + 1).
 */
export async function overdueStoredDeadlines(
  db: Tx,
  companyId: string,
  kinds: readonly StoredDeadlineSubject[],
  scope: 'all' | readonly string[],
  now: Date,
  page: { after: { dueAt: Date; afterId: string | null } | null; limit: number },
): Promise<{ rows: OverdueStoredRow[]; count: number }> {
  if (!kinds.length || (scope !== 'all' && !scope.length)) return { rows: [], count: 0 };
  const q = overdueStoredSql(companyId, kinds, scope, now, page);
  const [list, counted] = await Promise.all([
    db.execute<Record<keyof OverdueStoredRow, unknown>>(q.page),
    db.execute<{ n: number }>(q.count),
  ]);
  return {
    rows: list.rows.map((r) => ({
      ...(r as unknown as OverdueStoredRow),
      dueAt: toDate(r.dueAt)!,
      breachedAt: toDate(r.breachedAt),
    })),
    count: counted.rows[0].n,
  };
}

/** The page and the capped count of overdueStoredDeadlines (snapshot: db/queries/deadlines.repository.sql). */
export function overdueStoredSql(
  companyId: string,
  kinds: readonly StoredDeadlineSubject[],
  scope: 'all' | readonly string[],
  now: Date,
  page: { after: { dueAt: Date; afterId: string | null } | null; limit: number },
): { page: SQL; count: SQL } {
  const where = sql`d.company_id = ${companyId} and d.met_at is null and d.stopped_at is null
    and d.due_at < ${now} and d.kind = any(${sql.param([...kinds])}::text[])
    ${scope === 'all' ? sql`` : sql`and d.office_id = any(${sql.param([...scope])}::uuid[])`}`;
  const a = page.after;
  const keyset = !a
    ? sql``
    : a.afterId
      ? sql` and (d.due_at, d.id) > (${a.dueAt}, ${a.afterId}::uuid)`
      : sql` and d.due_at > ${a.dueAt}`;
  return {
    page: sql`select d.id, d.kind, d.name, d.label, d.subject_id as "subjectId", d.due_at as "dueAt",
        d.breached_at as "breachedAt", d.office_id as "officeId", o.name as "officeName"
      from deadlines d left join offices o on o.id = d.office_id
      where ${where}${keyset}
      order by d.due_at, d.id limit ${page.limit}`,
    count: sql`select count(*)::int as n from (select 1 from deadlines d where ${where} limit ${TOTAL_CAP + 1}) x`,
  };
}
