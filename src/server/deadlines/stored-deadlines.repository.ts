/**
 * The one `deadlines` table (every subject kind but the case's clocks): what a feature writes when its subject
 * gets a deadline or meets one, what the sweep locks and writes back, and whom a deadline's notices reach.
 */
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../domain/access/roles';
import { nextCheckAt } from '../../domain/deadlines/deadline';
import type { StoredDeadlineSubject } from '../../domain/deadlines/kinds';
import { STORED_DEADLINE_KINDS, type DeadlineAudience } from '../../domain/deadlines/subjects';
import type { Tx } from '../db/client';
import { deadlines } from '../db/schema';

export type DeadlineRow = typeof deadlines.$inferSelect;

/** A deadline a feature gives its subject; `metAt` when the subject already met it (a summary published). */
export interface NewDeadline {
  companyId: string;
  officeId: string | null;
  kind: StoredDeadlineSubject;
  key: string;
  subjectId: string | null;
  name: string;
  label: string;
  data?: Record<string, string | number>;
  startedAt: Date;
  dueAt: Date;
  remindAt?: readonly Date[];
  remindersSent?: number;
  metAt?: Date | null;
}

/**
 * Gives subjects their deadlines, once: a deadline that exists (same company, kind and key) is left as it is, so
 * every instance and every retry may call this. The next check comes from the kind's rules.
 */
export async function ensureDeadlines(tx: Tx, rows: readonly NewDeadline[]): Promise<number> {
  if (!rows.length) return 0;
  const values = rows.map((r) => {
    const facts = {
      startedAt: r.startedAt,
      dueAt: r.dueAt,
      warnedAt: null,
      breachedAt: null,
      metAt: r.metAt ?? null,
      stoppedAt: null,
      pausedAt: null,
      remindAt: r.remindAt ?? [],
      remindersSent: r.remindersSent ?? 0,
    };
    return {
      companyId: r.companyId,
      officeId: r.officeId,
      kind: r.kind,
      key: r.key,
      subjectId: r.subjectId,
      name: r.name,
      label: r.label,
      data: r.data ?? {},
      startedAt: r.startedAt,
      dueAt: r.dueAt,
      remindAt: [...facts.remindAt],
      remindersSent: facts.remindersSent,
      metAt: facts.metAt,
      nextCheckAt: nextCheckAt(facts, STORED_DEADLINE_KINDS[r.kind]),
    };
  });
  const made = await tx
    .insert(deadlines)
    .values(values)
    .onConflictDoNothing({ target: [deadlines.companyId, deadlines.kind, deadlines.key] })
    .returning({ id: deadlines.id });
  return made.length;
}

/**
 * The subject did what the deadlines ask (`keys` of `kind`): met at `at`, no longer checked. Deadlines already
 * met or stopped keep their first answer.
 */
export async function meetDeadlines(
  tx: Tx,
  companyId: string,
  kind: StoredDeadlineSubject,
  keys: readonly string[],
  at: Date,
): Promise<number> {
  if (!keys.length) return 0;
  const met = await tx
    .update(deadlines)
    .set({ metAt: at, nextCheckAt: null })
    .where(
      and(
        eq(deadlines.companyId, companyId),
        eq(deadlines.kind, kind),
        inArray(deadlines.key, [...keys]),
        isNull(deadlines.metAt),
        isNull(deadlines.stoppedAt),
      ),
    )
    .returning({ id: deadlines.id });
  return met.length;
}

/** Up to `limit` deadlines due at `now` (oldest check first), locked; those another sweep holds are skipped. */
export async function lockDueDeadlines(
  tx: Tx,
  now: Date,
  limit: number,
  companyId?: string,
): Promise<DeadlineRow[]> {
  const due = sql`${deadlines.nextCheckAt} is not null and ${deadlines.nextCheckAt} <= ${now}`;
  return tx
    .select()
    .from(deadlines)
    .where(companyId ? and(due, eq(deadlines.companyId, companyId)) : due)
    .orderBy(deadlines.nextCheckAt)
    .limit(limit)
    .for('update', { skipLocked: true });
}

export interface DeadlineSweepWrite {
  id: string;
  warnedAt: Date | null;
  breachedAt: Date | null;
  remindersSent: number;
  tier: number;
  nextCheckAt: Date | null;
}

