/**
 * The one hash chain of every append-only record (a case's timeline first; handovers, visit records and frozen
 * survey lists later): each entry's `hash` = lowercase hex SHA-256 of the UTF-8 canonical JSON of
 * `{ seq, at, actorId, type, data, prevHash }`, where `prevHash` is the previous entry's hash and, for the first
 * entry, 64 zeros. The subject of a record stores the chain's end (its head: seq and hash), and the first entry
 * carries `factsHash`, the digest of the facts as first given, which stay on the subject's row — so a deleted last
 * entry, a rewritten head or a rewritten fact is found as surely as a changed entry (docs/adr/0017).
 *
 * Canonical JSON: object keys sorted by UTF-16 code units (JavaScript's default sort), recursively; no
 * whitespace; strings and numbers as `JSON.stringify` writes them. For JSON data this is RFC 8785 (JCS).
 *
 * `node:crypto` is allowed here: the layer rule (eslint.config.js) forbids I/O modules, not hashing. This file is
 * never imported by contracts, so the web bundle does not pull it in.
 */
import { createHash } from 'node:crypto';
import type { JsonValue, TimelineType } from '../case/case';

/** `prevHash` of the first entry (RECORD-2). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON of `value`. Dates become their ISO string (as `JSON.stringify` does); object properties whose
 * value is `undefined` are left out. Throws RangeError on what JSON cannot hold faithfully (NaN, Infinity,
 * bigint, functions, symbols, `undefined` at the top or in an array) — a hash over a lossy value could not be
 * verified after a round trip through the database.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError(`${path} is an invalid date`);
    return JSON.stringify(value.toISOString());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`${path} is not a finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw new RangeError(`${path} (${typeof value}) cannot be written as JSON`);
  }
}

/** The fields a timeline hash covers. */
export interface TimelineHashInput {
  /** 1 for the first entry, then +1 each */
  seq: number;
  /** the instant of the entry; a Date is hashed as `toISOString()` (UTC, milliseconds, `Z`) — store it at ms precision */
  at: Date | string;
  /** null for entries the system writes (clock_warned, clock_breached) */
  actorId: string | null;
  type: TimelineType | string;
  data: JsonValue | Record<string, unknown>;
  prevHash: string;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The digest of a record's facts as first given: lowercase hex SHA-256 of their canonical JSON. */
export function factsDigest(facts: Record<string, JsonValue | Date>): string {
  return sha256Hex(canonicalJson(facts));
}

/** The key of the first entry's data under which the facts digest is chained. */
export const FACTS_HASH_KEY = 'factsHash';

/** The hash of one entry: lowercase hex SHA-256 of its canonical JSON. */
export function entryHash(entry: TimelineHashInput): string {
  const at = entry.at instanceof Date ? entry.at.toISOString() : entry.at;
  return sha256Hex(
    canonicalJson({
      seq: entry.seq,
      at,
      actorId: entry.actorId,
      type: entry.type,
      data: entry.data,
      prevHash: entry.prevHash,
    }),
  );
}

/** A stored entry: the hashed fields (prevHash optional — it is implied by the previous entry) and its hash. */
export interface TimelineEntryForVerify extends Omit<TimelineHashInput, 'prevHash'> {
  prevHash?: string;
  hash: string;
}

/** The next entry of a chain: seq and prevHash follow `previous` (null for the first entry), hash computed. */
export function chainEntry<T extends Omit<TimelineHashInput, 'seq' | 'prevHash'>>(
  previous: { seq: number; hash: string } | null,
  entry: T,
): T & { seq: number; prevHash: string; hash: string } {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  return { ...entry, seq, prevHash, hash: entryHash({ ...entry, seq, prevHash }) };
}

export type ChainVerdict = { intact: true } | { intact: false; firstBrokenSeq: number };

/** The end of a chain as its subject stores it: the last entry's seq and hash; seq 0 and 64 zeros before the first. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** What a check of one whole record found. */
export type RecordVerdict =
  /** `factsChecked` false: the chain predates the facts digest (its first entry has none), so chain and head only */
  | { intact: true; factsChecked: boolean }
  /** an entry was changed, removed or reordered: the first seq where the chain breaks */
  | { intact: false; problem: 'entry'; firstBrokenSeq: number }
  /** the entries chain, but the stored head is not their end (the last entries deleted, or the head rewritten) */
  | { intact: false; problem: 'head'; stored: ChainHead; chainEnd: ChainHead }
  /** the subject's facts are no longer those the first entry's digest was taken of */
  | { intact: false; problem: 'facts' };

/**
 * Checks one record: its entries chain (verifyChain), the stored head is the chain's end, and — when the first
 * entry carries a facts digest — the digest of the subject's facts now (`currentFactsDigest`) is the chained one.
 */
export function verifyRecord(
  entries: readonly TimelineEntryForVerify[],
  storedHead: ChainHead,
  currentFactsDigest: string | null,
  opts: { nonEmpty?: boolean } = {},
): RecordVerdict {
  // A kind whose subject is created with its first entry (a case with `received`) is never empty: no entries at
  // all is the first one missing, whatever the head says.
  if (opts.nonEmpty && entries.length === 0) return { intact: false, problem: 'entry', firstBrokenSeq: 1 };
  const chain = verifyChain(entries);
  if (!chain.intact) return { intact: false, problem: 'entry', firstBrokenSeq: chain.firstBrokenSeq };
  const last = entries.at(-1);
  const chainEnd = last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD;
  if (storedHead.seq !== chainEnd.seq || storedHead.hash !== chainEnd.hash)
    return { intact: false, problem: 'head', stored: storedHead, chainEnd };
  const first = entries[0]?.data as Record<string, unknown> | undefined;
  const chained = first?.[FACTS_HASH_KEY];
  if (typeof chained !== 'string') return { intact: true, factsChecked: false };
  if (chained !== currentFactsDigest) return { intact: false, problem: 'facts' };
  return { intact: true, factsChecked: true };
}

/**
 * Checks a whole timeline, in `seq` order: seq starts at 1 and grows by one, each `prevHash` (when given) is
 * the previous hash (64 zeros for the first), and each `hash` matches its content. Changing, removing or
 * reordering any entry breaks the chain at that entry; `firstBrokenSeq` names it (for a missing entry, the seq
 * found where it was expected).
 */
export function verifyChain(entries: readonly TimelineEntryForVerify[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    const broken =
      entry.seq !== expectedSeq ||
      (entry.prevHash !== undefined && entry.prevHash !== prevHash) ||
      entryHash({ ...entry, prevHash }) !== entry.hash;
    if (broken) return { intact: false, firstBrokenSeq: entry.seq };
    prevHash = entry.hash;
    expectedSeq++;
  }
  return { intact: true };
}
