/** An action on a case (POST /api/cases/{id}/actions/{action}): load → decide → store → notify → present. */
import type { Case } from '../../contracts/cases';
import type { CaseAction, CaseActor, CaseFacts, RouteTarget } from '../../domain/case/case';
import {
  canSeeCase,
  decide,
  mergeTargetProblem,
  refusalToError,
  type CaseActionInputs,
} from '../../domain/case/lifecycle';
import { DomainError, fieldError, notFound, versionConflict } from '../../domain/errors';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import { loadWorkingCalendar } from '../calendar/calendar.service';
import { loadPolicy } from '../policies/policies.service';
import { attachToCase } from '../attachments/attachments.service';
import { publishEvent } from '../events/event-bus';
import type { NewRecordEntry } from '../records/records.repository';
import { appendCaseEntries, storeDecision } from './store/decision';
import { caseActorOf } from '../access/case-access.repository';
import * as repo from './cases.repository';
import { viewCase } from './case-view';
import { notifyAfter, warnAdminsOfUnknownCalendar } from './case-notices';

type Row = repo.CaseRow;

export function actOnCase(deps: AppDeps) {
  const { db, clock } = deps;
  async function context(companyId: string) {
    const [calendar, policy, tz] = await Promise.all([
      loadWorkingCalendar(db, companyId),
      loadPolicy(db, companyId),
      repo.companyTimeZone(db, companyId),
    ]);
    return {
      calendar,
      clockPolicy: policy.clockPolicy,
      numberPrefixes: policy.numberPrefixes,
      timeZone: tz ?? 'Asia/Shanghai',
    };
  }

  return async function act<A extends CaseAction>(
    actor: RequestActor,
    id: string,
    action: A,
    body: Record<string, unknown> & { version: number },
  ): Promise<Case> {
    const now = clock.now();
    const ctx = await context(actor.companyId);
    const cActor = await caseActorOf(db, actor);
    return db.transaction(async (tx) => {
      const row = await repo.loadCaseRow(tx, actor.companyId, id, { lock: true });
      if (!row) throw notFound();
      const clocks = await repo.loadClocks(tx, [id]);
      const facts = repo.toFacts(row, clocks);
      if (!canSeeCase(facts, cActor)) throw notFound();
      if (row.version !== body.version) throw versionConflict(row.version);
      const input = await toInput(tx, actor.companyId, row, action, body, cActor);
      const decision = decide(facts, cActor, action, input as CaseActionInputs[A], {
        now,
        calendar: ctx.calendar,
        clockPolicy: ctx.clockPolicy,
        timeZone: ctx.timeZone,
      });
      if (!decision.ok) throw refusalToError(decision);
      const clockEffects = decision.effects.clocks;
      // Files attached with a resolution, a verification or a completed corrective action follow its entry.
      const moreEntries: NewRecordEntry[] = [];
      const attaching = action === 'resolve' || action === 'verify' || action === 'completeCorrective';
      if (attaching && Array.isArray(body.attachmentIds) && body.attachmentIds.length) {
        const attached = await attachToCase(
          tx,
          actor.companyId,
          body.attachmentIds as string[],
          id,
          actor.userId,
        );
        for (const a of attached)
          moreEntries.push({
            type: 'attachment_added',
            data: { attachmentId: a.id, filename: a.filename },
            actorId: actor.userId,
            at: now,
          });
      }
      if (action === 'merge') {
        const into = input as CaseActionInputs['merge'];
        const target = (await repo.loadCaseRow(tx, actor.companyId, into.intoCaseId, { lock: true }))!;
        await appendCaseEntries(tx, target, [
          {
            type: 'merged',
            data: { fromCaseId: id, fromNumber: row.number },
            actorId: actor.userId,
            at: now,
          },
        ]);
      }
      await storeDecision(tx, {
        row,
        clocks,
        effects: decision.effects,
        actorId: actor.userId,
        now,
        moreEntries,
      });
      await warnAdminsOfUnknownCalendar(tx, actor.companyId, id, row.number, clockEffects, now);

      const after = (await repo.loadCaseRow(tx, actor.companyId, id))!;
      const meeting =
        action === 'arrangeLeaderMeeting'
          ? { leaderId: body.leaderId as string, at: new Date(body.at as string).toISOString() }
          : null;
      await notifyAfter(tx, actor, action, row, after, now, meeting);
      await publishEvent(tx, {
        type: 'case',
        companyId: actor.companyId,
        caseId: id,
        officeId: after.officeId,
        parties: repo.eventParties(after),
      });
      return viewCase(tx, after, cActor);
    });
  };

  /** Turns the parsed body into the domain's input, checking the ids it names against this company. */
  async function toInput(
    tx: Tx,
    companyId: string,
    row: Row,
    action: CaseAction,
    body: Record<string, unknown>,
    cActor: CaseActor,
  ): Promise<unknown> {
    const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : v);
    const b = body as Record<string, never>;
    switch (action) {
      case 'route': {
        const target = body.target as RouteTarget;
        if (!(await repo.routeTargetExists(tx, companyId, target)))
          throw fieldError({ 'target.id': 'not_found' });
        if (body.handlerId && !(await repo.activeStaffUser(tx, companyId, body.handlerId as string)))
          throw fieldError({ handlerId: 'not_found' });
        const told = body.residentTold as { via: string; promisedBy?: string } | undefined;
        return {
          target,
          handlerId: body.handlerId ?? null,
          note: body.note ?? null,
          visitAt: date(body.visitAt) ?? null,
          residentTold: told ? { via: told.via, promisedBy: date(told.promisedBy) ?? null } : null,
          targetIsRepairTeam:
            target.type === 'department' && (await repo.isRepairTeam(tx, companyId, target.id)),
          unitContact:
            target.type === 'externalUnit' ? await repo.partnerUnitContact(tx, companyId, target.id) : null,
        };
      }
      case 'assign': {
        const user = await repo.activeStaffUser(tx, companyId, body.handlerId as string);
        if (!user) throw fieldError({ handlerId: 'not_found' });
        if (row.departmentId) {
          if (!(await repo.inDepartment(tx, user.id, row.departmentId)))
            throw fieldError({ handlerId: 'field.not_in_department' });
        }
        return { handlerId: user.id };
      }
      case 'assignCallback': {
        const user = await repo.activeStaffUser(tx, companyId, body.assigneeId as string);
        if (!user) throw fieldError({ assigneeId: 'not_found' });
        return { assigneeId: user.id, note: body.note ?? null };
      }
      case 'recordContact': {
        if (!(await repo.partnerUnitExists(tx, companyId, body.unitId as string)))
          throw fieldError({ unitId: 'not_found' });
        return body;
      }
      case 'extend':
        return { ...b, dueAt: date(body.dueAt) };
      case 'arrive':
        return { at: date(body.at) ?? null };
      case 'recordReportSent': {
        if (!(await repo.partnerUnitExists(tx, companyId, body.unitId as string)))
          throw fieldError({ unitId: 'not_found' });
        return { ...b, at: date(body.at) ?? null };
      }
      case 'recordDecision': {
        if (body.handlerId && !(await repo.activeStaffUser(tx, companyId, body.handlerId as string)))
          throw fieldError({ handlerId: 'not_found' });
        return body;
      }
      case 'arrangeLeaderMeeting': {
        if (!(await repo.activeStaffUser(tx, companyId, body.leaderId as string)))
          throw fieldError({ leaderId: 'not_found' });
        return { ...b, at: date(body.at) };
      }
      case 'resolve':
        return {
          ...b,
          corrective: body.corrective
            ? { ...(body.corrective as object), dueAt: date((body.corrective as { dueAt: string }).dueAt) }
            : null,
        };
      case 'callback':
        return { ...b, appointmentAt: date(body.appointmentAt) ?? null };
      case 'merge': {
        if (body.intoCaseId === row.id) return body; // decide() answers field.merge_into_self
        const target = await repo.loadCaseRow(tx, companyId, body.intoCaseId as string);
        // A case the actor may not see is not there for them: neither merged into nor told apart by its state.
        if (!target || !canSeeCase(repo.toFacts(target, []), cActor))
          throw fieldError({ intoCaseId: 'not_found' });
        const problem = mergeTargetProblem(
          { id: row.id },
          { id: target.id, state: target.state as CaseFacts['state'] },
        );
        if (problem) throw new DomainError('rule_violation', `rule.${problem}`, {}, { rule: problem });
        return body;
      }
      default:
        return body;
    }
  }
}
