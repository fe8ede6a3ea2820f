/**
 * The facts of a case as first given — what the resident said, who they are, where, when and how it came in. They
 * stay on the case row (they are shown only to those who may see them, and may one day be erased), so the chain
 * keeps only their digest: the `received` entry's `factsHash`. `huiyin verify` recomputes it from the row, so a
 * description or reporter rewritten behind the product's back is found (docs/adr/0017).
 */
import { factsDigest } from '../record/hash-chain';
import type { CaseKind, Channel } from './case';

export interface CaseFactsAsGiven {
  description: string;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterAnonymous: boolean;
  roomId: string | null;
  address: string | null;
  receivedAt: Date;
  channel: Channel | string;
  kind: CaseKind | string;
}

/** SHA-256 of the canonical JSON of exactly these nine facts; absent values count as null, never left out. */
export function caseFactsHash(f: CaseFactsAsGiven): string {
  return factsDigest({
    description: f.description,
    reporterName: f.reporterName ?? null,
    reporterPhone: f.reporterPhone ?? null,
    reporterAnonymous: f.reporterAnonymous,
    roomId: f.roomId ?? null,
    address: f.address ?? null,
    // the instant at millisecond precision, as timestamptz(3) stores it and toISOString writes it
    receivedAt: new Date(f.receivedAt.getTime()).toISOString(),
    channel: f.channel,
    kind: f.kind,
  });
}
