import { OPEN_STATES } from '../case';
import { meetRunning } from '../case-clocks';
import { blank, invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface RecordContactInput {
  unitId: string;
  contactPerson: string;
  /** how the unit was contacted, e.g. phone */
  via: string;
  note?: string | null;
}

/** Record that the sister or external unit was contacted (meets the `contact` clock). */
export const recordContact: CaseActionModule<'recordContact', RecordContactInput> = {
  action: 'recordContact',
  from: OPEN_STATES,
  parties: ['firstResponder', 'handler'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    const { unitId, contactPerson, via, note } = input;
    requireText(fields, 'unitId', unitId);
    requireText(fields, 'contactPerson', contactPerson);
    requireText(fields, 'via', via);
    const refused = invalid(fields);
    if (refused) return refused;
    return {
      to: facts.state,
      clocks: meetRunning(facts.clocks, ['contact'], now),
      data: { unitId, contactPerson, via, note: blank(note) ? undefined : note },
    };
  },
};
