import { clockOf } from '../case';
import { resumePaused } from '../case-clocks';
import type { CaseActionModule, NoInput } from './types';

/** Handling goes on: the resolve clock resumes where it paused. */
export const resume: CaseActionModule<'resume', NoInput> = {
  action: 'resume',
  from: ['waiting'],
  parties: ['handler'],
  outcome(facts, _actor, _input, { now }) {
    const effects = resumePaused(facts.clocks, 'resolve', now);
    const resumed = effects[0];
    const pausedMs =
      resumed?.op === 'resume' ? resumed.pausedMs - (clockOf(facts, 'resolve')?.pausedMs ?? 0) : undefined;
    return { to: 'in_progress', clocks: effects, data: { pausedMs } };
  },
};
