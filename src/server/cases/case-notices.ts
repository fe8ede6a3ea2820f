/** Whom the case desk tells, and when: the bell entries an action or an intake leaves (ours). */
import type { CaseAction } from '../../domain/case/case';
import { CASE_ESCALATION } from '../../domain/case/escalation';
import { emergencyRecipients } from '../../domain/case/emergency';
import { hearsResultAtOnce } from '../../domain/case/daily-results';
import type { CaseKind, Severity } from '../../domain/policy/defaults';
import { escalationRecipients } from '../../domain/deadlines/deadline';
import type { Role } from '../../domain/access/roles';
import { escalationStaff } from '../users/users.repository';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import { notify } from '../notifications/notifications.service';
import * as repo from './cases.repository';

type Row = repo.CaseRow;

/**
 * The active holders of `role` who answer for the office (the deadline engine's escalationRecipients: the office's
 * own, or company-wide holders of a company-wide role). Every notice sent to "the office's supervisors" or a tier
 * reads them here.
 */
async function officeRoleHolders(
  tx: Tx,
  companyId: string,
  officeId: string | null,
  role: Parameters<typeof escalationRecipients>[0],
): Promise<string[]> {
  return escalationRecipients(role, officeId, await escalationStaff(tx, [companyId], [role]));
}

/** The people told when a case rises to `tier`. */
export async function tierRecipients(
  tx: Tx,
  companyId: string,
  officeId: string | null,
  tier: number,
): Promise<string[]> {
  const role = CASE_ESCALATION[tier - 1];
  return role ? officeRoleHolders(tx, companyId, officeId, role) : [];
}

/**
 * A deadline fell in a year with no working-day calendar (ours): the case is flagged (calendar_unknown) and
 * the company's admins are told to enter that year's 法定节假日 and 调休 — never silently a plain weekday.
 */
export async function warnAdminsOfUnknownCalendar(
  tx: Tx,
  companyId: string,
  caseId: string,
  number: string,
  effects: readonly { op: string; calendarUnknown?: boolean }[],
  now: Date,
) {
  if (!effects.some((e) => e.op === 'start' && e.calendarUnknown)) return;
  await notify(tx, {
    companyId,
    userIds: await repo.activeAdmins(tx, companyId),
    type: 'warning',
    caseId,
    data: { number, reason: 'calendar_unknown' },
    at: now,
  });
}

/** A new case repeats one closed recently (INTAKE-12): the office's supervisors are told, and may reopen it. */
export async function notifyRepeat(
  tx: Tx,
  c: { companyId: string; caseId: string; number: string; officeId: string | null; recordedById: string },
  relatedNumber: string,
  now: Date,
) {
  const supervisors = c.officeId ? await officeRoleHolders(tx, c.companyId, c.officeId, 'supervisor') : [];
  await notify(tx, {
    companyId: c.companyId,
    userIds: supervisors.filter((id) => id !== c.recordedById),
    type: 'repeat',
    caseId: c.caseId,
    data: { number: c.number, relatedNumber },
    at: now,
  });
}

/**
 * A special incident flagged at intake (HANDLE-7): the office director and the manager are told at once.
 */
export async function notifySpecialIncident(
  tx: Tx,
  c: {
    companyId: string;
    caseId: string;
    number: string;
    officeDirectorId: string | null;
    recordedById: string;
  },
  now: Date,
) {
  const userIds = [c.officeDirectorId, ...(await repo.activeManagers(tx, c.companyId))].filter(
    (id): id is string => !!id && id !== c.recordedById,
  );
  await notify(tx, {
    companyId: c.companyId,
    userIds: [...new Set(userIds)],
    type: 'special_incident',
    caseId: c.caseId,
    data: { number: c.number },
    at: now,
  });
}

/** What an emergency intake tells and whom (EMERGENCY-1): decided before the case is written, from the people the
 * intake's one lookup read, so a plain intake can carry it in the batched insert (store/intake.ts `notices`). */
export interface EmergencyCase {
  companyId: string;
  number: string;
  officeId: string | null;
  officeDirectorId: string | null;
  kind: CaseKind;
  severity: Severity;
  recordedById: string;
}

/** Whom an emergency may reach besides the director, as the intake lookup reads them (intake.repository.ts). */
export interface EmergencyPeople {
  /** the company's active supervisors with their offices */
  supervisors: readonly { id: string; roles: Role[]; officeIds: string[] }[];
  /** the active heads of the office's repair (engineering) teams */
  repairTeamHeadIds: readonly string[];
}

/**
 * The bell entries of an emergency received (EMERGENCY-1): the office director, its supervisors and, for a repair,
 * the heads of the office's repair teams — the recorder excepted, who knows. None for a case that is no emergency.
 */
