/** Intake (POST /api/cases): load → planIntake → store → present. */
import type { Case, CreateCase } from '../../contracts/cases';
import type { CaseActor, ClockName } from '../../domain/case/case';
import { planIntake } from '../../domain/case/intake';
import { formatCaseNumber } from '../../domain/case/number';
import { caseNumberPrefix } from '../../domain/policy/policy';
import { DomainError, fieldError } from '../../domain/errors';
import { parsePhone } from '../../domain/property/phone';
import type { AppDeps } from '../platform/deps';
import { uuidv7 } from '../db/ids';
import type { RequestActor } from '../http/types';
import { loadWorkingCalendar } from '../calendar/calendar.service';
import { policyFromRow } from '../policies/policies.service';
import { attachToCase } from '../attachments/attachments.service';
import { notify } from '../notifications/notifications.service';
import { publishEvent, publishEventSoon } from '../events/event-bus';
import { createIntakeWriter, insertIntakes, type IntakeWrite, type StoredIntake } from './store/intake';
import { clockSummary, foldClockEffects, type StoredClock } from '../../domain/case/stored-clocks';
import type * as repo from './cases.repository';
import { toView } from './case-view';
import {
  emergencyNotices,
  notifyEmergency,
  notifyRepeat,
  notifySpecialIncident,
  warnAdminsOfUnknownCalendar,
} from './case-notices';
import { visibleCaseOffice } from './cases.repository';
import { caseActorOf } from '../access/case-access.repository';
import * as intake from './intake.repository';
import { searchDocument } from './search-text';

