/**
 * The case store's entry for a case's past written at once (the demo history, OPS-4): cases already taken in by
 * insertIntakes, then every action decided for them at past instants (foldDecision, as storeDecision folds one)
 * and every sweep of their clocks (sweepCaseClock, as the sweep takes one) — applied in memory, written here with
 * one statement per batch whatever its size: the cases' columns, their clocks (upserted by name) and their later
 * timeline entries, chained on from each intake's head with the one record helper (domain/record/hash-chain.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { StoredClock } from '../../../domain/case/stored-clocks';
import { chainEntry, type ChainHead } from '../../../domain/record/hash-chain';
import type { Tx } from '../../db/client';
import { asStoredJson } from '../../db/text';
import type { NewRecordEntry } from '../../records/records.repository';
import type { CaseRow } from '../cases.repository';

export interface HistoryWrite {
  /** the case as it stands after its history: the columns the actions and the sweep set are written */
  row: CaseRow;
  /** every clock of the case as it stands after its history; a clock new since intake has its own id */
  clocks: readonly StoredClock[];
  /** the head the case's intake stored (its `received` entry, and `resolved`/`closed` on the spot) */
  intakeHead: ChainHead;
  /** the entries after intake, in order */
  entries: readonly NewRecordEntry[];
}

/** Cases per statement: a few megabytes of JSON each. */
const BATCH = 500;

/** The JSON row of one case's history, its entries chained from the intake's head. */
function historyJson(w: HistoryWrite) {
  const orOmit = <T>(v: T | null | undefined) => v ?? undefined;
  let head = w.intakeHead;
  const entries = w.entries.map((e) => {
    // as intake and appendRecordEntries store them: text as a parameter would be, the instant at milliseconds
    const data = asStoredJson(e.data);
    const entry = chainEntry(head.seq > 0 ? head : null, {
      at: new Date(e.at.getTime()),
      actorId: e.actorId,
      type: e.type,
      data,
    });
    head = { seq: entry.seq, hash: entry.hash };
    return {
      seq: entry.seq,
      at: entry.at,
      actor_id: orOmit(e.actorId),
      type: e.type,
      data,
      prev_hash: entry.prevHash,
      hash: entry.hash,
    };
  });
  const r = w.row;
  return {
    json: {
      id: r.id,
      company_id: r.companyId,
      version: r.version,
      state: r.state,
      updated_at: r.updatedAt,
      handler_id: orOmit(r.handlerId),
      department_id: orOmit(r.departmentId),
      target_type: orOmit(r.targetType),
      target_id: orOmit(r.targetId),
      visit_at: orOmit(r.visitAt),
      resident_told_at: orOmit(r.residentToldAt),
      reply_count: r.replyCount,
      closure: orOmit(r.closure),
      escalation_tier: r.escalationTier,
      satisfaction: orOmit(r.satisfaction),
      reopen_count: r.reopenCount,
      merged_into_id: orOmit(r.mergedIntoId),
      invalid: r.invalid,
      closed_unsatisfied: r.closedUnsatisfied,
      callback_assignee_id: orOmit(r.callbackAssigneeId),
      calendar_unknown: r.calendarUnknown,
      resolved_at: orOmit(r.resolvedAt),
      closed_at: orOmit(r.closedAt),
      next_due_at: orOmit(r.nextDueAt),
      timeline_seq: head.seq,
      timeline_head: head.hash,
      clocks: w.clocks.map((c) => ({
        id: c.id,
        name: c.name,
        started_at: c.startedAt,
        due_at: c.dueAt,
        met_at: orOmit(c.metAt),
        warned_at: orOmit(c.warnedAt),
        breached_at: orOmit(c.breachedAt),
        paused_at: orOmit(c.pausedAt),
        paused_ms: c.pausedMs,
        stopped_at: orOmit(c.stoppedAt),
        calendar_unknown: c.calendarUnknown,
        next_check_at: orOmit(c.nextCheckAt),
      })),
      entries,
    },
    head,
  };
}

