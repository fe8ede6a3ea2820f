/**
 * The server's folders import one another without cycles: a feature may use a lower one (db, platform, http, access,
 * records, events, notifications, …) but nothing it uses may come back to it. Files directly in src/server (app.ts,
 * main.ts, schedules.ts) are the root, which composes everything and is imported by no folder. No database needed:
 * it reads the sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVER = path.dirname(fileURLToPath(import.meta.url));
const ROOT = '(root)';

/** Every module a source names: static imports and re-exports (type-only too), side-effect and dynamic imports. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]!);
  return found;
}

/** The top-level folder of src/server a file belongs to; files directly in src/server are the root. */
function folderOf(file: string): string {
  const parts = path.relative(SERVER, file).split(path.sep);
  return parts.length === 1 ? ROOT : parts[0]!;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** folder → folder it imports → the files and specifiers that make the edge (for the failure message). */
export type FolderGraph = Map<string, Map<string, string[]>>;

export function folderGraph(): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(SERVER)) {
    const from = folderOf(file);
    if (!graph.has(from)) graph.set(from, new Map());
    for (const specifier of importSpecifiers(fs.readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier);
      if (path.relative(SERVER, target).startsWith('..')) continue; // domain, contracts: not a server folder
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from)!;
      edges.set(to, [...(edges.get(to) ?? []), `${path.relative(SERVER, file)} → ${specifier}`]);
    }
  }
  return graph;
}

/**
 * A cycle of the directed graph as the path that closes it (`[a, b, c, a]`), or null when there is none. Depth
 * first: a node met again while it is still on the path closes a cycle.
 */
export function findCycle(edges: ReadonlyMap<string, Iterable<string>>): string[] | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | null => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node];
    if (done.has(node)) return null;
    onPath.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return null;
  };
  for (const node of [...edges.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

const graphOf = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('findCycle', () => {
  it('finds a cycle and names it as the path that closes it', () => {
    const cycle = findCycle(graphOf({ a: ['b'], b: ['c', 'd'], c: ['a'], d: [] }));
    expect(cycle).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds a cycle that does not pass through the first node, and one of two folders', () => {
    expect(findCycle(graphOf({ a: ['b'], b: ['c'], c: ['d'], d: ['b'] }))).toEqual(['b', 'c', 'd', 'b']);
    expect(findCycle(graphOf({ auth: ['users'], users: ['auth'] }))).toEqual(['auth', 'users', 'auth']);
  });

  it('finds none in a graph where two paths meet again without going round', () => {
    expect(findCycle(graphOf({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toBeNull();
  });
});

describe('importSpecifiers', () => {
  it('reads imports, type imports, re-exports over several lines, side-effect and dynamic imports', () => {
    const source = [
      "import { a } from '../a';",
      "import type {\n  B,\n  C,\n} from './b';",
      "export { d } from '../d/d';",
      "import './side';",
      "const e = await import('../e/e');",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['../a', '../d/d', '../e/e', './b', './side']);
  });
});

describe('the folders of src/server', () => {
  const graph = folderGraph();

  it('are read with their imports: the root composes the features, the features stand on db', () => {
    expect(graph.get(ROOT)?.has('cases')).toBe(true);
    expect(graph.get('cases')?.has('db')).toBe(true);
  });

  it('import one another without a cycle', () => {
    const edges = new Map([...graph].map(([from, to]) => [from, [...to.keys()].sort()]));
    const cycle = findCycle(edges);
    const because = cycle
      ? cycle
          .slice(1)
          .map((to, i) => `${cycle[i]} → ${to}: ${graph.get(cycle[i]!)!.get(to)!.join(', ')}`)
          .join('\n')
      : '';
    expect(cycle, `import cycle among src/server folders:\n${because}`).toBeNull();
  });
});
