/**
 * The kinds of append-only record, registered once: where each one's entries live, which subject row holds its
 * head (the chain's last seq and hash) and the facts whose digest its first entry chains. `huiyin verify` and a
 * record's `timelineIntact` check every kind the same way (records.repository.ts, verify-records.ts). A new kind —
 * a handover, a visit record, a frozen survey list — adds an entry here, never a verifier of its own.
 */
import type { Column, GetColumnData } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { caseFactsHash } from '../../domain/case/facts-digest';
import { caseTimeline, cases } from '../db/schema';

type FactsColumns = Record<string, PgColumn>;
export type FactsOf<F extends FactsColumns> = { [K in keyof F]: GetColumnData<F[K] & Column> };

export interface RecordKind<F extends FactsColumns = FactsColumns> {
  /** printed by `huiyin verify` */
  name: string;
  /** the row the record is about, and its head columns */
  subject: {
    table: PgTable;
    id: PgColumn;
    companyId: PgColumn;
    /** how a person finds the subject (a case's number) */
    label: PgColumn;
    headSeq: PgColumn;
    headHash: PgColumn;
    /**
     * the facts as first given, kept on the row, each under its column's schema key; their digest is the first
     * entry's `factsHash`
     */
    facts: F;
  };
  /** the entries' table: every kind's entries have these columns, chained by domain/record/hash-chain.ts */
  entries: {
    table: PgTable;
    subjectId: PgColumn;
    companyId: PgColumn;
    seq: PgColumn;
    at: PgColumn;
    actorId: PgColumn;
    type: PgColumn;
    data: PgColumn;
    prevHash: PgColumn;
    hash: PgColumn;
  };
  /** the digest of the subject's facts as they are now */
  factsDigest: (facts: FactsOf<F>) => string;
  /** the subject is created with its first entry, so a record with none has lost it */
  nonEmpty: boolean;
}

function defineRecordKind<F extends FactsColumns>(kind: RecordKind<F>): RecordKind {
  return kind as unknown as RecordKind;
}

/** A case's timeline: `received` first, then every action, warning and breach. */
export const caseTimelineKind = defineRecordKind({
  name: 'case_timeline',
  subject: {
    table: cases,
    id: cases.id,
    companyId: cases.companyId,
    label: cases.number,
    headSeq: cases.timelineSeq,
    headHash: cases.timelineHead,
    facts: {
      description: cases.description,
      reporterName: cases.reporterName,
      reporterPhone: cases.reporterPhone,
      reporterAnonymous: cases.reporterAnonymous,
      roomId: cases.roomId,
      address: cases.address,
      receivedAt: cases.receivedAt,
      channel: cases.channel,
      kind: cases.kind,
    },
  },
  entries: {
    table: caseTimeline,
    subjectId: caseTimeline.caseId,
    companyId: caseTimeline.companyId,
    seq: caseTimeline.seq,
    at: caseTimeline.at,
    actorId: caseTimeline.actorId,
    type: caseTimeline.type,
    data: caseTimeline.data,
    prevHash: caseTimeline.prevHash,
    hash: caseTimeline.hash,
  },
  factsDigest: caseFactsHash,
  nonEmpty: true,
});

/** Every registered kind, in the order `huiyin verify` checks them. */
export const RECORD_KINDS: readonly RecordKind[] = [caseTimelineKind];