/**
 * Writes the histories of cases inserted by insertIntakes earlier in the caller's transaction; returns each case's
 * new chain head, in the order of `writes`.
 */
export async function storeHistories(tx: Tx, writes: readonly HistoryWrite[]): Promise<ChainHead[]> {
  const heads: ChainHead[] = [];
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = storeHistoriesSql(writes.slice(i, i + BATCH));
    await tx.execute(batch.query);
    heads.push(...batch.heads);
  }
  return heads;
}

/**
 * The one statement of storeHistories for a batch — its JSON rows (historyJson) as a single parameter, the same
 * text whatever the batch's size — and the heads it leaves.
 */
export function storeHistoriesSql(writes: readonly HistoryWrite[]): { query: SQL; heads: ChainHead[] } {
  const rows = writes.map(historyJson);
  const query = sql`with x as materialized (
      select * from jsonb_to_recordset(${`[${rows.map((r) => JSON.stringify(r.json)).join(',')}]`}::jsonb) as x(id uuid, company_id uuid,
        version int, state text, updated_at timestamptz, handler_id uuid, department_id uuid, target_type text,
        target_id uuid, visit_at timestamptz, resident_told_at timestamptz, reply_count int, closure text,
        escalation_tier int, satisfaction text, reopen_count int, merged_into_id uuid, invalid boolean,
        closed_unsatisfied boolean, callback_assignee_id uuid, calendar_unknown boolean, resolved_at timestamptz,
        closed_at timestamptz, next_due_at timestamptz, timeline_seq int, timeline_head text, clocks jsonb,
        entries jsonb)
    ), c as (
      update cases c set version = x.version, state = x.state, updated_at = x.updated_at,
        handler_id = x.handler_id, department_id = x.department_id, target_type = x.target_type,
        target_id = x.target_id, visit_at = x.visit_at, resident_told_at = x.resident_told_at,
        reply_count = x.reply_count, closure = x.closure, escalation_tier = x.escalation_tier,
        satisfaction = x.satisfaction, reopen_count = x.reopen_count, merged_into_id = x.merged_into_id,
        invalid = x.invalid, closed_unsatisfied = x.closed_unsatisfied, callback_assignee_id = x.callback_assignee_id,
        calendar_unknown = x.calendar_unknown, resolved_at = x.resolved_at, closed_at = x.closed_at,
        next_due_at = x.next_due_at, timeline_seq = x.timeline_seq, timeline_head = x.timeline_head
      from x where c.id = x.id and c.company_id = x.company_id
      returning c.id
    ), k as (
      insert into case_clocks (id, company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at,
        paused_at, paused_ms, stopped_at, calendar_unknown, next_check_at)
      select y.id, x.company_id, x.id, y.name, y.started_at, y.due_at, y.met_at, y.warned_at, y.breached_at,
        y.paused_at, y.paused_ms, y.stopped_at, y.calendar_unknown, y.next_check_at
      from x cross join jsonb_to_recordset(x.clocks) as y(id uuid, name text,
        started_at timestamptz, due_at timestamptz, met_at timestamptz, warned_at timestamptz,
        breached_at timestamptz, paused_at timestamptz, paused_ms bigint, stopped_at timestamptz,
        calendar_unknown boolean, next_check_at timestamptz)
      on conflict (case_id, name) do update set started_at = excluded.started_at, due_at = excluded.due_at,
        met_at = excluded.met_at, warned_at = excluded.warned_at, breached_at = excluded.breached_at,
        paused_at = excluded.paused_at, paused_ms = excluded.paused_ms, stopped_at = excluded.stopped_at,
        calendar_unknown = excluded.calendar_unknown, next_check_at = excluded.next_check_at
    ), t as (
      insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
      select x.id, y.seq, x.company_id, y.at, y.actor_id, y.type, y.data, y.prev_hash, y.hash
      from x cross join jsonb_to_recordset(x.entries) as y(seq int, at timestamptz, actor_id uuid,
        type text, data jsonb, prev_hash text, hash text)
    )
    select count(*)::int as cases from c`;
  return { query, heads: rows.map((r) => r.head) };
}
