/** Helpers the action modules share: body checks, the clocks a closing keeps, who calls back. */
import type { CaseFacts, ClockName } from '../case';
import type { DecisionRefusal } from './types';

export const blank = (text: string | null | undefined): boolean => !text || text.trim() === '';

export const validDate = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

/** A fresh set of field errors for one body check: dotted field → message key. */
export type FieldErrors = Record<string, string>;

export function requireText(fields: FieldErrors, name: string, value: string | null | undefined): void {
  if (blank(value)) fields[name] = 'field.required';
}

/** The refusal for the fields collected so far, or null when there are none. */
export function invalid(fields: FieldErrors): DecisionRefusal | null {
  return Object.keys(fields).length > 0 ? { ok: false, reason: 'invalid_input', fields } : null;
}

/** The refusal of an action whose one required field is its reason, or null when a reason is given. */
export function refuseWithoutReason(input: { reason?: string | null }): DecisionRefusal | null {
  const fields: FieldErrors = {};
  requireText(fields, 'reason', input.reason);
  return invalid(fields);
}

/** Clocks that keep counting after a case closes: a corrective action has its own due date (003 第2篇 七.1). */
export const SURVIVES_CLOSING: readonly ClockName[] = ['corrective'];

/**
 * Who calls back (CALLBACK-2, policy): whoever was named already; for a major complaint the office's director organises it; otherwise
 * the first responder (004 第十一条).
 */
export function callbackAssignee(facts: CaseFacts): string {
  if (facts.callbackAssigneeId) return facts.callbackAssigneeId;
  if (facts.kind === 'complaint' && facts.severity === 'major' && facts.officeDirectorId)
    return facts.officeDirectorId;
  return facts.firstResponderId;
}
