/**
 * SQL of recurring problems. Detection aggregates in PostgreSQL: the window's cases are read once through
 * cases_company_received_idx, grouped by (room | building | community, category) with HAVING count ≥ the minimum;
 * only the groups that qualify come back to Node, never the cases themselves.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { problems } from '../db/schema';
import type { CaseKind } from '../../domain/policy/defaults';
import type { PlaceCandidate, PlaceScopeType } from '../../domain/accountability/problems';
import type { Tx } from '../db/client';
import type { CaseActor } from '../../domain/case/case';
import { caseVisibleTo } from '../access/case-access.repository';
import { toDate } from '../db/dates';
import { uuidArray } from '../db/params';

export interface Window {
  companyId: string;
  since: Date;
  until: Date;
  kinds: readonly CaseKind[];
}

/** The cases of the window that may recur: of the policy's kinds, with a room, neither merged nor invalid. */
const windowCases = (w: Window) => sql`select c.id, c.community_id, r.building_id, c.room_id, c.category_id
  from cases c join rooms r on r.id = c.room_id
  where c.company_id = ${w.companyId} and c.received_at >= ${w.since} and c.received_at <= ${w.until}
    and c.kind in (${sql.join(
      w.kinds.map((k) => sql`${k}`),
      sql`, `,
    )}) and c.merged_into_id is null and not c.invalid and c.category_id is not null`;

/**
 * A case of the window that is in no open place problem joins the narrowest open place problem of its room,
 * building or community and category. Looked up by cluster key through problems_open_cluster_uq.
 */
export function linkToOpenPlaceProblemsSql(w: Window): SQL {
  return sql`with w as materialized (${windowCases(w)}),
    k as (select w.id, v.lvl, v.scope_type || ':' || v.scope_id || ':' || w.category_id as key from w
      cross join lateral (values (0, 'room', w.room_id), (1, 'building', w.building_id), (2, 'community', w.community_id))
        v(lvl, scope_type, scope_id)),
    m as (select distinct on (k.id) k.id as case_id, p.id as problem_id
      from k join problems p on p.company_id = ${w.companyId} and p.status = 'open' and p.cluster_key = k.key
      order by k.id, k.lvl)
    insert into problem_cases (problem_id, case_id, company_id)
    select m.problem_id, m.case_id, ${w.companyId}::uuid from m
    where not exists (select 1 from problem_cases pc join problems p on p.id = pc.problem_id
      where pc.case_id = m.case_id and p.status = 'open' and p.scope_type <> 'similar_text')
    on conflict do nothing`;
}

export async function linkToOpenPlaceProblems(db: Tx, w: Window): Promise<number> {
  const res = await db.execute(linkToOpenPlaceProblemsSql(w));
  return res.rowCount ?? 0;
}

/**
 * Groups of (scope, category) with at least `minCases` cases that are in no open problem and not already in a
 * (closed) problem of the same cluster: a closed problem's cases do not raise it again, new ones do.
 */
export function placeCandidatesSql(w: Window, minCases: number): SQL {
  return sql`with w as materialized (${windowCases(w)}),
    k as (select w.*, v.scope_type, v.scope_id from w
      cross join lateral (values ('room', w.room_id), ('building', w.building_id), ('community', w.community_id)) v(scope_type, scope_id))
    select k.scope_type, k.scope_id, k.category_id,
      array_agg(k.id::text order by k.id) as ids,
      array_agg(k.room_id::text order by k.id) as room_ids,
      array_agg(k.building_id::text order by k.id) as building_ids
    from k
    where not exists (select 1 from problem_cases pc join problems p on p.id = pc.problem_id
      where pc.case_id = k.id and (p.status = 'open' or p.cluster_key = k.scope_type || ':' || k.scope_id || ':' || k.category_id))
    group by k.scope_type, k.scope_id, k.category_id
    having count(*) >= ${minCases}`;
}

export async function placeCandidates(db: Tx, w: Window, minCases: number): Promise<PlaceCandidate[]> {
  const { rows } = await db.execute<{
    scope_type: PlaceScopeType;
    scope_id: string;
    category_id: string;
    ids: string[];
    room_ids: string[];
    building_ids: string[];
  }>(placeCandidatesSql(w, minCases));
  return rows.map((r) => ({
    scopeType: r.scope_type,
    scopeId: r.scope_id,
    categoryId: r.category_id,
    cases: r.ids.map((id, i) => ({ id, roomId: r.room_ids[i], buildingId: r.building_ids[i] })),
  }));
}

