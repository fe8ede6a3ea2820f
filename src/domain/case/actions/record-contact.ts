import { OPEN_STATES, PASSED_DATA, type PassedData } from '../case';
import { isRunning, meetRunning, startClock, type ClockEffect } from '../case-clocks';
import { blank, invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface RecordContactInput {
  unitId: string;
  contactPerson: string;
  /** how the unit was contacted, e.g. phone */
  via: string;
  note?: string | null;
  /** what the unit was given about the resident (ROUTE-3); default the matter only */
  passed?: readonly PassedData[] | null;
  /** the resident agreed to their name, address or contact being passed on (PIPL 第二十三条) */
  residentAgreed?: boolean | null;
}

/**
 * Record that the sister or external unit was contacted (the company's negotiation, ROUTE-7): meets `contact`
 * (ROUTE-3), and the result is chased again a `followUp` later — the clock starts over from this contact.
 */
export const recordContact: CaseActionModule<'recordContact', RecordContactInput> = {
  action: 'recordContact',
  from: OPEN_STATES,
  parties: ['firstResponder', 'handler'],
  outcome(facts, _actor, input, ctx) {
    const { now } = ctx;
    const fields: FieldErrors = {};
    const { unitId, contactPerson, via, note } = input;
    requireText(fields, 'unitId', unitId);
    requireText(fields, 'contactPerson', contactPerson);
    requireText(fields, 'via', via);
    const passed: PassedData[] = [...new Set(input.passed ?? (['matter'] as const))];
    if (passed.some((p) => !PASSED_DATA.includes(p))) fields.passed = 'field.invalid_value';
    // Personal data go to another company only with the resident's agreement (ROUTE-3; PIPL 第二十三条).
    else if (passed.some((p) => p !== 'matter') && input.residentAgreed !== true)
      fields.residentAgreed = 'field.resident_agreement_required';
    const refused = invalid(fields);
    if (refused) return refused;
    const clocks: ClockEffect[] = meetRunning(facts.clocks, ['contact'], now);
    if (isRunning(facts.clocks, 'followUp')) {
      const again = startClock('followUp', now, facts, ctx);
      if (again) clocks.push(again);
    }
    return {
      to: facts.state,
      clocks,
      data: {
        unitId,
        contactPerson,
        via,
        note: blank(note) ? undefined : note,
        passed: PASSED_DATA.filter((p) => passed.includes(p)),
        residentAgreed: passed.some((p) => p !== 'matter') ? true : undefined,
      },
    };
  },
};
