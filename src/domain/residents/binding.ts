/**
 * A resident account is bound to the rooms it may raise matters for (RESIDENT-3): at once for a phone the property
 * register lists with the room, otherwise by a request the office's staff approve or decline with a reason. The
 * resident may unbind a room at any time. Pure.
 */

export const BINDING_STATUSES = ['pending', 'approved', 'declined', 'removed'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];

/** register: the register lists the phone with the room; request: the resident asked and staff decided */
export const BINDING_SOURCES = ['register', 'request'] as const;
export type BindingSource = (typeof BINDING_SOURCES)[number];

/** Requests a resident may have waiting at once: enough for a family's rooms, too few to flood the inbox. */
export const MAX_PENDING_BINDINGS = 5;

/** A decline's reason, shown to the resident. */
export const DECLINE_REASON_MAX = 200;

/** How long a decline stays on the resident's home page, with its reason. */
export const DECLINE_SHOWN_MS = 30 * 86_400_000;

/** The declines the resident still sees at `now`: those decided within DECLINE_SHOWN_MS. */
export function recentDeclines<B extends { status: BindingStatus; decidedAt: Date | null }>(
  bindings: readonly B[],
  now: Date,
): B[] {
  return bindings.filter(
    (b) =>
      b.status === 'declined' && !!b.decidedAt && now.getTime() - b.decidedAt.getTime() < DECLINE_SHOWN_MS,
  );
}

export interface BindingFacts {
  roomId: string;
  status: BindingStatus;
}

/**
 * Why a request to bind `roomId` is refused, or null. `mine` are the account's bindings in every status. A declined
 * or removed room may be asked for again.
 */
export function bindingRequestRefusal(
  mine: readonly BindingFacts[],
  roomId: string,
): 'already_bound' | 'already_requested' | 'too_many_requests' | null {
  const same = mine.filter((b) => b.roomId === roomId);
  if (same.some((b) => b.status === 'approved')) return 'already_bound';
  if (same.some((b) => b.status === 'pending')) return 'already_requested';
  if (mine.filter((b) => b.status === 'pending').length >= MAX_PENDING_BINDINGS) return 'too_many_requests';
  return null;
}

/** Staff decide a request: only a pending one, and a decline says why. */
export function decideBinding(
  status: BindingStatus,
  decision: { approve: true } | { approve: false; reason: string },
):
  | { status: 'approved' | 'declined'; reason: string | null }
  | { refused: 'not_pending' | 'reason_required' } {
  if (status !== 'pending') return { refused: 'not_pending' };
  if (decision.approve) return { status: 'approved', reason: null };
  const reason = decision.reason.trim();
  if (!reason) return { refused: 'reason_required' };
  return { status: 'declined', reason };
}

/**
 * The rooms the register binds at sign-in: those listed with the phone that the account has no binding for in any
 * status — a room the resident unbound, or a request staff declined, is not bound again behind their back.
 */
export function registerBindings(listedRoomIds: readonly string[], mine: readonly BindingFacts[]): string[] {
  const known = new Set(mine.map((b) => b.roomId));
  return [...new Set(listedRoomIds)].filter((roomId) => !known.has(roomId));
}
