/**
 * Near-identical descriptions (recurring problems, 000 §9): Jaccard similarity of token sets (the server tokenises
 * with jieba, the same tokenizer as search), and a bounded way to find every similar pair among a month of cases.
 *
 * The similarity join is exact prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007 "all-pairs"):
 * 1. identical token sets are merged first (the heavy case: the same words reported again and again);
 * 2. tokens are ordered by ascending document frequency, so every set starts with its rarest tokens;
 * 3. if J(x, y) ≥ t then x and y share a token among the first |x| − ⌈t·|x|⌉ + 1 tokens of each — only those
 *    prefix tokens are indexed, so common words ("漏水", "楼下") generate no candidates by themselves;
 * 4. a candidate must also pass the length filter t·|x| ≤ |y| ≤ |x| / t and lie in the same group (community);
 *    survivors are verified with the exact Jaccard index.
 * It finds exactly the pairs a brute-force comparison would, while comparing far fewer of them; `maxCandidates`
 * bounds the work of a pathological month, and the result says when it was cut short.
 */

/** Tokens worth comparing: two characters or more (single characters are mostly particles: 的, 了, 我). */
export function contentTokens(tokens: readonly string[]): string[] {
  return [...new Set(tokens.map((t) => t.trim().toLowerCase()).filter((t) => Array.from(t).length >= 2))];
}

/** |a ∩ b| / |a ∪ b|; 0 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const t of small) if (large.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Floating-point slack: 0.6 × 5 is 3.0000000000000004, and ⌈·⌉ of it must still be 3. */
const EPSILON = 1e-9;

export function isSimilar(a: ReadonlySet<string>, b: ReadonlySet<string>, threshold: number): boolean {
  return jaccard(a, b) >= threshold - EPSILON;
}

export interface TextDoc {
  id: string;
  /** only documents of the same group are compared (the community) */
  group: string;
  tokens: readonly string[];
}

/** Documents with identical token sets in one group, compared once. */
export interface TextNode {
  index: number;
  group: string;
  tokens: ReadonlySet<string>;
  /** document ids, in input order */
  ids: string[];
}

export interface SimilarityGraph {
  nodes: TextNode[];
  /** node index → indexes of the similar nodes */
  adjacent: Map<number, Set<number>>;
  /** node of each document id */
  nodeOf: Map<string, number>;
  /** input position of each document id */
  position: Map<string, number>;
  /** candidate pairs verified */
  compared: number;
  /** true when `maxCandidates` stopped the join early */
  truncated: boolean;
}

