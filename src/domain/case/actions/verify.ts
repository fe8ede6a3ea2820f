import { OPEN_STATES, VERIFY_METHODS, type VerifyMethod } from '../case';
import { meetRunning } from '../case-clocks';
import { invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface VerifyInput {
  /** what the investigation found */
  findings: string;
  /** on site, by interview, or hearing both the complainant and the person complained about (001 2.3) */
  method: VerifyMethod;
  attachmentIds?: readonly string[];
}

/**
 * The complaint was investigated and verified (HANDLE-1, 000 篇2 一.3: 调查核实): meets `verify`. The findings go
 * to the office's director (the server tells them).
 */
export const verify: CaseActionModule<'verify', VerifyInput> = {
  action: 'verify',
  from: OPEN_STATES,
  parties: ['firstResponder', 'handler', 'supervisor'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    requireText(fields, 'findings', input.findings);
    if (!VERIFY_METHODS.includes(input.method)) fields.method = 'field.invalid_value';
    const refused = invalid(fields);
    if (refused) return refused;
    const attachmentIds = input.attachmentIds ?? [];
    return {
      to: facts.state,
      clocks: meetRunning(facts.clocks, ['verify'], now),
      data: {
        findings: input.findings,
        method: input.method,
        attachmentIds: attachmentIds.length > 0 ? [...attachmentIds] : undefined,
      },
    };
  },
};
