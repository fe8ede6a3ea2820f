/**
 * Recurring problems (PROBLEM-1 to PROBLEM-3, 000 §9): detection, the cross-department review and the intake hint.
 *
 * Detection, per company, in one transaction guarded by an advisory lock (one instance at a time):
 * 1. window cases in no open place problem join the narrowest open place problem of their room, building or
 *    community and category;
 * 2. place clusters are aggregated in SQL (GROUP BY scope + category HAVING count ≥ minCases over the window) and
 *    selected narrowest first (selectPlaceClusters); each becomes a problem linking its cases;
 * 3. the similar-text pass reads the window's remaining cases — newest first, at most MAX_TEXT_CASES, the first
 *    300 characters — tokenises them with jieba (the search tokenizer) and finds near-identical descriptions in one
 *    community with the exact prefix-filtered similarity join of src/domain/accountability/similarity.ts; a case
 *    similar to every windowed case of an open similar-text problem joins it, and groups of ≥ minCases pairwise
 *    similar cases become new problems.
 * A case in an open problem is not clustered again; a closed problem's cases never raise it again.
 *
 * The people concerned are told in the same transaction (problem-notifications.ts): the office director of each
 * problem raised, the people of departments added to a review, and — with each detection run — the review's people
 * once its due date has passed without measures.
 */
import type {
  CloseProblemBody,
  DetectResult,
  Problem,
  ProblemDetail,
  ProblemListQuery,
  ProblemMatchQuery,
  ProblemMatches,
  UpdateProblemBody,
} from '../../contracts/problems';
import { canManageInOffice, canSeeOffice, officeScope } from '../../domain/access/access';
import { resolveAccountabilityPolicy } from '../../domain/accountability/policy';
import {
  closeProblem,
  editProblem,
  placeClusterKey,
  selectPlaceClusters,
  similarClusterKey,
} from '../../domain/accountability/problems';
import {
  contentTokens,
  docsSimilar,
  isSimilar,
  sharedTokens,
  similarClusters,
  similarityGraph,
  type TextDoc,
} from '../../domain/accountability/similarity';
import { fieldError, notFound, ruleViolation, versionConflict } from '../../domain/errors';
import type { AppDeps } from '../platform/deps';
import type { Clock } from '../platform/clock';
import type { Db, Tx } from '../db/client';
import { cappedCount, cursorKey, defineCursor } from '../db/paging';
import { officeExists } from '../org/org.repository';
import type { RequestActor } from '../http/types';
import { caseActorOf } from '../access/case-access.repository';
import { searchTokens } from '../cases/search-text';
import { companyTimeZones } from '../org/org.repository';
import { loadReportPolicy } from '../policies/policies.repository';
import * as repo from './problems.repository';
import { notifyAssigned, notifyOverdueProblems, notifyRaised } from './problem-notifications';

/** The bound of the similar-text pass: the newest cases of the window. */
export const MAX_TEXT_CASES = 50_000;
const DAY_MS = 86_400_000;

const tokensOf = (text: string) => contentTokens(searchTokens(text));

/** Up to six shared words, in the order the first description uses them; parts of longer words are dropped. */
function similarTitle(communityName: string, sets: ReadonlySet<string>[], seedText: string): string {
  const shared = sharedTokens(sets);
  const words = shared
    .filter((w) => !shared.some((o) => o !== w && o.includes(w)))
    .sort((a, b) => seedText.toLowerCase().indexOf(a) - seedText.toLowerCase().indexOf(b))
    .slice(0, 6);
  return `${communityName} · ${words.length ? words.join(' ') : seedText.slice(0, 20)}`;
}

