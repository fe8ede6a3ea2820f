/**
 * The case store's entry for a decided action: the one place an action's effects reach `cases`, `case_clocks` and
 * `case_timeline`. The caller holds the case row's lock (FOR UPDATE) and passes the row and clocks it decided on;
 * `decide()` (domain/case/lifecycle.ts) has already named every column that changes, derived ones included, so
 * nothing here computes a rule — it folds the clock effects (domain/case/stored-clocks.ts) and writes.
 */
import { eq, sql } from 'drizzle-orm';
import type { ClockName } from '../../../domain/case/case';
import type { CaseEffects } from '../../../domain/case/lifecycle';
import { clockSummary, foldClockEffects, type StoredClock } from '../../../domain/case/stored-clocks';
import type { Tx } from '../../db/client';
import { cases } from '../../db/schema';
import { caseTimelineKind } from '../../records/record-kinds';
import { appendRecordEntries, type NewRecordEntry } from '../../records/records.repository';
import type { CaseRow, ClockRow } from '../cases.repository';
import { saveClocks } from './clocks';

export type CaseUpdate = Partial<typeof cases.$inferInsert>;

export interface DecisionWrite {
  /** the case row as loaded under lock */
  row: CaseRow;
  clocks: readonly ClockRow[];
  effects: CaseEffects;
  actorId: string;
  now: Date;
  /** entries that follow the action's own (the files attached with it) */
  moreEntries?: readonly NewRecordEntry[];
}

/**
 * What a decided action does to the stored case, nothing written: the columns to set (besides the version), the
 * clocks after it and the names of those it changed. storeDecision writes it; the demo history (history.ts)
 * applies it in memory, action after action.
 */
export function foldDecision(
  row: Pick<CaseRow, 'id'>,
  clocks: readonly StoredClock[],
  effects: CaseEffects,
  now: Date,
): { set: CaseUpdate; clocksAfter: Map<ClockName, StoredClock>; touched: Set<ClockName> } {
  const { target, ...columns } = effects.changes;
  const set: CaseUpdate = { ...columns, updatedAt: now };
  if (target !== undefined) {
    set.targetType = target?.type ?? null;
    set.targetId = target?.id ?? null;
  }
  // The clocks after the decision, and what the case row keeps of them.
  const clocksAfter = new Map<ClockName, StoredClock>(clocks.map((c) => [c.name, { ...c }]));
  const touched = foldClockEffects(clocksAfter, row.id, effects.clocks);
  if (touched.size) Object.assign(set, clockSummary(clocksAfter.values()));
  return { set, clocksAfter, touched };
}

/** Stores one decided action: the case's columns and version, its changed clocks, its timeline entries. */
export async function storeDecision(tx: Tx, w: DecisionWrite): Promise<void> {
  const { row, effects, now } = w;
  const { set, clocksAfter, touched } = foldDecision(row, w.clocks, effects, now);
  await tx
    .update(cases)
    .set({ ...set, version: sql`${cases.version} + 1` })
    .where(eq(cases.id, row.id));
  await saveClocks(tx, row.companyId, row.id, clocksAfter, touched);
  await appendCaseEntries(tx, row, [
    { type: effects.timeline.type, data: effects.timeline.data, actorId: w.actorId, at: now },
    ...(w.moreEntries ?? []),
  ]);
}

/** Appends entries to a case's timeline (the caller holds its lock), e.g. `merged` on the case merged into. */
export function appendCaseEntries(
  tx: Tx,
  row: Pick<CaseRow, 'id' | 'companyId' | 'timelineSeq' | 'timelineHead'>,
  entries: readonly NewRecordEntry[],
) {
  return appendRecordEntries(
    tx,
    caseTimelineKind,
    { id: row.id, companyId: row.companyId, head: { seq: row.timelineSeq, hash: row.timelineHead } },
    entries,
  );
}

/** A reporter's phone was shown on request: recorded on the timeline, and the case's version moves on. */
export async function storeReveal(
  tx: Tx,
  row: Pick<CaseRow, 'id' | 'companyId' | 'timelineSeq' | 'timelineHead'>,
  actorId: string,
  now: Date,
): Promise<void> {
  await appendCaseEntries(tx, row, [
    { type: 'pii_revealed', data: { field: 'reporter.phone' }, actorId, at: now },
  ]);
  await tx
    .update(cases)
    .set({ version: sql`${cases.version} + 1` })
    .where(eq(cases.id, row.id));
}