export function createCase(deps: AppDeps) {
  const { db, clock } = deps;
  const intakeReads = intake.createIntakeReads(db);
  const intakeWriter = createIntakeWriter(db);
  /**
   * Intake: one lookup query, the number, then the case with its clocks and timeline in one statement
   * (intake.repository.ts). Intakes that also attach files or notify someone (resolved on the spot, a deadline
   * in a year without calendar data) run that statement and the rest in one transaction.
   */
  return async function create(actor: RequestActor, body: CreateCase): Promise<Case> {
    const now = clock.now();
    let phoneCanonical: string | null = null;
    if (body.reporter.phone) {
      const parsed = parsePhone(body.reporter.phone);
      if (!parsed.ok)
        throw fieldError({
          'reporter.phone':
            parsed.reason === 'area_code_required' ? 'field.phone_area_code_required' : 'field.phone_invalid',
        });
      phoneCanonical = parsed.canonical;
    }
    const firstResponderId = body.firstResponderId ?? actor.userId;
    const attachmentIds = [...new Set(body.attachmentIds ?? [])];
    // Read outside any transaction: nothing is locked while it runs. Everything the client names must belong to
    // this company (another company's id is "not found").
    const [calendar, found] = await Promise.all([
      loadWorkingCalendar(db, actor.companyId),
      intakeReads.lookup({
        companyId: actor.companyId,
        actorId: actor.userId,
        firstResponderId,
        roomId: body.roomId ?? null,
        categoryId: body.categoryId ?? null,
        aboutEmployeeId: body.aboutEmployeeId ?? null,
        attachmentIds,
        // The office: the room's; otherwise the first responder's (their first office), so scope and
        // escalation work; otherwise the recorder's.
        fallbackOfficeId: actor.officeIds[0] ?? null,
        emergency: body.severity === 'emergency',
      }),
    ]);
    if (body.roomId && !found.room) throw fieldError({ roomId: 'not_found' });
    if (body.categoryId && !found.category) throw fieldError({ categoryId: 'not_found' });
    if (!found.firstResponder) throw fieldError({ firstResponderId: 'not_found' });
    if (body.aboutEmployeeId && !found.aboutEmployeeActive)
      throw fieldError({ aboutEmployeeId: 'not_found' });
    const attachments = attachmentIds.map((attachmentId) => {
      const f = found.attachments.find((x) => x.id === attachmentId);
      if (!f || f.caseId)
        throw fieldError({
          [`attachmentIds.${body.attachmentIds!.indexOf(attachmentId)}`]: 'field.attachment_unavailable',
        });
      return f;
    });
    // A repeat of a case closed recently (INTAKE-12): one this user may see, of this company.
    const related = body.relatedCaseId
      ? await visibleCaseOffice(db, actor.companyId, await caseActorOf(db, actor), body.relatedCaseId)
      : null;
    if (body.relatedCaseId && !related) throw fieldError({ relatedCaseId: 'not_found' });
    const policy = policyFromRow(found.policy);
    const plan = planIntake(
      {
        channel: body.channel,
        kind: body.kind,
        severity: body.severity,
        categoryId: body.categoryId,
        categoryAncestorIds: found.category?.ancestorIds,
        receivedAt: body.receivedAt ? new Date(body.receivedAt) : null,
        recordedById: actor.userId,
        firstResponderId,
        aboutEmployeeId: body.aboutEmployeeId,
        repairType: body.repairType,
        visitAt: body.visitAt ? new Date(body.visitAt) : null,
        resolvedOnTheSpot: body.resolvedOnTheSpot,
        specialIncident: body.specialIncident,
        relatedCaseId: related?.id ?? null,
        relatedCaseNumber: related?.number ?? null,
        officeDirectorId: found.office?.directorId ?? null,
      },
      {
        now,
        calendar,
        clockPolicy: policy.clockPolicy,
        timeZone: found.timeZone,
        callbackExemptKinds: policy.callbackExemptKinds,
      },
    );
    if (!plan.ok) throw new DomainError('validation_failed', 'validation_failed', {}, undefined, plan.fields);

    const prefix = caseNumberPrefix(body.kind, policy.numberPrefixes);
    const number = formatCaseNumber(
      prefix,
      plan.numberYear,
      await intakeReads.drawNumber({ companyId: actor.companyId, prefix, year: plan.numberYear }),
    );
    const id = uuidv7(now.getTime());
    const clocks = new Map<ClockName, StoredClock>();
    foldClockEffects(clocks, id, plan.clocks);
    for (const c of clocks.values()) c.id = uuidv7(now.getTime());
    const { nextDueAt, calendarUnknown } = clockSummary(clocks.values());
    const officeId = found.office?.id ?? null;
    const write: IntakeWrite = {
      id,
      companyId: actor.companyId,
      number,
      channel: body.channel,
      kind: body.kind,
      severity: plan.severity,
      categoryId: body.categoryId ?? null,
      repairType: body.repairType ?? null,
      visitAt: plan.visitAt,
      state: plan.state,
      closure: plan.closure,
      closedAt: plan.closedAt,
      receivedAt: plan.receivedAt,
      now,
      recordedById: actor.userId,
      firstResponderId: plan.firstResponderId,
      handlerId: plan.handlerId,
      officeId,
      officeDirectorId: found.office?.directorId ?? null,
      communityId: found.room?.communityId ?? null,
      roomId: found.room?.id ?? null,
      address: body.address ?? null,
      reporterName: body.reporter.name ?? null,
      reporterPhone: body.reporter.phone ?? null,
      reporterPhoneCanonical: phoneCanonical,
      reporterAnonymous: body.reporter.anonymous,
      description: body.description,
      searchDocument: searchDocument(number, body.description, body.address),
      selfComplaint: plan.selfComplaint,
      aboutEmployeeId: body.aboutEmployeeId ?? null,
      serviceComplaint: plan.serviceComplaint,
      callbackAssigneeId: plan.callbackAssigneeId,
      resolvedAt: plan.resolvedAt,
      clocks: [...clocks.values()],
      nextDueAt,
      calendarUnknown,
      entries: [
        ...plan.timeline.map((t) => ({ ...t, actorId: actor.userId, at: now })),
        ...attachments.map((a) => ({
          type: 'attachment_added',
          data: { attachmentId: a.id, filename: a.filename },
          actorId: actor.userId,
          at: now,
        })),
      ],
    };
    const event = {
      type: 'case' as const,
      companyId: actor.companyId,
      caseId: id,
      officeId,
      // intake names no target: it is routed later
      parties: {
        firstResponderId: write.firstResponderId,
        recordedById: write.recordedById,
        handlerId: write.handlerId,
        callbackAssigneeId: write.callbackAssigneeId,
        target: null,
      },
    };
    const unknownCalendar = plan.clocks.some((e) => e.op === 'start' && e.calendarUnknown);
    let stored: StoredIntake;
    const special = body.specialIncident === true;
    const emergencyCase = {
      companyId: actor.companyId,
      number,
      officeId,
      officeDirectorId: write.officeDirectorId,
      kind: body.kind,
      severity: plan.severity,
      recordedById: actor.userId,
    };
    // Files to attach or other people to tell: a transaction of its own. The rest, an emergency included, go
    // through the batched intake writer: the emergency's bell entries ride in the same statement (EMERGENCY-1), so
    // an emergency keeps the batch's one commit (ADR 0010, 0012).
    const needsOwnTransaction =
      attachments.length > 0 || plan.state === 'resolved' || unknownCalendar || special || !!related;
    if (needsOwnTransaction) {
      stored = await db.transaction(async (tx) => {
        const [written] = await insertIntakes(tx, [write]);
        // Checked again under lock: another intake may have taken a file since the lookup.
        await attachToCase(tx, actor.companyId, attachmentIds, id, actor.userId);
        await warnAdminsOfUnknownCalendar(tx, actor.companyId, id, number, plan.clocks, now);
        if (related)
          await notifyRepeat(
            tx,
            { companyId: actor.companyId, caseId: id, number, officeId, recordedById: actor.userId },
            related.number,
            now,
          );
        if (special)
          await notifySpecialIncident(
            tx,
            {
              companyId: actor.companyId,
              caseId: id,
              number,
              officeDirectorId: write.officeDirectorId,
              recordedById: actor.userId,
            },
            now,
          );
        await notifyEmergency(tx, { ...emergencyCase, caseId: id }, found.emergencyPeople, now);
        if (plan.state === 'resolved')
          await notify(tx, {
            companyId: actor.companyId,
            userIds: [plan.callbackAssigneeId ?? plan.firstResponderId],
            type: 'callback_due',
            caseId: id,
            data: { number },
            at: now,
          });
        await publishEvent(tx, event);
        return written;
      });
    } else {
      // The plain intake is one statement, its own transaction. Its live event goes out after the commit,
      // coalesced with others: a NOTIFY inside the transaction would hold PostgreSQL's notify lock through the
      // commit's disk flush and serialise all intakes (docs/adr/0010-intake-in-one-statement.md).
      stored = await intakeWriter.insert({
        ...write,
        notices: emergencyNotices(emergencyCase, found.emergencyPeople),
      });
      publishEventSoon(db, event);
      for (const n of stored.notices ?? [])
        publishEventSoon(db, {
          type: 'notification',
          companyId: n.companyId,
          userId: n.userId,
          notificationId: n.id,
          notificationType: n.type,
          caseId: n.caseId,
        });
    }
    const people = new Map<string, string>([
      [actor.userId, found.actor.name],
      [found.firstResponder.id, found.firstResponder.name],
    ]);
    if (found.office?.directorId) people.set(found.office.directorId, found.office.directorName ?? '');
    const nameOf = (userId: string | null | undefined) => (userId ? (people.get(userId) ?? null) : null);
    const callbackAssignee =
      stored.row.callbackAssigneeId ?? (stored.row.state === 'resolved' ? stored.row.firstResponderId : null);
    const names: repo.CaseNames = {
      recorded_by: nameOf(stored.row.recordedById),
      first_responder: nameOf(stored.row.firstResponderId),
      handler: nameOf(stored.row.handlerId),
      callback_assignee: nameOf(callbackAssignee),
      department: null,
      office: found.office?.name ?? null,
      office_phone: found.office?.phone ?? null,
      category: found.category?.name ?? null,
      room_label: found.room?.label ?? null,
      merged_into_number: null,
      target_name: null,
    };
    const departmentIds = [found.actor.departmentId, ...found.actor.headOf].filter((x): x is string => !!x);
    const cActor: CaseActor = {
      userId: actor.userId,
      roles: actor.roles,
      officeIds: actor.officeIds,
      departmentIds,
      headOfDepartmentIds: found.actor.headOf,
    };
    return toView(stored.row, stored.clocks, names, cActor);
  };
}