async function detectForCompany(tx: Tx, companyId: string, now: Date, since: Date | undefined) {
  const policy = resolveAccountabilityPolicy(await loadReportPolicy(tx, companyId));
  const w: repo.Window = {
    companyId,
    since: since ?? new Date(now.getTime() - policy.problemWindowDays * DAY_MS),
    until: now,
    kinds: policy.problemKinds,
  };
  let linked = await repo.linkToOpenPlaceProblems(tx, w);

  // Place clusters: aggregated in SQL, chosen narrowest first, raised and linked in batches.
  const clusters = selectPlaceClusters(
    await repo.placeCandidates(tx, w, policy.problemMinCases),
    policy.problemMinCases,
  );
  const names = await repo.placeNames(
    tx,
    clusters.map((c) => ({ roomId: c.cases[0].roomId, categoryId: c.categoryId })),
  );
  const place = await repo.insertProblems(
    tx,
    companyId,
    clusters.map((c, i) => {
      const n = names[i];
      const where =
        c.scopeType === 'room'
          ? `${n.community_name} ${n.building_name}${n.unit_name}${n.room_number}`
          : c.scopeType === 'building'
            ? `${n.community_name} ${n.building_name}`
            : n.community_name;
      return {
        companyId,
        officeId: n.office_id,
        communityId: n.community_id,
        scopeType: c.scopeType,
        scopeId: c.scopeId,
        categoryId: c.categoryId,
        title: `${where} · ${n.category_name ?? ''}`,
        clusterKey: placeClusterKey(c.scopeType, c.scopeId, c.categoryId),
        detectedAt: now,
      };
    }),
  );
  linked += await repo.linkCases(
    tx,
    companyId,
    clusters.flatMap((c) => {
      const problemId = place.ids.get(placeClusterKey(c.scopeType, c.scopeId, c.categoryId))!;
      return c.cases.map((x) => ({ problemId, caseId: x.id }));
    }),
  );
  await notifyRaised(tx, companyId, place.raised, now);

  // Thousands of links made in this transaction (a first run over a busy month) leave the planner's statistics
  // of problem_cases far behind; refresh them before the next query plans on them.
  if (linked > 1000) await repo.analyseLinks(tx);

  // Similar text, same community.
  const rows = await repo.textCases(tx, w, MAX_TEXT_CASES);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const docs: TextDoc[] = rows.map((r) => ({
    id: r.id,
    group: r.community_id,
    tokens: tokensOf(r.description),
  }));
  const graph = similarityGraph(docs, policy.similarityThreshold, { minTokens: 2 });
  const members = new Map<string, string[]>();
  for (const r of rows)
    if (r.open_similar_id) members.set(r.open_similar_id, [...(members.get(r.open_similar_id) ?? []), r.id]);
  const eligible = new Set(
    rows.filter((r) => !r.in_open && !r.in_closed_similar && graph.nodeOf.has(r.id)).map((r) => r.id),
  );
  const joins: { problemId: string; caseId: string }[] = [];
  for (const id of [...eligible]) {
    const community = byId.get(id)!.community_id;
    for (const [problemId, ids] of members) {
      if (byId.get(ids[0])!.community_id !== community) continue;
      if (ids.every((m) => docsSimilar(graph, id, m))) {
        joins.push({ problemId, caseId: id });
        eligible.delete(id);
        break;
      }
    }
  }
  linked += await repo.linkCases(tx, companyId, joins);

  // Oldest first inside a group: the earliest case keys the cluster.
  const groups = similarClusters(graph, eligible, policy.problemMinCases).map((ids) => [...ids].reverse());
  const communityRows = await repo.communities(tx, [
    ...new Set(groups.map((ids) => byId.get(ids[0])!.community_id)),
  ]);
  const similar = await repo.insertProblems(
    tx,
    companyId,
    groups.map((ids) => {
      const seed = byId.get(ids[0])!;
      const community = communityRows.get(seed.community_id)!;
      const cats = ids.map((id) => byId.get(id)!.category_id).filter((c): c is string => !!c);
      const common = [...new Set(cats)].sort(
        (a, b) => cats.filter((c) => c === b).length - cats.filter((c) => c === a).length,
      )[0];
      return {
        companyId,
        officeId: community.office_id,
        communityId: community.id,
        scopeType: 'similar_text',
        scopeId: null,
        categoryId: common ?? null,
        title: similarTitle(
          community.name,
          ids.map((id) => graph.nodes[graph.nodeOf.get(id)!].tokens),
          seed.description,
        ),
        clusterKey: similarClusterKey(community.id, seed.id),
        detectedAt: now,
      };
    }),
  );
  linked += await repo.linkCases(
    tx,
    companyId,
    groups.flatMap((ids) => {
      const problemId = similar.ids.get(similarClusterKey(byId.get(ids[0])!.community_id, ids[0]))!;
      return ids.map((caseId) => ({ problemId, caseId }));
    }),
  );
  await notifyRaised(tx, companyId, similar.raised, now);
  return { created: place.created + similar.created, linked };
}

