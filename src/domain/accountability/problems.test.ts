import { describe, expect, it } from 'vitest';
import {
  closeProblem,
  editProblem,
  placeClusterKey,
  selectPlaceClusters,
  type PlaceCandidate,
} from './problems';
import {
  contentTokens,
  docsSimilar,
  isSimilar,
  jaccard,
  sharedTokens,
  similarClusters,
  similarityGraph,
  type TextDoc,
} from './similarity';

const c = (id: string, roomId: string, buildingId = 'b1') => ({ id, roomId, buildingId });

describe('place clusters (PROBLEM-1: same room, building or community + category, ≥ 3 in the window)', () => {
  it('a room cluster is raised once; its building and community do not repeat it', () => {
    const roomCases = [c('1', 'r1'), c('2', 'r1'), c('3', 'r1')];
    const candidates: PlaceCandidate[] = [
      { scopeType: 'community', scopeId: 'cm', categoryId: 'leak', cases: roomCases },
      { scopeType: 'building', scopeId: 'b1', categoryId: 'leak', cases: roomCases },
      { scopeType: 'room', scopeId: 'r1', categoryId: 'leak', cases: roomCases },
    ];
    const out = selectPlaceClusters(candidates, 3);
    expect(out.map((x) => x.scopeType)).toEqual(['room']);
  });

  it('a building needs cases from two rooms; a community from two buildings', () => {
    const spread = [c('1', 'r1'), c('2', 'r2'), c('3', 'r3')];
    expect(
      selectPlaceClusters(
        [
          { scopeType: 'building', scopeId: 'b1', categoryId: 'leak', cases: spread },
          { scopeType: 'community', scopeId: 'cm', categoryId: 'leak', cases: spread },
        ],
        3,
      ).map((x) => x.scopeType),
    ).toEqual(['building']);
    const twoBuildings = [c('1', 'r1', 'b1'), c('2', 'r2', 'b2'), c('3', 'r3', 'b2')];
    expect(
      selectPlaceClusters(
        [{ scopeType: 'community', scopeId: 'cm', categoryId: 'x', cases: twoBuildings }],
        3,
      ),
    ).toHaveLength(1);
  });

  it('cases already in an open problem are not counted again; below the minimum nothing is raised', () => {
    const cases = [c('1', 'r1'), c('2', 'r2'), c('3', 'r3')];
    const cand: PlaceCandidate[] = [{ scopeType: 'building', scopeId: 'b1', categoryId: 'x', cases }];
    expect(selectPlaceClusters(cand, 3, new Set(['1']))).toEqual([]);
    expect(selectPlaceClusters(cand, 4)).toEqual([]);
    expect(placeClusterKey('building', 'b1', 'x')).toBe('building:b1:x');
  });
});

describe('closing a problem (PROBLEM-2: stays open until measures are recorded)', () => {
  it('refuses without measures and once closed', () => {
    expect(closeProblem({ status: 'open', measures: null })).toBe('problem_needs_measures');
    expect(closeProblem({ status: 'open', measures: '  ' })).toBe('problem_needs_measures');
    expect(closeProblem({ status: 'open', measures: '更换3号楼主水管' })).toBeNull();
    expect(closeProblem({ status: 'closed', measures: '更换' })).toBe('problem_closed');
    expect(editProblem({ status: 'closed' })).toBe('problem_closed');
    expect(editProblem({ status: 'open' })).toBeNull();
  });
});

describe('similar text (PROBLEM-1: near-identical descriptions, jieba tokens, a threshold)', () => {
  it('Jaccard over token sets, with a threshold', () => {
    const a = new Set(['卫生间', '漏水', '楼下', '渗水']);
    const b = new Set(['卫生间', '漏水', '楼下', '天花板']);
    expect(jaccard(a, b)).toBeCloseTo(3 / 5);
    expect(isSimilar(a, b, 0.6)).toBe(true);
    expect(isSimilar(a, b, 0.61)).toBe(false);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(contentTokens(['的', '漏水', '漏水', 'A1', ' 楼下 '])).toEqual(['漏水', 'a1', '楼下']);
    expect(sharedTokens([a, b])).toEqual(['卫生间', '楼下', '漏水']);
  });

  it('the prefix-filtered join finds exactly the pairs brute force finds', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const vocab = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const docs: TextDoc[] = Array.from({ length: 300 }, (_, i) => ({
      id: `d${i}`,
      group: `g${i % 3}`,
      // skewed vocabulary: low words are common, like 漏水 and 楼下
      tokens: Array.from({ length: 2 + Math.floor(rand() * 6) }, () => vocab[Math.floor(rand() ** 2 * 40)]),
    }));
    for (const t of [0.4, 0.6, 0.8]) {
      const g = similarityGraph(docs, t);
      let pairs = 0;
      for (let i = 0; i < docs.length; i++)
        for (let j = i + 1; j < docs.length; j++) {
          const expected =
            docs[i].group === docs[j].group && isSimilar(new Set(docs[i].tokens), new Set(docs[j].tokens), t);
          if (expected) pairs++;
          expect(docsSimilar(g, docs[i].id, docs[j].id), `${t} d${i} d${j}`).toBe(expected);
        }
      expect(pairs).toBeGreaterThan(0);
      // the filter compared fewer node pairs than all pairs within the groups
      expect(g.compared).toBeLessThan((docs.length / 3) ** 2 * 1.5);
      expect(g.truncated).toBe(false);
    }
  });

  it('clusters are pairwise similar, at least the minimum, and only of eligible documents', () => {
    const docs: TextDoc[] = [
      { id: 'a', group: 'cm', tokens: ['电梯', '困人', '号楼'] },
      { id: 'b', group: 'cm', tokens: ['电梯', '困人', '号楼', '半小时'] },
      { id: 'c', group: 'cm', tokens: ['电梯', '困人', '号楼'] },
      { id: 'd', group: 'other', tokens: ['电梯', '困人', '号楼'] },
      { id: 'e', group: 'cm', tokens: ['楼道', '灯坏', '没人修'] },
      { id: 'f', group: 'cm', tokens: ['楼道', '灯坏', '没人修', '三天'] },
    ];
    const g = similarityGraph(docs, 0.6);
    expect(similarClusters(g, new Set(docs.map((d) => d.id)), 3)).toEqual([['a', 'b', 'c']]);
    expect(similarClusters(g, new Set(['a', 'b', 'd', 'e', 'f']), 3)).toEqual([]);
    expect(similarClusters(g, new Set(docs.map((d) => d.id)), 2)).toEqual([
      ['a', 'b', 'c'],
      ['e', 'f'],
    ]);
  });

  it('bounded: a cap on compared pairs stops the join and says so', () => {
    const docs: TextDoc[] = Array.from({ length: 50 }, (_, i) => ({
      id: `d${i}`,
      group: 'cm',
      tokens: ['漏水', `x${i}`, `y${i}`],
    }));
    const g = similarityGraph(docs, 0.2, { maxCandidates: 10 });
    expect(g.truncated).toBe(true);
    expect(g.compared).toBe(11);
  });
});
