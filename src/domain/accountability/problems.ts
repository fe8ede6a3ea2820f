/**
 * Recurring problems (问题, 000 §9: "对反复出现的问题,应组织有关部门进行深入探讨并找出解决办法,防止重复发生"):
 * cases that keep coming back at one place in one category, or with near-identical descriptions, are gathered into
 * a problem record that a cross-department review works on until measures are recorded.
 *
 * Place clusters (ours, so one leak is not raised three times):
 * - a room: at least `minCases` cases of one category in the window;
 * - a building: as many, from at least two rooms (a cluster inside one room is that room's problem);
 * - a community: as many, from at least two buildings.
 * Narrower clusters are taken first and their cases are not counted again for a wider one in the same run.
 */
export const PROBLEM_SCOPE_TYPES = ['room', 'building', 'community', 'similar_text'] as const;
export type ProblemScopeType = (typeof PROBLEM_SCOPE_TYPES)[number];
export type PlaceScopeType = Exclude<ProblemScopeType, 'similar_text'>;

/** open → closed, once measures are recorded (PROBLEM-2). */
export const PROBLEM_STATUSES = ['open', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** The dedupe key of a cluster: at most one open problem per company and key (problems_open_cluster_uq). */
export function placeClusterKey(scopeType: PlaceScopeType, scopeId: string, categoryId: string): string {
  return `${scopeType}:${scopeId}:${categoryId}`;
}

/** A similar-text cluster is keyed by its community and its earliest case. */
export function similarClusterKey(communityId: string, seedCaseId: string): string {
  return `similar_text:${communityId}:${seedCaseId}`;
}

/** A case of the window, as far as place clustering needs it. */
export interface PlaceCase {
  id: string;
  roomId: string;
  buildingId: string;
}

/** A candidate group from the database: cases of one scope and category not yet in a problem of that key. */
export interface PlaceCandidate {
  scopeType: PlaceScopeType;
  scopeId: string;
  categoryId: string;
  cases: readonly PlaceCase[];
}

const LEVEL: Record<PlaceScopeType, number> = { room: 0, building: 1, community: 2 };

/**
 * The place clusters to raise, narrowest first; a case claimed by a narrower cluster is not counted for a wider one.
 * `claimed`: cases already in an open problem (they are not counted either).
 */
export function selectPlaceClusters(
  candidates: readonly PlaceCandidate[],
  minCases: number,
  claimed: ReadonlySet<string> = new Set(),
): PlaceCandidate[] {
  const taken = new Set(claimed);
  const out: PlaceCandidate[] = [];
  const ordered = [...candidates].sort(
    (a, b) =>
      LEVEL[a.scopeType] - LEVEL[b.scopeType] ||
      b.cases.length - a.cases.length ||
      a.scopeId.localeCompare(b.scopeId) ||
      a.categoryId.localeCompare(b.categoryId),
  );
  for (const c of ordered) {
    const cases = c.cases.filter((x) => !taken.has(x.id));
    if (cases.length < minCases) continue;
    if (c.scopeType === 'building' && new Set(cases.map((x) => x.roomId)).size < 2) continue;
    if (c.scopeType === 'community' && new Set(cases.map((x) => x.buildingId)).size < 2) continue;
    for (const x of cases) taken.add(x.id);
    out.push({ ...c, cases });
  }
  return out;
}

/**
 * Closing a problem: it stays open until measures (整改措施) are recorded (PROBLEM-2). Returns the rule broken, or
 * null.
 */
export function closeProblem(p: {
  status: string;
  measures: string | null;
}): 'problem_closed' | 'problem_needs_measures' | null {
  if (p.status !== 'open') return 'problem_closed';
  if (!p.measures || !p.measures.trim()) return 'problem_needs_measures';
  return null;
}

/** A closed problem is a record: its review fields no longer change. */
export function editProblem(p: { status: string }): 'problem_closed' | null {
  return p.status === 'open' ? null : 'problem_closed';
}