/**
 * Runs detection for one company or all of them (PROBLEM-1; scheduled hourly, and POST /api/problems/detect).
 * `since`: the start of the window (default: now − the policy's window). Then tells the reviews whose due date
 * has passed without measures (notifyOverdueProblems): the hourly job of the sweeper loop runs both.
 */
export async function detectProblems(
  db: Db,
  clock: Clock,
  opts: { companyId?: string; since?: Date } = {},
): Promise<DetectResult> {
  const total = { created: 0, linked: 0 };
  for (const company of await companyTimeZones(db, opts.companyId)) {
    const result = await db.transaction(async (tx) => {
      if (!(await repo.tryLockDetection(tx, company.id))) return { created: 0, linked: 0 };
      return detectForCompany(tx, company.id, clock.now(), opts.since);
    });
    total.created += result.created;
    total.linked += result.linked;
  }
  await notifyOverdueProblems(db, clock, { companyId: opts.companyId });
  return total;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The problems list is ordered by (detected_at, id), newest first. */
const PROBLEM_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid]);

function toProblem(r: repo.ProblemRow): Problem {
  return {
    id: r.id,
    status: r.status as Problem['status'],
    scopeType: r.scope_type as Problem['scopeType'],
    scope: r.scope_id ? { id: r.scope_id, name: r.scope_name ?? '' } : null,
    category: r.category_id ? { id: r.category_id, name: r.category_name ?? '' } : null,
    office: r.office_id ? { id: r.office_id, name: r.office_name ?? '' } : null,
    community: r.community_id ? { id: r.community_id, name: r.community_name ?? '' } : null,
    title: r.title,
    detectedAt: r.detected_at.toISOString(),
    caseCount: r.case_count,
    reviewDepartments: r.review_departments,
    dueAt: iso(r.due_at),
    rootCause: r.root_cause,
    measures: r.measures,
    closedAt: iso(r.closed_at),
    closedBy: r.closed_by_id ? { id: r.closed_by_id, name: r.closed_by_name ?? '' } : null,
    version: r.version,
  };
}

