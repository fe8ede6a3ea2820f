import { REPLY_VIAS, ROUTE_TARGET_TYPES, type ReplyVia, type RouteTarget } from '../case';
import { isRunning, meetRunning, startClock, stopRunning, type ClockEffect } from '../case-clocks';
import { agreedVisitProblem } from '../intake';
import { blank, invalid, tellsResident, validDate, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface RouteInput {
  target: RouteTarget;
  /** the handler to name; default: none for a department (its head assigns or a member accepts), the leader
   * for `leader`, the first responder for sister and external units (004 第六条: they press for the result) */
  handlerId?: string | null;
  note?: string | null;
  /** private (paid) repairs: the visit agreed with the owner when dispatching (REPAIR-3); not in the past */
  visitAt?: Date | null;
  /** the resident was told the status or the time limit while routing (ROUTE-2, 004 第十条) */
  residentTold?: { via: ReplyVia; promisedBy?: Date | null } | null;
  /**
   * the target is a department whose function is `engineering` — a repair team (REPAIR-2). Not part of the body:
   * the server reads it from the department register.
   */
  targetIsRepairTeam?: boolean;
  /**
   * an external unit's address and contact, given to the resident with the routing (ROUTE-4, 004 第七条). Not part
   * of the body: the server reads it from the unit register.
   */
  unitContact?: { name: string; address: string | null; phone: string | null } | null;
}

/**
 * Send the case to whoever handles it: a department, the leader, a sister or an external unit.
 *
 * - `route` (ROUTE-2, 004 第十条) is met at the later of routing and telling the resident: by this route when it
 *   carries `residentTold` or the resident was told already (a reply), or by the first reply after it; with no way
 *   to reach the resident, routing alone meets it.
 * - `dispatch` (REPAIR-2) counts from receipt: a repair routed to a repair team meets it; routed to a sister or
 *   external unit or the leader it no longer applies and stops; routed to another department it keeps counting.
 * - `contact` (ROUTE-3) starts when routed to a sister unit; `followUp` (ROUTE-7) when routed to a sister or an
 *   external unit; both stop when routed anywhere else.
 */
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
    const told = input.residentTold ?? null;
    if (!target || !ROUTE_TARGET_TYPES.includes(target.type)) fields['target.type'] = 'field.invalid_value';
    if (!target || blank(target.id)) fields['target.id'] = 'field.required';
    const visitProblem = agreedVisitProblem(visitAt, facts, now, 'field.visit_in_past');
    if (visitProblem) fields.visitAt = visitProblem;
    if (told) {
      if (!REPLY_VIAS.includes(told.via)) fields['residentTold.via'] = 'field.invalid_value';
      if (told.promisedBy != null) {
        if (!validDate(told.promisedBy)) fields['residentTold.promisedBy'] = 'field.invalid_value';
        else if (told.promisedBy.getTime() <= now.getTime())
          fields['residentTold.promisedBy'] = 'field.must_be_future';
      }
    }
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
    const toldNow = told !== null && tellsResident(facts, told.via);
    const residentToldAt = facts.residentToldAt ?? (toldNow ? now : null);
    const effects: ClockEffect[] = [];
    if (residentToldAt || facts.residentContact === 'none')
      effects.push(...meetRunning(clocks, ['route'], now));

    const unit = target.type === 'sisterUnit' || target.type === 'externalUnit';
    if (target.type === 'department' && input.targetIsRepairTeam)
      effects.push(...meetRunning(clocks, ['dispatch'], now));
    else if (target.type !== 'department') effects.push(...stopRunning(clocks, ['dispatch'], now));
    for (const [name, starts] of [
      ['contact', target.type === 'sisterUnit'],
      ['followUp', unit],
    ] as const) {
      // Re-routed to the same kind of unit: a contact or follow-up already counting keeps its time.
      const started = starts && !isRunning(clocks, name) ? startClock(name, now, facts, ctx) : null;
      if (started) effects.push(started);
      else if (!starts) effects.push(...stopRunning(clocks, [name], now));
    }
    return {
      to: 'routed',
      changes: {
        target: { type: target.type, id: target.id },
        handlerId,
        ...(visitAt ? { visitAt } : {}),
        ...(residentToldAt && !facts.residentToldAt ? { residentToldAt } : {}),
      },
      clocks: effects,
      data: {
        target: { type: target.type, id: target.id },
        handlerId,
        note: blank(note) ? undefined : note,
        visitAt: visitAt ? visitAt.toISOString() : undefined,
        residentTold: told ? { via: told.via, promisedBy: told.promisedBy ?? undefined } : undefined,
        unitContact: target.type === 'externalUnit' && input.unitContact ? input.unitContact : undefined,
      },
    };
  },
};