/** |a ∩ b| of two ascending integer arrays. */
function overlap(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/** Every pair of nodes whose token sets reach `threshold` (see the header for the algorithm). */
export function similarityGraph(
  docs: readonly TextDoc[],
  threshold: number,
  opts: { maxCandidates?: number; minTokens?: number } = {},
): SimilarityGraph {
  const maxCandidates = opts.maxCandidates ?? 2_000_000;
  const minTokens = opts.minTokens ?? 1;
  const nodes: TextNode[] = [];
  const nodeOf = new Map<string, number>();
  const position = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const d of docs) {
    const tokens = [...new Set(d.tokens)].sort();
    if (tokens.length < minTokens) continue;
    const key = `${d.group}\u0000${tokens.join('\u0001')}`;
    let index = byKey.get(key);
    if (index === undefined) {
      index = nodes.length;
      byKey.set(key, index);
      nodes.push({ index, group: d.group, tokens: new Set(tokens), ids: [] });
    }
    nodes[index].ids.push(d.id);
    nodeOf.set(d.id, index);
    position.set(d.id, position.size);
  }

  // Token ids in ascending document frequency: a node's ascending id array starts with its rarest tokens.
  const df = new Map<string, number>();
  for (const n of nodes) for (const t of n.tokens) df.set(t, (df.get(t) ?? 0) + 1);
  const tokenId = new Map(
    [...df.keys()]
      .sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0))
      .map((t, i) => [t, i]),
  );
  const sets = nodes.map((n) => Int32Array.from([...n.tokens].map((t) => tokenId.get(t)!)).sort());
  // Shorter sets first: a node meets only earlier (shorter or equal) nodes, each pair once.
  const order = nodes.map((n) => n.index).sort((a, b) => sets[a].length - sets[b].length || a - b);

  const adjacent = new Map<number, Set<number>>();
  const link = (a: number, b: number) => {
    if (!adjacent.has(a)) adjacent.set(a, new Set());
    if (!adjacent.has(b)) adjacent.set(b, new Set());
    adjacent.get(a)!.add(b);
    adjacent.get(b)!.add(a);
  };
  /** group → token id → nodes whose prefix holds the token */
  const index = new Map<string, Map<number, number[]>>();
  let compared = 0;
  let truncated = false;
  const seen = new Int32Array(nodes.length).fill(-1);
  outer: for (const x of order) {
    const size = sets[x].length;
    const prefix = size - Math.ceil(threshold * size - EPSILON) + 1;
    let postingsOfGroup = index.get(nodes[x].group);
    if (!postingsOfGroup) index.set(nodes[x].group, (postingsOfGroup = new Map()));
    for (let i = 0; i < prefix; i++) {
      const token = sets[x][i];
      const postings = postingsOfGroup.get(token);
      if (postings) {
        for (const y of postings) {
          if (seen[y] === x) continue;
          seen[y] = x;
          // Length filter: |y| ≤ |x| here, so only |y| ≥ t·|x| needs checking.
          if (sets[y].length < threshold * size - EPSILON) continue;
          if (++compared > maxCandidates) {
            truncated = true;
            break outer;
          }
          const o = overlap(sets[x], sets[y]);
          if (o / (size + sets[y].length - o) >= threshold - EPSILON) link(x, y);
        }
        postings.push(x);
      } else postingsOfGroup.set(token, [x]);
    }
  }
  return { nodes, adjacent, nodeOf, position, compared, truncated };
}

/** Whether two documents of the graph are similar (identical token sets are). */
export function docsSimilar(g: SimilarityGraph, a: string, b: string): boolean {
  const na = g.nodeOf.get(a);
  const nb = g.nodeOf.get(b);
  if (na === undefined || nb === undefined) return false;
  return na === nb || (g.adjacent.get(na)?.has(nb) ?? false);
}

/**
 * Groups of at least `minSize` documents that are pairwise similar, among `eligible` ids. Greedy (finding the
 * largest cliques is NP-hard), and linear in the size of the graph: nodes are taken as seeds by how many eligible
 * documents they and their neighbours hold, largest first; a seed's neighbours join in that order when similar
 * to every member so far; a group's nodes are not used again. Documents come back in input order inside a group.
 */
export function similarClusters(
  g: SimilarityGraph,
  eligible: ReadonlySet<string>,
  minSize: number,
): string[][] {
  const idsOf = g.nodes.map((n) => n.ids.filter((id) => eligible.has(id)));
  const live = g.nodes.filter((n) => idsOf[n.index].length > 0).map((n) => n.index);
  const weight = new Map<number, number>();
  for (const n of live) {
    let w = idsOf[n].length;
    for (const m of g.adjacent.get(n) ?? []) w += idsOf[m].length;
    weight.set(n, w);
  }
  const byWeight = (a: number, b: number) => weight.get(b)! - weight.get(a)! || a - b;
  const used = new Set<number>();
  const clusters: string[][] = [];
  for (const seed of live.sort(byWeight)) {
    if (weight.get(seed)! < minSize) break;
    if (used.has(seed)) continue;
    const members = [seed];
    const candidates = [...(g.adjacent.get(seed) ?? [])]
      .filter((m) => weight.has(m) && !used.has(m))
      .sort(byWeight);
    for (const c of candidates) if (members.every((m) => g.adjacent.get(m)?.has(c))) members.push(c);
    const ids = members.flatMap((m) => idsOf[m]);
    if (ids.length < minSize) continue;
    for (const m of members) used.add(m);
    clusters.push(ids.sort((a, b) => g.position.get(a)! - g.position.get(b)!));
  }
  return clusters;
}

/** The tokens every set shares, sorted: a problem's title says what its cases have in common. */
export function sharedTokens(sets: readonly ReadonlySet<string>[]): string[] {
  if (!sets.length) return [];
  return [...sets[0]].filter((t) => sets.every((s) => s.has(t))).sort();
}