/** The one statement that writes what the sweep decided for a batch, whatever its size (snapshot: db/queries/). */
export function deadlineSweepSql(rows: readonly DeadlineSweepWrite[]): SQL {
  const iso = (d: Date | null) => d && d.toISOString();
  const ids = rows.map((r) => r.id);
  // `id = any(…)` as well as the join, so the planner reaches the rows by primary key (as storeSweep does).
  return sql`update deadlines d set warned_at = v.warned_at, breached_at = v.breached_at,
      reminders_sent = v.reminders_sent, tier = v.tier, next_check_at = v.next_check_at
    from unnest(${sql.param(ids)}::uuid[],
      ${sql.param(rows.map((r) => iso(r.warnedAt)))}::timestamptz[],
      ${sql.param(rows.map((r) => iso(r.breachedAt)))}::timestamptz[],
      ${sql.param(rows.map((r) => r.remindersSent))}::int[],
      ${sql.param(rows.map((r) => r.tier))}::int[],
      ${sql.param(rows.map((r) => iso(r.nextCheckAt)))}::timestamptz[])
      as v(id, warned_at, breached_at, reminders_sent, tier, next_check_at)
    where d.id = any(${sql.param(ids)}::uuid[]) and d.id = v.id`;
}

/** Writes what the sweep decided for a batch, in one statement whatever its size. */
export async function storeDeadlineSweep(tx: Tx, rows: readonly DeadlineSweepWrite[]): Promise<void> {
  if (rows.length) await tx.execute(deadlineSweepSql(rows));
}

/** Someone a deadline's notice may reach: roles and offices, and the department they belong to. */
export interface AudienceStaff {
  id: string;
  companyId: string;
  roles: Role[];
  officeIds: string[];
  active: boolean;
  departmentFunction: string | null;
  /** the department's office; null: a company-wide department */
  departmentOfficeId: string | null;
}

/**
 * The active staff of `companyIds` who hold one of `roles` or belong to a department of one of `functions`, and
 * the recorded director of each of `officeIds` — read once per sweep batch.
 */
export async function audienceStaff(
  tx: Tx,
  companyIds: readonly string[],
  officeIds: readonly string[],
  audience: DeadlineAudience,
): Promise<{ staff: AudienceStaff[]; directors: Map<string, string> }> {
  if (!companyIds.length) return { staff: [], directors: new Map() };
  const q = audienceStaffSql(companyIds, officeIds, audience);
  const { rows } = await tx.execute<{
    id: string;
    company_id: string;
    roles: Role[];
    office_ids: string[];
    department_function: string | null;
    department_office_id: string | null;
  }>(q.staff);
  const recorded = q.directors
    ? await tx.execute<{ id: string; director_id: string }>(q.directors)
    : { rows: [] };
  return {
    staff: rows.map((r) => ({
      id: r.id,
      companyId: r.company_id,
      roles: r.roles,
      officeIds: r.office_ids,
      active: true,
      departmentFunction: r.department_function,
      departmentOfficeId: r.department_office_id,
    })),
    directors: new Map(recorded.rows.map((r) => [r.id, r.director_id])),
  };
}

/** The two reads of audienceStaff: the staff, and the offices' recorded directors (null: no offices). */
export function audienceStaffSql(
  companyIds: readonly string[],
  officeIds: readonly string[],
  audience: DeadlineAudience,
): { staff: SQL; directors: SQL | null } {
  const offices = [...new Set(officeIds)];
  return {
    staff: sql`select u.id, u.company_id, u.roles,
      array(select uo.office_id::text from user_offices uo where uo.user_id = u.id) as office_ids,
      d.function as department_function, d.office_id as department_office_id
    from users u left join departments d on d.id = u.department_id
    where u.company_id = any(${sql.param([...new Set(companyIds)])}::uuid[]) and u.active
      and (u.roles && ${sql.param([...audience.roles])}::text[]
        or d.function = any(${sql.param([...audience.departmentFunctions])}::text[]))`,
    directors: offices.length
      ? sql`select id, director_id from offices where id = any(${sql.param(offices)}::uuid[])
          and director_id is not null`
      : null,
  };
}