/** Names for place problems' titles, and the office each community belongs to: one query for all clusters. */
export async function placeNames(db: Tx, pairs: readonly { roomId: string; categoryId: string }[]) {
  if (!pairs.length) return [];
  const { rows } = await db.execute<{
    i: number;
    community_id: string;
    community_name: string;
    office_id: string;
    building_name: string;
    unit_name: string;
    room_number: string;
    category_name: string | null;
  }>(sql`select x.i::int as i, cm.id as community_id, cm.name as community_name, cm.office_id, b.name as building_name,
      bu.name as unit_name, r.number as room_number, cat.name as category_name
    from unnest(${uuidArray(pairs.map((p) => p.roomId))}, ${uuidArray(pairs.map((p) => p.categoryId))})
        with ordinality as x(room_id, category_id, i)
      join rooms r on r.id = x.room_id join buildings b on b.id = r.building_id
      join building_units bu on bu.id = r.unit_id join communities cm on cm.id = r.community_id
      left join categories cat on cat.id = x.category_id
    order by x.i`);
  return rows;
}

export async function communities(db: Tx, ids: readonly string[]) {
  if (!ids.length) return new Map<string, { id: string; name: string; office_id: string }>();
  const { rows } = await db.execute<{ id: string; name: string; office_id: string }>(
    sql`select id, name, office_id from communities where id = any(${uuidArray(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export interface NewProblem {
  companyId: string;
  officeId: string | null;
  communityId: string | null;
  scopeType: string;
  scopeId: string | null;
  categoryId: string | null;
  title: string;
  clusterKey: string;
  detectedAt: Date;
}

/**
 * Raises problems in batches; where an open one of the same cluster exists (another instance got there first) its
 * id is used instead — problems_open_cluster_uq keeps one open problem per cluster. Returns cluster key → id, and
 * the problems this call raised (`raised`: the ones whose people are to be told).
 */
export async function insertProblems(db: Tx, companyId: string, problems: readonly NewProblem[]) {
  const ids = new Map<string, string>();
  const raised: (NewProblem & { id: string })[] = [];
  let created = 0;
  for (let i = 0; i < problems.length; i += 2000) {
    const chunk = problems.slice(i, i + 2000);
    // One JSON parameter per batch: thousands of problems of a first run cost one round trip, not thousands.
    const json = JSON.stringify(
      chunk.map((p) => ({
        office_id: p.officeId,
        community_id: p.communityId,
        scope_type: p.scopeType,
        scope_id: p.scopeId,
        category_id: p.categoryId,
        title: p.title,
        cluster_key: p.clusterKey,
        detected_at: p.detectedAt.toISOString(),
      })),
    );
    const { rows } = await db.execute<{
      id: string;
      cluster_key: string;
    }>(sql`insert into problems (company_id,
        office_id, community_id, scope_type, scope_id, category_id, title, status, detected_at, cluster_key, updated_at)
      select ${companyId}, x.office_id, x.community_id, x.scope_type, x.scope_id, x.category_id, x.title, 'open',
        x.detected_at, x.cluster_key, x.detected_at
      from json_to_recordset(${json}::json) as x(office_id uuid, community_id uuid, scope_type text, scope_id uuid,
        category_id uuid, title text, cluster_key text, detected_at timestamptz)
      on conflict (company_id, cluster_key) where status = 'open' do nothing
      returning id, cluster_key`);
    const byKey = new Map(chunk.map((p) => [p.clusterKey, p]));
    for (const r of rows) {
      ids.set(r.cluster_key, r.id);
      raised.push({ ...byKey.get(r.cluster_key)!, id: r.id });
    }
    created += rows.length;
    const missing = chunk.map((p) => p.clusterKey).filter((k) => !ids.has(k));
    if (missing.length) {
      const existing = await db.execute<{
        id: string;
        cluster_key: string;
      }>(sql`select id, cluster_key from problems
        where company_id = ${companyId} and status = 'open'
          and cluster_key in (select json_array_elements_text(${JSON.stringify(missing)}::json))`);
      for (const r of existing.rows) ids.set(r.cluster_key, r.id);
    }
  }
  return { ids, created, raised };
}

/** Links cases to problems (already linked pairs are left alone). Returns how many links are new. */
export async function linkCases(
  db: Tx,
  companyId: string,
  links: readonly { problemId: string; caseId: string }[],
) {
  let linked = 0;
  for (let i = 0; i < links.length; i += 10_000) {
    const chunk = links.slice(i, i + 10_000);
    const res = await db.execute(sql`insert into problem_cases (problem_id, case_id, company_id)
      select p, c, ${companyId}::uuid from unnest(${uuidArray(chunk.map((l) => l.problemId))},
        ${uuidArray(chunk.map((l) => l.caseId))}) as x(p, c)
      on conflict do nothing`);
    linked += res.rowCount ?? 0;
  }
  return linked;
}

export async function analyseLinks(db: Tx) {
  await db.execute(sql`analyze problems, problem_cases`);
}

export type TextCaseRow = {
  id: string;
  community_id: string;
  category_id: string | null;
  description: string;
  /** the open similar-text problem the case is in, if any */
  open_similar_id: string | null;
  /** the case is in some open problem */
  in_open: boolean;
  /** the case was in a similar-text problem that is closed now */
  in_closed_similar: boolean;
};

/**
 * The window's cases for the similar-text pass, newest first and at most `limit` (the bound of the pass), with
 * the first 300 characters of their description and their problem links.
 */
export function textCasesSql(w: Window, limit: number): SQL {
  // The links are aggregated once and hash-joined: a correlated lookup per case would be planned on the statistics
  // of before this transaction linked the place clusters, which can be badly wrong.
  return sql`select c.id, c.community_id, c.category_id,
      left(c.description, 300) as description,
      l.open_similar_id, coalesce(l.in_open, false) as in_open, coalesce(l.in_closed_similar, false) as in_closed_similar
    from cases c
    left join (
      select pc.case_id,
        (array_agg(p.id::text order by p.detected_at) filter (where p.status = 'open' and p.scope_type = 'similar_text'))[1] as open_similar_id,
        bool_or(p.status = 'open') as in_open,
        bool_or(p.status <> 'open' and p.scope_type = 'similar_text') as in_closed_similar
      from problems p join problem_cases pc on pc.problem_id = p.id
      where p.company_id = ${w.companyId} and (p.status = 'open' or p.scope_type = 'similar_text')
      group by pc.case_id
    ) l on l.case_id = c.id
    where c.company_id = ${w.companyId} and c.received_at >= ${w.since} and c.received_at <= ${w.until}
      and c.kind in (${sql.join(
        w.kinds.map((k) => sql`${k}`),
        sql`, `,
      )}) and c.merged_into_id is null and not c.invalid and c.community_id is not null
      -- only what the pass can use: members of open similar-text problems, and cases in no open problem that were
      -- never in a closed similar-text one (a building's leaks already in its place problem are not compared)
      and (l.open_similar_id is not null or (not coalesce(l.in_open, false) and not coalesce(l.in_closed_similar, false)))
    order by c.received_at desc, c.id desc
    limit ${limit}`;
}

export async function textCases(db: Tx, w: Window, limit: number) {
  return (await db.execute<TextCaseRow>(textCasesSql(w, limit))).rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and editing

export type ProblemRow = {
  id: string;
  company_id: string;
  office_id: string | null;
  office_name: string | null;
  community_id: string | null;
  community_name: string | null;
  scope_type: string;
  scope_id: string | null;
  scope_name: string | null;
  category_id: string | null;
  category_name: string | null;
  title: string;
  status: string;
  detected_at: Date;
  review_departments: { id: string; name: string }[];
  due_at: Date | null;
  root_cause: string | null;
  measures: string | null;
  closed_at: Date | null;
  closed_by_id: string | null;
  closed_by_name: string | null;
  case_count: number;
  version: number;
};

const SELECT_PROBLEM = sql`select p.id, p.company_id, p.office_id, o.name as office_name, p.community_id,
    cm.name as community_name, p.scope_type, p.scope_id,
    case p.scope_type when 'room' then b.name || bu.name || r.number when 'building' then b.name
      when 'community' then cm.name end as scope_name,
    p.category_id, cat.name as category_name, p.title, p.status, p.detected_at,
    coalesce((select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.name) from departments d
      where d.id = any(p.review_department_ids)), '[]'::json) as review_departments,
    p.due_at, p.root_cause, p.measures, p.closed_at, p.closed_by_id, cu.name as closed_by_name,
    (select count(*)::int from problem_cases pc where pc.problem_id = p.id) as case_count, p.version
  from problems p
    left join offices o on o.id = p.office_id
    left join communities cm on cm.id = p.community_id
    left join categories cat on cat.id = p.category_id
    left join rooms r on p.scope_type = 'room' and r.id = p.scope_id
    left join building_units bu on bu.id = r.unit_id
    left join buildings b on b.id = case p.scope_type when 'room' then r.building_id when 'building' then p.scope_id end
    left join users cu on cu.id = p.closed_by_id`;

const normalise = (r: ProblemRow): ProblemRow => ({
  ...r,
  detected_at: toDate(r.detected_at)!,
  due_at: toDate(r.due_at),
  closed_at: toDate(r.closed_at),
});

export async function getProblem(db: Tx, companyId: string, id: string, opts: { lock?: boolean } = {}) {
  if (opts.lock)
    await db.execute(sql`select 1 from problems where company_id = ${companyId} and id = ${id} for update`);
  const { rows } = await db.execute<ProblemRow>(
    sql`${SELECT_PROBLEM} where p.company_id = ${companyId} and p.id = ${id}`,
  );
  return rows[0] && normalise(rows[0]);
}

export async function listProblems(
  db: Tx,
  f: {
    companyId: string;
    officeIds: readonly string[] | null;
    status?: string;
    q?: string;
    limit: number;
    /** the (detected_at, id) of the previous page's last row */
    after: readonly [Date, string] | null;
  },
) {
  const conds: SQL[] = [sql`p.company_id = ${f.companyId}`];
  if (f.officeIds) conds.push(sql`p.office_id = any(${uuidArray(f.officeIds)})`);
  if (f.status) conds.push(sql`p.status = ${f.status}`);
  if (f.q) conds.push(sql`p.title ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const where = sql.join(conds, sql` and `);
  const keyset = f.after ? sql` and (p.detected_at, p.id) < (${f.after[0]}, ${f.after[1]}::uuid)` : sql``;
  const { rows } = await db.execute<ProblemRow>(
    sql`${SELECT_PROBLEM} where ${where}${keyset} order by p.detected_at desc, p.id desc limit ${f.limit + 1}`,
  );
  return { rows: rows.map(normalise), fromWhere: sql`from problems p where ${where}` };
}

/**
 * A problem's linked cases as `viewer` may see them: the case rule (caseVisibleTo) applies to each, whatever the
 * problem's office — a company-level problem (no office) is readable by every office, its cases are not.
 */
export async function problemCaseRows(db: Tx, problemId: string, viewer: CaseActor) {
  const { rows } = await db.execute<{
    id: string;
    number: string;
    kind: string;
    state: string;
    received_at: Date;
    category: string | null;
    room: string | null;
    description: string;
  }>(sql`select c.id, c.number, c.kind, c.state, c.received_at, cat.name as category,
      case when r.id is null then null else cm.name || ' ' || b.name || bu.name || r.number end as room,
      left(c.description, 200) as description
    from problem_cases pc join cases c on c.id = pc.case_id
      left join categories cat on cat.id = c.category_id
      left join rooms r on r.id = c.room_id left join buildings b on b.id = r.building_id
      left join building_units bu on bu.id = r.unit_id left join communities cm on cm.id = r.community_id
    where pc.problem_id = ${problemId} and ${caseVisibleTo(viewer)}
    order by c.received_at desc, c.id desc
    limit 500`);
  return rows.map((r) => ({ ...r, received_at: toDate(r.received_at)! }));
}

/** The fields given (undefined leaves a column as it is), the version one up. */
export async function updateProblem(
  db: Tx,
  id: string,
  patch: Pick<
    Partial<typeof problems.$inferInsert>,
    | 'status'
    | 'reviewDepartmentIds'
    | 'dueAt'
    | 'overdueNotifiedAt'
    | 'rootCause'
    | 'measures'
    | 'closedAt'
    | 'closedById'
    | 'updatedAt'
  >,
) {
  await db
    .update(problems)
    .set({ ...patch, version: sql`${problems.version} + 1` })
    .where(eq(problems.id, id));
}

/** One detection per company at a time: the transaction's advisory lock, or false when another run holds it. */
export async function tryLockDetection(db: Tx, companyId: string): Promise<boolean> {
  const { rows } = await db.execute<{ locked: boolean }>(
    sql`select pg_try_advisory_xact_lock(hashtext('huiyin.problems'), hashtext(${companyId})) as locked`,
  );
  return !!rows[0]?.locked;
}

export async function departmentsExist(db: Tx, companyId: string, ids: readonly string[]) {
  if (!ids.length) return true;
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from departments where company_id = ${companyId} and id = any(${uuidArray(ids)})`,
  );
  return rows[0].n === new Set(ids).size;
}

/** Open place problems a case of this room (and category) would join. */
export async function openPlaceProblemsFor(
  db: Tx,
  companyId: string,
  room: { id: string; building_id: string; community_id: string },
  categoryId: string | undefined,
) {
  const { rows } = await db.execute<ProblemRow>(sql`${SELECT_PROBLEM}
    where p.company_id = ${companyId} and p.status = 'open'
      and ((p.scope_type = 'room' and p.scope_id = ${room.id}) or (p.scope_type = 'building' and p.scope_id = ${room.building_id})
        or (p.scope_type = 'community' and p.scope_id = ${room.community_id}))
      ${categoryId ? sql`and p.category_id = ${categoryId}` : sql``}
    order by p.detected_at desc limit 20`);
  return rows.map(normalise);
}

/** Open similar-text problems of a community with a sample of their cases' descriptions. */
export async function openSimilarProblemsIn(db: Tx, companyId: string, communityId: string) {
  const { rows } = await db.execute<ProblemRow & { descriptions: string[] }>(sql`select x.*,
      array(select left(c.description, 300) from problem_cases pc join cases c on c.id = pc.case_id
        where pc.problem_id = x.id order by c.received_at desc limit 20) as descriptions
    from (${SELECT_PROBLEM} where p.company_id = ${companyId} and p.status = 'open' and p.scope_type = 'similar_text'
      and p.community_id = ${communityId} order by p.detected_at desc limit 20) x`);
  return rows.map((r) => ({ ...normalise(r), descriptions: r.descriptions ?? [] }));
}

export async function roomForMatch(db: Tx, companyId: string, roomId: string) {
  const { rows } = await db.execute<{ id: string; building_id: string; community_id: string }>(
    sql`select id, building_id, community_id from rooms where company_id = ${companyId} and id = ${roomId}`,
  );
  return rows[0];
}

// ── whom a problem's notices reach (problem-notifications.ts) ───────────────────────────────────────────────────

const group = (rows: readonly { key: string; user_id: string }[]) => {
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.key, [...(map.get(r.key) ?? []), r.user_id]);
  return map;
};

/** office id → its director(s). */
export async function officeDirectors(tx: Tx, companyId: string, officeIds: readonly (string | null)[]) {
  const ids = [...new Set(officeIds.filter((id): id is string => !!id))];
  if (!ids.length) return new Map<string, string[]>();
  const { rows } = await tx.execute<{ key: string; user_id: string }>(sql`select o.id as key, u.id as user_id
    from offices o join users u on u.company_id = o.company_id and u.active and not u.is_service
    where o.company_id = ${companyId} and o.id = any(${uuidArray(ids)})
      and (u.id = o.director_id
        or ('director' = any(u.roles)
          and exists (select 1 from user_offices uo where uo.user_id = u.id and uo.office_id = o.id)
          and not exists (select 1 from users d where d.id = o.director_id and d.active and not d.is_service)))`);
  return group(rows);
}

/** department id → the people a review assigned to it reaches. */
export async function reviewPeople(tx: Tx, companyId: string, departmentIds: readonly string[]) {
  const ids = [...new Set(departmentIds)];
  if (!ids.length) return new Map<string, string[]>();
  const { rows } = await tx.execute<{ key: string; user_id: string }>(sql`select d.id as key, u.id as user_id
    from departments d join users u on u.company_id = d.company_id and u.active and not u.is_service
    where d.company_id = ${companyId} and d.id = any(${uuidArray(ids)})
      and (u.id = d.head_id
        or (u.department_id = d.id
          and not exists (select 1 from users h where h.id = d.head_id and h.active and not h.is_service)))`);
  return group(rows);
}

/**
 * Picks the open problems whose review is due without measures and not yet reminded of, and marks them in the same
 * statement (a second run, or a second instance waiting on the row locks, finds them marked).
 */
export async function markOverdueProblems(db: Tx, now: Date, companyId?: string) {
  const { rows } = await db.execute<{
    id: string;
    company_id: string;
    office_id: string | null;
    title: string;
    due_at: Date | string;
    review_department_ids: string[];
  }>(sql`update problems set overdue_notified_at = ${now}
    where status = 'open' and overdue_notified_at is null and due_at is not null and due_at <= ${now}
      and measures is null ${companyId ? sql`and company_id = ${companyId}` : sql``}
    returning id, company_id, office_id, title, due_at, review_department_ids`);
  return rows;
}
