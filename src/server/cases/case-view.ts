/** The presenter: a case row with its clocks and names as the API shows it to one actor (contracts/cases.ts). */
import type { Case } from '../../contracts/cases';
import type { CaseActor } from '../../domain/case/case';
import { allowedActions } from '../../domain/case/lifecycle';
import { presentReporter } from '../../domain/privacy/case-visibility';
import type { Tx } from '../db/client';
import * as repo from './cases.repository';

type Row = repo.CaseRow;

export const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export const person = (id: string | null, name: string | null | undefined) =>
  id ? { id, name: name ?? '' } : null;

export function toView(
  row: Row,
  clocks: repo.ClockRow[],
  names: repo.CaseNames | undefined,
  actor: CaseActor,
): Case {
  const facts = repo.toFacts(row, clocks);
  const reporter = presentReporter(
    { name: row.reporterName, phone: row.reporterPhone, anonymous: row.reporterAnonymous },
    actor,
    facts,
  );
  return {
    id: row.id,
    number: row.number,
    version: row.version,
    channel: row.channel as Case['channel'],
    kind: row.kind as Case['kind'],
    severity: row.severity as Case['severity'],
    category: row.categoryId ? { id: row.categoryId, name: names?.category ?? '' } : null,
    repairType: (row.repairType as Case['repairType']) ?? null,
    visitAt: iso(row.visitAt),
    state: row.state as Case['state'],
    receivedAt: iso(row.receivedAt)!,
    createdAt: iso(row.createdAt)!,
    recordedBy: person(row.recordedById, names?.recorded_by),
    firstResponder: person(row.firstResponderId, names?.first_responder),
    handler: person(row.handlerId, names?.handler),
    department: person(row.departmentId, names?.department),
    target:
      row.targetType && row.targetId
        ? { type: row.targetType as 'department', id: row.targetId, name: names?.target_name ?? '' }
        : null,
    office: person(row.officeId, names?.office),
    officePhone: names?.office_phone ?? null,
    room: row.roomId ? { id: row.roomId, label: names?.room_label ?? '' } : null,
    address: row.address,
    reporter: {
      name: reporter.name,
      phone: reporter.phone,
      anonymous: reporter.anonymous,
      masked: reporter.masked,
    },
    description: row.description,
    selfComplaint: row.selfComplaint,
    escalationTier: row.escalationTier,
    satisfaction: (row.satisfaction as Case['satisfaction']) ?? null,
    reopenCount: row.reopenCount,
    mergedInto: row.mergedIntoId ? { id: row.mergedIntoId, number: names?.merged_into_number ?? '' } : null,
    invalid: row.invalid,
    calendarUnknown: row.calendarUnknown,
    callbackAssignee:
      row.state === 'resolved'
        ? person(row.callbackAssigneeId ?? row.firstResponderId, names?.callback_assignee)
        : person(row.callbackAssigneeId, names?.callback_assignee),
    nextDueAt: iso(row.nextDueAt),
    clocks: clocks.map((c) => ({
      name: c.name,
      startedAt: iso(c.startedAt)!,
      dueAt: iso(c.dueAt)!,
      metAt: iso(c.metAt),
      breachedAt: iso(c.breachedAt),
      warnedAt: iso(c.warnedAt),
      stoppedAt: iso(c.stoppedAt),
      pausedMs: c.pausedMs,
      paused: c.pausedAt != null,
      calendarUnknown: c.calendarUnknown,
    })),
    allowedActions: allowedActions(facts, actor),
  };
}

/** A stored case as `actor` sees it, its clocks and names read with `tx`. */
export async function viewCase(tx: Tx, row: Row, actor: CaseActor) {
  const [clocks, names] = await Promise.all([repo.loadClocks(tx, [row.id]), repo.loadNames(tx, [row.id])]);
  return toView(row, clocks, names.get(row.id), actor);
}
