import { meetRunning } from '../case-clocks';
import type { CaseActionModule, NoInput } from './types';

/** Take the routed case in hand: handling starts. */
export const accept: CaseActionModule<'accept', NoInput> = {
  action: 'accept',
  from: ['routed'],
  parties: ['handler', 'targetDepartmentMember'],
  outcome(facts, actor, _input, { now }) {
    // The acceptor takes the case when nobody was named; a named handler stays (a colleague may accept for them).
    const handlerId = facts.handlerId ?? actor.userId;
    return {
      to: 'in_progress',
      changes: facts.handlerId ? {} : { handlerId },
      clocks: meetRunning(facts.clocks, ['dispatch'], now),
      data: { handlerId },
    };
  },
};
