/**
 * Who an actor is on a case: the parties the action table names, and who may see or comment on the case.
 *
 * - Scope: supervisors and directors act only on cases of their own offices (actor.officeIds includes the case's
 *   officeId; a case without an office is beyond them). Being *on* the case (first responder, recorder, handler,
 *   target-department member or head, callback assignee) counts wherever the office is.
 * - `admin` is a system role (users, tokens, settings): it grants no case action. `auditor` is read-only: it may
 *   see cases but not comment. A user holding another role as well acts with that role's rights.
 */
import { targetDepartmentIdOf, type CaseActor, type CaseFacts } from './case';

/**
 * The parties an actor may be on a case:
 * - identities: `firstResponder`, `recorder`, `handler`, `callbackAssignee` (null assignee = the first
 *   responder, CALLBACK-2), `targetDepartmentMember` (a member or the head of the department the case is routed to),
 *   `targetDepartmentHead`;
 * - roles in scope: `supervisor`, `director` (of the case's office), `manager` (company-wide);
 * - `viewer`: anyone who can see the case and is not read-only (see `canComment`).
 */
export const CASE_PARTIES = [
  'firstResponder',
  'recorder',
  'handler',
  'callbackAssignee',
  'targetDepartmentMember',
  'targetDepartmentHead',
  'supervisor',
  'director',
  'manager',
  'viewer',
] as const;
export type CaseParty = (typeof CASE_PARTIES)[number];

type ActorFacts = Pick<
  CaseFacts,
  | 'officeId'
  | 'firstResponderId'
  | 'recordedById'
  | 'handlerId'
  | 'target'
  | 'targetDepartmentHeadId'
  | 'callbackAssigneeId'
>;

const STAFF_ROLES = ['manager', 'director', 'supervisor', 'agent', 'technician'] as const;

function inOffice(facts: Pick<CaseFacts, 'officeId'>, actor: CaseActor): boolean {
  return facts.officeId != null && actor.officeIds.includes(facts.officeId);
}

/** The identities the actor holds on the case, whatever their role. */
function identitiesOf(facts: ActorFacts, actor: CaseActor): Set<CaseParty> {
  const parties = new Set<CaseParty>();
  const me = actor.userId;
  if (facts.firstResponderId === me) parties.add('firstResponder');
  if (facts.recordedById === me) parties.add('recorder');
  if (facts.handlerId != null && facts.handlerId === me) parties.add('handler');
  if ((facts.callbackAssigneeId ?? facts.firstResponderId) === me) parties.add('callbackAssignee');
  const department = targetDepartmentIdOf(facts);
  if (department != null) {
    const head = actor.headOfDepartmentIds.includes(department) || facts.targetDepartmentHeadId === me;
    if (head) parties.add('targetDepartmentHead');
    if (head || actor.departmentIds.includes(department)) parties.add('targetDepartmentMember');
  }
  return parties;
}

/**
 * Whether the actor may read the case: anyone on it, the manager, admin and auditor company-wide or within their
 * offices as access.ts scopes them, and staff of the case's office.
 */
export function canSeeCase(facts: ActorFacts, actor: CaseActor): boolean {
  if (identitiesOf(facts, actor).size > 0) return true;
  // company-wide readers (ACCESS-2, ACCESS-7: the auditor reads every office)
  if (actor.roles.some((role) => role === 'manager' || role === 'admin' || role === 'auditor')) return true;
  return inOffice(facts, actor) && actor.roles.length > 0;
}

/** Whether the actor may comment: on the case, or a staff role (not admin or auditor alone) that sees it. */
export function canComment(facts: ActorFacts, actor: CaseActor): boolean {
  if (identitiesOf(facts, actor).size > 0) return true;
  if (actor.roles.includes('manager')) return true;
  return (
    inOffice(facts, actor) && actor.roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role))
  );
}

/** Every party the actor is on this case. */
export function partiesOf(facts: ActorFacts, actor: CaseActor): Set<CaseParty> {
  const parties = identitiesOf(facts, actor);
  if (actor.roles.includes('supervisor') && inOffice(facts, actor)) parties.add('supervisor');
  if (actor.roles.includes('director') && inOffice(facts, actor)) parties.add('director');
  if (actor.roles.includes('manager')) parties.add('manager');
  if (canComment(facts, actor)) parties.add('viewer');
  return parties;
}
