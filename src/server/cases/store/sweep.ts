/**
 * The case store's entry for the deadline sweep: the due clocks locked with their cases (FOR UPDATE SKIP LOCKED,
 * so several instances never take one clock twice), and what the sweep decided written back with a fixed handful
 * of statements whatever the batch size (docs/adr/0007): the clocks, the timeline entries, the cases.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { CLOCK_COLUMNS, normaliseClock, type CaseRow, type ClockRow } from '../cases.repository';

/** A due clock with what the sweep needs of its case (aliased to these keys in the query). */
export type DueRow = ClockRow & {
  cNumber: string;
  cOfficeId: string | null;
  cTier: number;
  cState: CaseRow['state'];
  cHandlerId: string | null;
  cFirstResponderId: string;
  cRecordedById: string;
  cCallbackAssigneeId: string | null;
  cTargetType: CaseRow['targetType'];
  cTargetId: string | null;
  cTimelineSeq: number;
  cTimelineHead: string;
};

/** Up to `limit` clocks due at `now` (oldest check first), locked with their cases; locked ones are skipped. */
export async function lockDueClocks(tx: Tx, now: Date, limit: number, companyId?: string): Promise<DueRow[]> {
  const { rows } = await tx.execute<DueRow>(lockDueClocksSql(now, limit, companyId));
  return rows.map(normaliseClock);
}

export function lockDueClocksSql(now: Date, limit: number, companyId?: string): SQL {
  return sql`select ${CLOCK_COLUMNS}, c.number as "cNumber",
      c.office_id as "cOfficeId", c.escalation_tier as "cTier", c.state as "cState", c.handler_id as "cHandlerId",
      c.first_responder_id as "cFirstResponderId", c.recorded_by_id as "cRecordedById",
      c.callback_assignee_id as "cCallbackAssigneeId", c.target_type as "cTargetType", c.target_id as "cTargetId",
      c.timeline_seq as "cTimelineSeq", c.timeline_head as "cTimelineHead"
    from case_clocks k join cases c on c.id = k.case_id
    where k.next_check_at is not null and k.next_check_at <= ${now}
      ${companyId ? sql`and k.company_id = ${companyId}` : sql``}
    order by k.next_check_at
    limit ${limit}
    for update of k, c skip locked`;
}

export interface SweepWrite {
  /** the instant of every entry of the batch (ms precision: the hash covers its ISO string) */
  at: Date;
  clocks: readonly { id: string; warnedAt: Date | null; breachedAt: Date | null; nextCheckAt: Date | null }[];
  /** chained by the sweep against each case's head, in order; data as JSON text */
  entries: readonly {
    caseId: string;
    companyId: string;
    seq: number;
    type: string;
    data: string;
    prevHash: string;
    hash: string;
  }[];
  /** each case's new tier and chain head; its version moves on */
  cases: readonly { id: string; tier: number; seq: number; head: string }[];
}

export async function storeSweep(tx: Tx, p: SweepWrite): Promise<void> {
  const q = storeSweepSql(p);
  await tx.execute(q.clocks);
  await tx.execute(q.entries);
  await tx.execute(q.cases);
}

/** The three statements of storeSweep, in the order it runs them; their text is the same for any batch. */
export function storeSweepSql(p: SweepWrite): { clocks: SQL; entries: SQL; cases: SQL } {
  const iso = (d: Date | null) => d && d.toISOString();

  // `id = any(…)` as well as the join: the planner then reaches the rows by primary key, never by a scan of
  // the whole table (a hash join over a seq scan is what it picks for the bare join on a small table).
  const clockIds = p.clocks.map((c) => c.id);
  const clocks = sql`update case_clocks k set warned_at = v.warned_at, breached_at = v.breached_at,
      next_check_at = v.next_check_at
    from unnest(${sql.param(clockIds)}::uuid[],
      ${sql.param(p.clocks.map((c) => iso(c.warnedAt)))}::timestamptz[],
      ${sql.param(p.clocks.map((c) => iso(c.breachedAt)))}::timestamptz[],
      ${sql.param(p.clocks.map((c) => iso(c.nextCheckAt)))}::timestamptz[]) as v(id, warned_at, breached_at, next_check_at)
    where k.id = any(${sql.param(clockIds)}::uuid[]) and k.id = v.id`;

  const tl = p.entries;
  const entries = sql`insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
    select v.case_id, v.seq, v.company_id, ${p.at.toISOString()}::timestamptz, null, v.type, v.data::jsonb,
      v.prev_hash, v.hash
    from unnest(${sql.param(tl.map((e) => e.caseId))}::uuid[], ${sql.param(tl.map((e) => e.seq))}::int[],
      ${sql.param(tl.map((e) => e.companyId))}::uuid[], ${sql.param(tl.map((e) => e.type))}::text[],
      ${sql.param(tl.map((e) => e.data))}::text[], ${sql.param(tl.map((e) => e.prevHash))}::text[],
      ${sql.param(tl.map((e) => e.hash))}::text[]) as v(case_id, seq, company_id, type, data, prev_hash, hash)`;

  const cs = p.cases;
  const caseIds = cs.map((c) => c.id);
  const cases = sql`update cases c set escalation_tier = v.tier, timeline_seq = v.seq, timeline_head = v.head,
      version = c.version + 1
    from unnest(${sql.param(caseIds)}::uuid[], ${sql.param(cs.map((c) => c.tier))}::int[],
      ${sql.param(cs.map((c) => c.seq))}::int[], ${sql.param(cs.map((c) => c.head))}::text[])
      as v(id, tier, seq, head)
    where c.id = any(${sql.param(caseIds)}::uuid[]) and c.id = v.id`;
  return { clocks, entries, cases };
}
