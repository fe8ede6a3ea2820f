/** Helpers the action modules share: body checks, the clocks a closing keeps, who calls back. */
import type { CaseFacts, ClockName, ReplyVia } from '../case';
import { isRunning, startClock, type ClockContext, type ClockEffect } from '../case-clocks';
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

/**
 * Whether telling the resident this way counts for the `route` clock (ROUTE-2): a hotline case is told by
 * answering the hotline; any other case by any way of reaching the resident.
 */
export function tellsResident(facts: Pick<CaseFacts, 'residentContact'>, via: ReplyVia): boolean {
  return facts.residentContact !== 'hotline' || via === 'hotline';
}

/** The case is with a sister or an external unit, whose result the first responder chases (ROUTE-7). */
export function withUnit(facts: Pick<CaseFacts, 'target'>): boolean {
  return facts.target?.type === 'sisterUnit' || facts.target?.type === 'externalUnit';
}

/**
 * An emergency being handled: the resident is updated at the policy's interval (EMERGENCY-3, 001 通知 四.2), from
 * the moment handling starts (accepted, on site, reopened); each reply starts the interval over.
 */
export function startProgress(facts: CaseFacts, now: Date, ctx: ClockContext): ClockEffect[] {
  if (facts.severity !== 'emergency' || isRunning(facts.clocks, 'progress')) return [];
  const started = startClock('progress', now, facts, ctx);
  return started ? [started] : [];
}
