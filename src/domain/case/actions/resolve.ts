import type { JsonValue } from '../case';
import { meetRunning, startClock, startClockDueAt, stopRunning, type ClockEffect } from '../case-clocks';
import { blank, callbackAssignee, invalid, requireText, validDate, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface ResolveInput {
  result: string;
  /** 补救措施 (003 第2篇 七.1) */
  remedial?: string | null;
  /** 纠正措施 with its own due date: starts the `corrective` clock */
  corrective?: { action: string; dueAt: Date } | null;
  attachmentIds?: readonly string[];
  /** JSON as the contract parsed it (materials used for a repair) */
  materials?: JsonValue;
}

/** Handling is done: the case waits for its callback. */
export const resolve: CaseActionModule<'resolve', ResolveInput> = {
  action: 'resolve',
  from: ['in_progress'],
  parties: ['handler'],
  outcome(facts, _actor, input, ctx) {
    const { now } = ctx;
    const clocks = facts.clocks;
    const fields: FieldErrors = {};
    const { result, remedial, corrective, attachmentIds, materials } = input;
    requireText(fields, 'result', result);
    if (corrective) {
      requireText(fields, 'corrective.action', corrective.action);
      if (!validDate(corrective.dueAt)) fields['corrective.dueAt'] = 'field.invalid_value';
      else if (corrective.dueAt.getTime() <= now.getTime())
        fields['corrective.dueAt'] = 'field.must_be_future';
    }
    const refused = invalid(fields);
    if (refused) return refused;
    // Handling finished answers the resident (the reply clock: "resolved or answered", CLOCK-1), ends
    // verification, and feeds a unit's result back (followUp, ROUTE-7).
    const effects: ClockEffect[] = [
      ...meetRunning(clocks, ['resolve', 'reply', 'verify', 'followUp'], now),
      // Clocks that can no longer be met once handling is over.
      ...stopRunning(clocks, ['route', 'dispatch', 'contact', 'onsite', 'progress'], now),
    ];
    const callback = startClock('callback', now, facts, ctx);
    if (callback) effects.push(callback);
    // A home visit within 7 days after a complaint, when the company's policy turns it on (CALLBACK-7).
    const homeVisit = facts.kind === 'complaint' ? startClock('homeVisit', now, facts, ctx) : null;
    if (homeVisit) effects.push(homeVisit);
    if (corrective) {
      effects.push(startClockDueAt('corrective', now, corrective.dueAt));
    }
    return {
      to: 'resolved',
      changes: { resolvedAt: now, callbackAssigneeId: callbackAssignee(facts) },
      clocks: effects,
      data: {
        result,
        remedial: blank(remedial) ? undefined : remedial,
        corrective: corrective ? { action: corrective.action, dueAt: corrective.dueAt } : undefined,
        attachmentIds: attachmentIds && attachmentIds.length > 0 ? [...attachmentIds] : undefined,
        materials,
      },
    };
  },
};
