import { startClock, stopRunning } from '../case-clocks';
import { invalid, requireText, startProgress, type FieldErrors } from './shared';
import type { CaseActionModule, CaseChanges } from './types';

export interface ReopenInput {
  reason: string;
  /** optional, ours: who handles the reopened case; default the last handler */
  handlerId?: string | null;
}

/** Handle a resolved or closed case again. */
export const reopen: CaseActionModule<'reopen', ReopenInput> = {
  action: 'reopen',
  from: ['resolved', 'closed'],
  parties: ['supervisor', 'director', 'manager'],
  // a merged case is reopened through the case it was merged into
  precondition: (facts) => (facts.mergedIntoId != null ? 'merged_case_reopen' : null),
  outcome(facts, _actor, input, ctx) {
    const { now } = ctx;
    const fields: FieldErrors = {};
    const { reason, handlerId } = input;
    requireText(fields, 'reason', reason);
    const refused = invalid(fields);
    if (refused) return refused;
    // The clocks of a resolved case no longer apply: it is handled again.
    const effects = stopRunning(facts.clocks, ['callback', 'appointment', 'homeVisit'], now);
    const resolve = startClock('resolve', now, facts, ctx);
    if (resolve) effects.push(resolve);
    effects.push(...startProgress(facts, now, ctx));
    const changes: CaseChanges = {
      reopenCount: facts.reopenCount + 1,
      resolvedAt: null,
      closure: null,
      closedAt: null,
    };
    if (handlerId) changes.handlerId = handlerId;
    return {
      to: 'in_progress',
      changes,
      clocks: effects,
      data: { reason, handlerId: handlerId ?? facts.handlerId, reopenCount: facts.reopenCount + 1 },
    };
  },
};
