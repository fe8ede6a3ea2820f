import { startClock, stopRunning } from '../case-clocks';
import { refuseWithoutReason } from './shared';
import type { CaseActionModule, ReasonInput } from './types';

/** Hand the case back to the first responder, who routes it again. */
export const returnCase: CaseActionModule<'return', ReasonInput> = {
  action: 'return',
  from: ['routed', 'in_progress'],
  // "the handler's department": the handler, or a member or head of the department it was routed to
  parties: ['handler', 'targetDepartmentMember', 'targetDepartmentHead'],
  outcome(facts, _actor, input, ctx) {
    const { now } = ctx;
    const refused = refuseWithoutReason(input);
    if (refused) return refused;
    // Back to the first responder for re-routing: routing is due again within 60 minutes (004 第十条). A repair's
    // `dispatch` counts on from receipt (REPAIR-2) until it reaches a repair team; the unit clocks no longer apply.
    const effects = stopRunning(facts.clocks, ['contact', 'followUp', 'progress'], now);
    const route = startClock('route', now, facts, ctx);
    if (route) effects.push(route);
    return {
      to: 'received',
      changes: { target: null, handlerId: null },
      clocks: effects,
      data: {
        reason: input.reason,
        previousTarget: facts.target,
        previousHandlerId: facts.handlerId,
      },
    };
  },
};
