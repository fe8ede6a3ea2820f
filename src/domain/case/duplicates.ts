/**
 * Duplicate hints at intake (ours): the same matter often arrives twice — the resident calls, then writes on
 * WeChat; two neighbours report the same leak. The intake screen shows likely duplicates so the agent can merge
 * (INTAKE-9 `merge`) instead of dispatching twice. A hint, never a refusal: nobody refuses a matter (INTAKE-1).
 *
 * A case is a likely duplicate of the new one when it
 * - concerns the same room, or came from the same caller (phones compared in canonical form, REGISTER-4);
 * - has the same category (both set: without a category there is nothing to compare);
 * - is not closed — `resolved` counts: a resident who calls again about a resolved matter is the case to reopen,
 *   not a new one;
 * - was received within 7 days of the new one (either side: a back-dated letter may be the older of the two).
 */
import { canonicalPhone } from '../property/phone';
import type { CaseState } from './case';

export const DUPLICATE_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

export interface DuplicateProbe {
  roomId?: string | null;
  /** as typed; compared in canonical form */
  callerPhone?: string | null;
  categoryId?: string | null;
  receivedAt: Date;
}

export interface DuplicateCandidate extends DuplicateProbe {
  id: string;
  state: CaseState;
}

/** Whether `existing` should be shown as a likely duplicate of the case being recorded. */
export function isLikelyDuplicate(probe: DuplicateProbe, existing: DuplicateCandidate): boolean {
  if (existing.state === 'closed') return false;
  if (!probe.categoryId || probe.categoryId !== existing.categoryId) return false;
  const window = DUPLICATE_WINDOW_DAYS * DAY_MS;
  if (Math.abs(existing.receivedAt.getTime() - probe.receivedAt.getTime()) > window) return false;
  const sameRoom = !!probe.roomId && probe.roomId === existing.roomId;
  return sameRoom || samePhone(probe.callerPhone, existing.callerPhone);
}

function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const left = canonicalPhone(a);
  return left !== null && left === canonicalPhone(b);
}

/** The `receivedAt` range the server's query should prefilter on (inclusive). */
export function duplicateWindow(receivedAt: Date): { from: Date; to: Date } {
  const window = DUPLICATE_WINDOW_DAYS * DAY_MS;
  return { from: new Date(receivedAt.getTime() - window), to: new Date(receivedAt.getTime() + window) };
}

/** The likely duplicates among `candidates`, most recent first, the probe's own id (when editing) left out. */
export function likelyDuplicates<T extends DuplicateCandidate>(
  probe: DuplicateProbe & { id?: string },
  candidates: readonly T[],
): T[] {
  return candidates
    .filter((candidate) => candidate.id !== probe.id && isLikelyDuplicate(probe, candidate))
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
}

/**
 * A repeat of a matter closed recently (INTAKE-12, policy): the same room and category as the case being recorded,
 * closed within `days` (default REPEAT_WINDOW_DAYS) before now. The intake screen shows it so the agent may link
 * the new case to it (`relatedCaseId`); the supervisor is told and may reopen it.
 */
export const REPEAT_WINDOW_DAYS = 30;

export function isRecentRepeat(
  probe: { roomId?: string | null; categoryId?: string | null },
  closed: { roomId: string | null; categoryId: string | null; closedAt: Date | null },
  now: Date,
  days: number = REPEAT_WINDOW_DAYS,
): boolean {
  if (!probe.roomId || probe.roomId !== closed.roomId) return false;
  if (!probe.categoryId || probe.categoryId !== closed.categoryId) return false;
  if (!closed.closedAt) return false;
  const age = now.getTime() - closed.closedAt.getTime();
  return age >= 0 && age <= days * DAY_MS;
}