export function emergencyNotices(
  c: EmergencyCase,
  people: EmergencyPeople | null,
): { userId: string; type: 'emergency'; data: { number: string; kind: CaseKind } }[] {
  if (c.severity !== 'emergency' || !people) return [];
  const staff = people.supervisors.map((u) => ({ ...u, active: true }));
  const userIds = emergencyRecipients(c, {
    officeDirectorId: c.officeDirectorId,
    officeSupervisorIds: c.officeId ? escalationRecipients('supervisor', c.officeId, staff) : [],
    repairTeamHeadIds: people.repairTeamHeadIds,
  }).filter((id) => id !== c.recordedById);
  return [...new Set(userIds)].map((userId) => ({
    userId,
    type: 'emergency' as const,
    data: { number: c.number, kind: c.kind },
  }));
}

/**
 * The same, told inside the caller's transaction (an intake that writes more than the case); the bell entries go
 * out as `emergency` messages on the channels the company switched on (MSG-5). The on-call phone outside desk
 * hours (MSG-6) is enqueued by the intake's own statement (store/intake.ts), whichever path wrote the case.
 */
export async function notifyEmergency(
  tx: Tx,
  c: EmergencyCase & { caseId: string },
  people: EmergencyPeople | null,
  now: Date,
) {
  const notices = emergencyNotices(c, people);
  if (!notices.length) return;
  await notify(tx, {
    companyId: c.companyId,
    userIds: notices.map((n) => n.userId),
    type: 'emergency',
    caseId: c.caseId,
    data: notices[0].data,
    at: now,
  });
}

/** Staff notifications (ours): new case in my queue, assigned to me, callback due, result to the director. */
export async function notifyAfter(
  tx: Tx,
  actor: RequestActor,
  action: CaseAction,
  before: Row,
  after: Row,
  now: Date,
  /** arrangeLeaderMeeting: whom and when */
  meeting?: { leaderId: string; at: string } | null,
) {
  const base = { companyId: actor.companyId, caseId: after.id, data: { number: after.number }, at: now };
  const others = (ids: (string | null)[]) => ids.filter((x): x is string => !!x && x !== actor.userId);
  if (action === 'route' && after.departmentId && after.departmentId !== before.departmentId)
    await notify(tx, {
      ...base,
      type: 'queued',
      userIds: others(await repo.departmentMembers(tx, after.departmentId)),
    });
  if (after.handlerId && after.handlerId !== before.handlerId)
    // A repair dispatched to its handler (route, assign, reopen or arrive naming them) may also go by SMS (MSG-5);
    // the bell stays `assigned`.
    await notify(tx, {
      ...base,
      type: 'assigned',
      userIds: others([after.handlerId]),
      ...(after.kind === 'repair'
        ? { messageType: 'repair_dispatched' as const, messageData: { kind: after.kind } }
        : {}),
    });
  if (action === 'resolve')
    await notify(tx, {
      ...base,
      type: 'callback_due',
      userIds: others([after.callbackAssigneeId ?? after.firstResponderId]),
    });
  if (action === 'assignCallback')
    await notify(tx, { ...base, type: 'callback_due', userIds: others([after.callbackAssigneeId]) });
  if (action === 'callback') {
    // The result goes back to the director too: "事事有着落、件件有回音" (CALLBACK-1, 000 篇2 一.5).
    await notify(tx, {
      ...base,
      type: 'callback_result',
      userIds: others([after.officeDirectorId, after.firstResponderId]),
      data: { number: after.number, satisfaction: after.satisfaction },
    });
  }
  if (action === 'verify') {
    // The findings go to the director (HANDLE-1, 000 篇2 一.3); a verified service complaint to the employee's
    // direct superior too (HANDLE-6).
    const superior =
      after.serviceComplaint && after.aboutEmployeeId
        ? await repo.superiorOf(tx, actor.companyId, after.aboutEmployeeId)
        : null;
    await notify(tx, { ...base, type: 'verified', userIds: others([after.officeDirectorId, superior]) });
  }
  if (action === 'refer')
    await notify(tx, { ...base, type: 'referred', userIds: others([after.officeDirectorId]) });
  if (action === 'flagSpecialIncident')
    await notify(tx, {
      ...base,
      type: 'special_incident',
      userIds: others([after.officeDirectorId, ...(await repo.activeManagers(tx, actor.companyId))]),
    });
  if (action === 'arrangeLeaderMeeting' && meeting)
    await notify(tx, {
      ...base,
      type: 'leader_meeting',
      userIds: others([meeting.leaderId]),
      data: { number: after.number, at: meeting.at },
    });
  if (action === 'resolve' && hearsResultAtOnce(after))
    // The director hears every result of a complaint, a major or an emergency case at once (CALLBACK-8).
    await notify(tx, { ...base, type: 'resolved', userIds: others([after.officeDirectorId]) });
  if (action === 'escalate')
    await notify(tx, {
      ...base,
      type: 'escalated',
      userIds: others(await tierRecipients(tx, actor.companyId, after.officeId, after.escalationTier)),
      data: { number: after.number, tier: after.escalationTier },
    });
}
