/**
 * Reading and appending append-only records of any registered kind (record-kinds.ts). The chain itself is the
 * domain's (domain/record/hash-chain.ts); here only where its entries and heads are stored.
 */
import { and, asc, gt, inArray, sql, eq } from 'drizzle-orm';
import type { JsonObject } from '../../domain/case/case';
import { chainEntry, type ChainHead, type TimelineEntryForVerify } from '../../domain/record/hash-chain';
import type { Tx } from '../db/client';
import type { RecordKind } from './record-kinds';

/** A subject as verify reads it: its head and its facts as they are now. */
export interface RecordSubject {
  id: string;
  label: string;
  head: ChainHead;
  facts: Record<string, unknown>;
}

/** Up to `limit` subjects of `kind` after `afterId` in id order, optionally of one company. */
export async function loadRecordSubjects(
  db: Tx,
  kind: RecordKind,
  opts: { afterId: string; limit: number; companyId?: string },
): Promise<RecordSubject[]> {
  const s = kind.subject;
  const rows = await db
    .select({ id: s.id, label: s.label, seq: s.headSeq, hash: s.headHash, facts: s.facts })
    .from(s.table)
    .where(and(gt(s.id, opts.afterId), opts.companyId ? eq(s.companyId, opts.companyId) : undefined))
    .orderBy(asc(s.id))
    .limit(opts.limit);
  return rows.map((r) => ({
    id: r.id as string,
    label: r.label as string,
    head: { seq: r.seq as number, hash: r.hash as string },
    facts: r.facts as Record<string, unknown>,
  }));
}

/** The entries of the given subjects, each subject's in seq order. */
export async function loadRecordEntries(
  db: Tx,
  kind: RecordKind,
  subjectIds: readonly string[],
): Promise<Map<string, TimelineEntryForVerify[]>> {
  const bySubject = new Map<string, TimelineEntryForVerify[]>(subjectIds.map((id) => [id, []]));
  if (!subjectIds.length) return bySubject;
  const e = kind.entries;
  const rows = await db
    .select({
      subjectId: e.subjectId,
      seq: e.seq,
      at: e.at,
      actorId: e.actorId,
      type: e.type,
      data: e.data,
      prevHash: e.prevHash,
      hash: e.hash,
    })
    .from(e.table)
    .where(inArray(e.subjectId, [...subjectIds]))
    .orderBy(asc(e.subjectId), asc(e.seq));
  for (const r of rows)
    bySubject.get(r.subjectId as string)!.push({
      seq: r.seq as number,
      at: r.at as Date,
      actorId: r.actorId as string | null,
      type: r.type as string,
      data: r.data as JsonObject,
      prevHash: r.prevHash as string,
      hash: r.hash as string,
    });
  return bySubject;
}

/** An entry to append: the chain adds seq, prevHash and hash. */
export interface NewRecordEntry {
  type: string;
  data: JsonObject;
  actorId: string | null;
  at: Date;
}

/**
 * Appends entries to a subject's record and moves its head; the caller holds the subject row's lock (FOR UPDATE),
 * so entries are appended strictly in order. Returns the new head (the old one when `entries` is empty).
 */
export async function appendRecordEntries(
  tx: Tx,
  kind: RecordKind,
  subject: { id: string; companyId: string; head: ChainHead },
  entries: readonly NewRecordEntry[],
): Promise<ChainHead> {
  const e = kind.entries;
  const s = kind.subject;
  const col = (c: { name: string }) => sql.identifier(c.name);
  let previous: ChainHead | null = subject.head.seq > 0 ? subject.head : null;
  for (const given of entries) {
    // Millisecond precision: the hash covers at.toISOString() and timestamptz(3) stores exactly that.
    const entry = chainEntry(previous, {
      at: new Date(given.at.getTime()),
      actorId: given.actorId,
      type: given.type,
      data: given.data,
    });
    await tx.execute(sql`insert into ${e.table} (${col(e.subjectId)}, ${col(e.seq)}, ${col(e.companyId)},
        ${col(e.at)}, ${col(e.actorId)}, ${col(e.type)}, ${col(e.data)}, ${col(e.prevHash)}, ${col(e.hash)})
      values (${subject.id}, ${entry.seq}, ${subject.companyId}, ${entry.at}, ${given.actorId}, ${given.type},
        ${JSON.stringify(given.data)}::jsonb, ${entry.prevHash}, ${entry.hash})`);
    previous = { seq: entry.seq, hash: entry.hash };
  }
  if (!previous || previous === subject.head) return subject.head;
  await tx.execute(
    sql`update ${s.table} set ${col(s.headSeq)} = ${previous.seq}, ${col(s.headHash)} = ${previous.hash}
      where ${col(s.id)} = ${subject.id}`,
  );
  return previous;
}
