/** The 《首问负责制度登记表》 (FORM-2): the matters a department's members first received in a month. */
import { sql } from 'drizzle-orm';
import type { CaseActor } from '../../domain/case/case';
import type { Tx } from '../db/client';
import { caseVisibleTo } from '../access/case-access.repository';

export type FirstAskRow = {
  id: string;
  number: string;
  receivedAt: Date | string;
  officeId: string | null;
  firstResponderId: string;
  firstResponderName: string;
  handlerId: string | null;
  handlerName: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterAnonymous: boolean;
  matter: string;
  state: string;
  satisfaction: string | null;
  result: string | null;
};

/** The department with its office, in the company; null when it is not there. */
export async function departmentOf(db: Tx, companyId: string, id: string) {
  const { rows } = await db.execute<{
    id: string;
    name: string;
    officeId: string | null;
    officeName: string | null;
  }>(sql`select d.id, d.name, d.office_id as "officeId", o.name as "officeName"
    from departments d left join offices o on o.id = d.office_id
    where d.company_id = ${companyId} and d.id = ${id}`);
  return rows[0] ?? null;
}

/**
 * The cases received in [start, end) whose first responder is (now) a member or the head of the department, as the
 * viewer may see them, oldest first, with the latest resolution's result.
 */
export function firstAskRowsSql(
  companyId: string,
  departmentId: string,
  start: Date,
  end: Date,
  viewer: CaseActor,
) {
  return sql`select c.id, c.number, c.received_at as "receivedAt", c.office_id as "officeId",
      c.first_responder_id as "firstResponderId", fr.name as "firstResponderName",
      c.handler_id as "handlerId", h.name as "handlerName", c.reporter_name as "reporterName",
      c.reporter_phone as "reporterPhone", c.reporter_anonymous as "reporterAnonymous",
      left(c.description, 200) as matter, c.state, c.satisfaction,
      (select t.data->>'result' from case_timeline t where t.case_id = c.id and t.type = 'resolved'
        order by t.seq desc limit 1) as result
    from cases c
    join users fr on fr.id = c.first_responder_id
    left join users h on h.id = c.handler_id
    where c.company_id = ${companyId} and c.received_at >= ${start} and c.received_at < ${end}
      and (fr.department_id = ${departmentId}
        or fr.id = (select d.head_id from departments d where d.id = ${departmentId}))
      and ${caseVisibleTo(viewer)}
    order by c.received_at, c.id
    limit 5000`;
}

export async function firstAskRows(
  db: Tx,
  companyId: string,
  departmentId: string,
  start: Date,
  end: Date,
  viewer: CaseActor,
): Promise<FirstAskRow[]> {
  const { rows } = await db.execute<FirstAskRow>(
    firstAskRowsSql(companyId, departmentId, start, end, viewer),
  );
  return rows;
}