export function problemsService({ db, clock }: AppDeps) {
  async function load(
    tx: Tx,
    actor: RequestActor,
    id: string,
    opts: { lock?: boolean; manage?: boolean } = {},
  ) {
    const row = await repo.getProblem(tx, actor.companyId, id, { lock: opts.lock });
    if (!row) throw notFound();
    const allowed = opts.manage
      ? canManageInOffice(actor, row.office_id)
      : canSeeOffice(actor, row.office_id);
    if (!allowed) throw notFound();
    return row;
  }

  return {
    async list(actor: RequestActor, q: ProblemListQuery) {
      let officeIds: readonly string[] | null;
      if (q.officeId) {
        if (!(await officeExists(db, actor.companyId, q.officeId)) || !canSeeOffice(actor, q.officeId))
          throw notFound();
        officeIds = [q.officeId];
      } else {
        const scope = officeScope(actor);
        officeIds = scope === 'all' ? null : scope;
      }
      const { rows, fromWhere } = await repo.listProblems(db, {
        companyId: actor.companyId,
        officeIds,
        status: q.status,
        q: q.q,
        limit: q.limit,
        after: PROBLEM_CURSOR.decode(q.cursor)?.key ?? null,
      });
      const counted = await cappedCount(db, fromWhere);
      const last = rows.length > q.limit ? rows[q.limit - 1] : null;
      return {
        items: rows.slice(0, q.limit).map(toProblem),
        nextCursor: last ? PROBLEM_CURSOR.encode([last.detected_at.toISOString(), last.id]) : null,
        ...counted,
      };
    },

    async get(actor: RequestActor, id: string): Promise<ProblemDetail> {
      const row = await load(db, actor, id);
      const cases = await repo.problemCaseRows(db, id, await caseActorOf(db, actor));
      return {
        ...toProblem(row),
        cases: cases.map((c) => ({
          id: c.id,
          number: c.number,
          kind: c.kind as ProblemDetail['cases'][number]['kind'],
          state: c.state as ProblemDetail['cases'][number]['state'],
          receivedAt: c.received_at.toISOString(),
          category: c.category,
          room: c.room,
          description: c.description,
        })),
      };
    },

    update(actor: RequestActor, id: string, body: UpdateProblemBody): Promise<Problem> {
      return db.transaction(async (tx) => {
        const row = await load(tx, actor, id, { lock: true, manage: true });
        if (row.version !== body.version) throw versionConflict(row.version);
        const refused = editProblem(row);
        if (refused) throw ruleViolation(refused);
        if (
          body.reviewDepartmentIds &&
          !(await repo.departmentsExist(tx, actor.companyId, body.reviewDepartmentIds))
        )
          throw fieldError({ reviewDepartmentIds: 'not_found' });
        const now = clock.now();
        const dueAt = body.dueAt === undefined ? row.due_at : body.dueAt ? new Date(body.dueAt) : null;
        await repo.updateProblem(tx, id, {
          updatedAt: now,
          reviewDepartmentIds:
            body.reviewDepartmentIds === undefined ? undefined : [...new Set(body.reviewDepartmentIds)],
          dueAt: body.dueAt === undefined ? undefined : dueAt,
          // a new due date is reminded of again when it passes
          overdueNotifiedAt:
            (dueAt?.getTime() ?? null) !== (row.due_at?.getTime() ?? null) ? null : undefined,
          rootCause: body.rootCause === undefined ? undefined : body.rootCause || null,
          measures: body.measures === undefined ? undefined : body.measures || null,
        });
        const updated = (await repo.getProblem(tx, actor.companyId, id))!;
        const before = new Set(row.review_departments.map((d) => d.id));
        await notifyAssigned(
          tx,
          { companyId: actor.companyId, id, officeId: row.office_id, title: row.title, dueAt },
          updated.review_departments.filter((d) => !before.has(d.id)),
          actor.userId,
          now,
        );
        return toProblem(updated);
      });
    },

    close(actor: RequestActor, id: string, body: CloseProblemBody): Promise<Problem> {
      return db.transaction(async (tx) => {
        const row = await load(tx, actor, id, { lock: true, manage: true });
        if (row.version !== body.version) throw versionConflict(row.version);
        const refused = closeProblem(row);
        if (refused) throw ruleViolation(refused);
        const now = clock.now();
        await repo.updateProblem(tx, id, {
          status: 'closed',
          closedAt: now,
          closedById: actor.userId,
          updatedAt: now,
        });
        return toProblem((await repo.getProblem(tx, actor.companyId, id))!);
      });
    },

    detect: (actor: RequestActor) => detectProblems(db, clock, { companyId: actor.companyId }),

    /** The intake hint: open problems a new case of this room (and category, and description) would join. */
    async match(actor: RequestActor, q: ProblemMatchQuery): Promise<ProblemMatches> {
      if (!q.roomId) return { items: [] };
      const room = await repo.roomForMatch(db, actor.companyId, q.roomId);
      if (!room) throw fieldError({ roomId: 'not_found' });
      const found = await repo.openPlaceProblemsFor(db, actor.companyId, room, q.categoryId);
      if (q.description) {
        const policy = resolveAccountabilityPolicy(await loadReportPolicy(db, actor.companyId));
        const mine = new Set(tokensOf(q.description));
        if (mine.size >= 2)
          for (const p of await repo.openSimilarProblemsIn(db, actor.companyId, room.community_id))
            if (p.descriptions.some((d) => isSimilar(mine, new Set(tokensOf(d)), policy.similarityThreshold)))
              found.push(p);
      }
      return { items: found.filter((p) => canSeeOffice(actor, p.office_id)).map(toProblem) };
    },
  };
}
