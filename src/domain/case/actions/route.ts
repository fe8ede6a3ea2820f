import { ROUTE_TARGET_TYPES, type RouteTarget } from '../case';
import { meetRunning, startClock, stopRunning, type ClockEffect } from '../case-clocks';
import { agreedVisitProblem } from '../intake';
import { blank, invalid, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface RouteInput {
  target: RouteTarget;
  /** the handler to name; default: none for a department (its head assigns or a member accepts), the leader
   * for `leader`, the first responder for sister and external units (004 第六条: they press for the result) */
  handlerId?: string | null;
  note?: string | null;
  /** private (paid) repairs: the visit agreed with the owner when dispatching (REPAIR-3); not in the past */
  visitAt?: Date | null;
}

/** Send the case to whoever handles it: a department, the leader, a sister or an external unit. */
export const route: CaseActionModule<'route', RouteInput> = {
  action: 'route',
  from: ['received', 'routed', 'in_progress'],
  parties: ['firstResponder', 'supervisor', 'director', 'manager'],
  outcome(facts, _actor, input, ctx) {
    const { now } = ctx;
    const clocks = facts.clocks;
    const fields: FieldErrors = {};
    const { target, note } = input;
    const visitAt = input.visitAt ?? null;
    if (!target || !ROUTE_TARGET_TYPES.includes(target.type)) fields['target.type'] = 'field.invalid_value';
    if (!target || blank(target.id)) fields['target.id'] = 'field.required';
    const visitProblem = agreedVisitProblem(visitAt, facts, now, 'field.visit_in_past');
    if (visitProblem) fields.visitAt = visitProblem;
    const refused = invalid(fields);
    if (refused) return refused;
    const handlerId =
      input.handlerId ??
      (target.type === 'leader'
        ? target.id
        : target.type === 'department'
          ? null
          : // sister or external unit: the first responder presses for a result and feeds it back (004 第六条)
            facts.firstResponderId);
    const effects: ClockEffect[] = meetRunning(clocks, ['route'], now);
    // A repair's work order must reach the team within 5 minutes (001 细则 三.二, REPAIR-2).
    const dispatch = facts.kind === 'repair' && target.type === 'department';
    // A sister unit is contacted within 30 minutes (004 第六条, ROUTE-3).
    const contact = target.type === 'sisterUnit';
    for (const [name, starts] of [
      ['dispatch', dispatch],
      ['contact', contact],
    ] as const) {
      const started = starts ? startClock(name, now, facts, ctx) : null;
      if (started) effects.push(started);
      else effects.push(...stopRunning(clocks, [name], now));
    }
    return {
      to: 'routed',
      changes: { target: { type: target.type, id: target.id }, handlerId, ...(visitAt ? { visitAt } : {}) },
      clocks: effects,
      data: {
        target: { type: target.type, id: target.id },
        handlerId,
        note: blank(note) ? undefined : note,
        visitAt: visitAt ? visitAt.toISOString() : undefined,
      },
    };
  },
};
