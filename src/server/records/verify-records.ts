/**
 * `huiyin verify` and every record's `timelineIntact`: each registered kind's chains re-hashed, each stored head
 * compared with its chain's end, each facts digest recomputed from the subject's row (domain/record/hash-chain.ts).
 */
import {
  verifyRecord,
  type ChainHead,
  type RecordVerdict,
  type TimelineEntryForVerify,
} from '../../domain/record/hash-chain';
import type { Db } from '../db/client';
import { RECORD_KINDS, type FactsOf, type RecordKind } from './record-kinds';
import { loadRecordEntries, loadRecordSubjects } from './records.repository';

/**
 * One record checked against its subject as it is now: `subject` is its row, or any object holding the kind's fact
 * keys (they are the schema's keys, so a row loaded with them serves as is).
 */
export function checkRecord(
  kind: RecordKind,
  head: ChainHead,
  subject: Record<string, unknown>,
  entries: readonly TimelineEntryForVerify[],
): RecordVerdict {
  const facts = Object.fromEntries(Object.keys(kind.subject.facts).map((key) => [key, subject[key]]));
  return verifyRecord(entries, head, kind.factsDigest(facts as FactsOf<RecordKind['subject']['facts']>), {
    nonEmpty: kind.nonEmpty,
  });
}

export type BrokenRecord = { kind: string; subjectId: string; label: string } & Exclude<
  RecordVerdict,
  { intact: true }
>;

export interface KindReport {
  kind: string;
  checked: number;
  /** intact chains older than the facts digest: checked for chain and head only */
  factsUnchecked: number;
  broken: BrokenRecord[];
}

export async function verifyAllRecords(
  db: Db,
  opts: { companyId?: string; batch?: number; kinds?: readonly RecordKind[] } = {},
): Promise<KindReport[]> {
  const batch = opts.batch ?? 500;
  const reports: KindReport[] = [];
  for (const kind of opts.kinds ?? RECORD_KINDS) {
    const report: KindReport = { kind: kind.name, checked: 0, factsUnchecked: 0, broken: [] };
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const subjects = await loadRecordSubjects(db, kind, {
        afterId,
        limit: batch,
        companyId: opts.companyId,
      });
      const entries = await loadRecordEntries(
        db,
        kind,
        subjects.map((s) => s.id),
      );
      for (const s of subjects) {
        const verdict = checkRecord(kind, s.head, s.facts, entries.get(s.id)!);
        report.checked++;
        if (verdict.intact) {
          if (!verdict.factsChecked) report.factsUnchecked++;
        } else report.broken.push({ kind: kind.name, subjectId: s.id, label: s.label, ...verdict });
      }
      if (subjects.length < batch) break;
      afterId = subjects[subjects.length - 1].id;
    }
    reports.push(report);
  }
  return reports;
}

/** One line of `huiyin verify` per broken record, saying what was found. */
export function describeBroken(b: BrokenRecord): string {
  const where = `${b.kind} ${b.label} (${b.subjectId})`;
  switch (b.problem) {
    case 'entry':
      return `BROKEN ${where}: entry seq ${b.firstBrokenSeq} was changed, removed or reordered`;
    case 'head':
      return (
        `BROKEN ${where}: the stored head (seq ${b.stored.seq}) is not the chain's end (seq ${b.chainEnd.seq}) — ` +
        `entries after it were deleted, or the head was rewritten`
      );
    case 'facts':
      return `BROKEN ${where}: the facts on its row are not those first recorded (their digest differs)`;
  }
}
