/**
 * The case read rules as SQL, and the facts they take about a user: every feature that lists cases, or things
 * about cases (notifications, live events, problems, reports, the overdue view, the caller lookup), selects with
 * these, so each shows exactly the cases the case view would open. Below the case desk, which tells and notifies
 * through features that read with them.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/access/access';
import type { CaseActor } from '../../domain/case/case';
import { REPORTER_CONTACT_ROLES, type ReporterViewer } from '../../domain/privacy/case-visibility';
import type { Tx } from '../db/client';
import { uuidList } from '../db/params';

/** The facts the case rules take about a user: their roles, offices, departments and the departments they head. */
export async function caseActorOf(
  db: Tx,
  actor: Pick<Actor, 'userId' | 'roles' | 'officeIds'>,
): Promise<CaseActor> {
  const { rows } = await db.execute<{
    department_id: string | null;
    heads: string[];
  }>(sql`select u.department_id,
      array(select d.id::text from departments d where d.head_id = u.id and d.company_id = u.company_id) as heads
    from users u where u.id = ${actor.userId}`);
  const r = rows[0];
  return {
    userId: actor.userId,
    roles: actor.roles,
    officeIds: actor.officeIds,
    departmentIds: [r?.department_id, ...(r?.heads ?? [])].filter((x): x is string => !!x),
    headOfDepartmentIds: r?.heads ?? [],
  };
}

/**
 * SQL for "this viewer may see the case `c`": canSeeCase (src/domain/case/parties.ts) written as a predicate,
 * from the same CaseActor the domain takes, so a list, a search or a lookup selects exactly the cases the case
 * view would open. Clause for clause: anyone on the case (first responder, recorder, handler, callback assignee,
 * a member or the head of its target department), the manager and admin, and anyone with a role in its office.
 * `c.department_id` is the target department (the writers set it with the target: cases.service act/intake), and
 * the actor's departments include those they head (caseActorOf), which covers `targetDepartmentHeadId`.
 */
export function caseVisibleTo(actor: CaseActor): SQL {
  // company-wide readers (ACCESS-2, ACCESS-7: the auditor reads every office)
  if (actor.roles.some((role) => role === 'manager' || role === 'admin' || role === 'auditor'))
    return sql`true`;
  const me = actor.userId;
  const departments = [...new Set([...actor.departmentIds, ...actor.headOfDepartmentIds])];
  const onCase = sql`c.first_responder_id = ${me} or c.recorded_by_id = ${me} or c.handler_id = ${me}
    or c.callback_assignee_id = ${me}
    or (c.target_type = 'department' and c.department_id in (${uuidList(departments)}))`;
  const office = actor.roles.length ? sql` or c.office_id in (${uuidList(actor.officeIds)})` : sql``;
  return sql`(${onCase}${office})`;
}

/**
 * SQL for "this viewer may see who reported the case `c`" (src/domain/privacy/case-visibility.ts, PRIV-1
 * and INTAKE-5): an anonymous reporter only for seesAnonymousIdentity (the first responder, the director of the case's
 * office), a named one for seesReporterContact (the first responder, the handler, the manager, the agent,
 * supervisor and director of its office). A case may be matched by its reporter's phone or name only where this
 * holds: otherwise the match itself tells the viewer who complained. Combine it with caseVisibleTo.
 */
export function reporterVisibleTo(actor: ReporterViewer): SQL {
  const me = actor.userId;
  const office = sql`c.office_id in (${uuidList(actor.officeIds)})`;
  const anonymous = actor.roles.includes('director')
    ? sql`(c.first_responder_id = ${me} or ${office})`
    : sql`c.first_responder_id = ${me}`;
  const contactRole = actor.roles.some((role) =>
    (REPORTER_CONTACT_ROLES as readonly string[]).includes(role),
  );
  const named = actor.roles.includes('manager')
    ? sql`true`
    : sql`(c.first_responder_id = ${me} or c.handler_id = ${me}${contactRole ? sql` or ${office}` : sql``})`;
  return sql`(case when c.reporter_anonymous then ${anonymous} else ${named} end)`;
}
