import { meetRunning, type ClockEffect } from '../case-clocks';
import { startProgress } from './shared';
import type { CaseActionModule, NoInput } from './types';

/**
 * Take the routed case in hand: handling starts. A repair team taking it meets `dispatch` (REPAIR-2); an
 * emergency's resident is updated at the policy's interval from now on (`progress`, EMERGENCY-3).
 */
export const accept: CaseActionModule<'accept', NoInput> = {
  action: 'accept',
  from: ['routed'],
  parties: ['handler', 'targetDepartmentMember'],
  outcome(facts, actor, _input, ctx) {
    const { now } = ctx;
    // The acceptor takes the case when nobody was named; a named handler stays (a colleague may accept for them).
    const handlerId = facts.handlerId ?? actor.userId;
    const clocks: ClockEffect[] = [
      ...(facts.targetIsRepairTeam ? meetRunning(facts.clocks, ['dispatch'], now) : []),
      ...startProgress(facts, now, ctx),
    ];
    return {
      to: 'in_progress',
      changes: facts.handlerId ? {} : { handlerId },
      clocks,
      data: { handlerId },
    };
  },
};
