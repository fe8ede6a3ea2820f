/**
 * The rules live in the repository (docs/rules.md): code, tests, e2e, benchmarks and scripts cite rule ids, never a
 * document outside the repository; every cited id is defined there, and defined once. Runs in the domain project: it
 * reads files but needs no database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  citedRuleIds,
  definedRules,
  duplicateDefinitions,
  outsideCitations,
  RULE_AREAS,
} from './rules-citations';

const HERE = fileURLToPath(import.meta.url);
const ROOT = join(dirname(HERE), '..', '..');
const CODE_FOLDERS = ['src', 'test', 'e2e', 'bench', 'scripts'];
const TEXT_FILE = /\.(?:ts|tsx|js|mjs|cjs|sql|css|html|json)$/;
/** This file holds hand-made bad texts on purpose. */
const SELF = relative(ROOT, HERE);

function filesUnder(folder: string, keep: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (keep.test(entry.name)) out.push(path);
    }
  };
  walk(folder);
  return out;
}

const codeFiles = CODE_FOLDERS.flatMap((folder) => filesUnder(folder, TEXT_FILE)).filter((f) => f !== SELF);
const docFiles = filesUnder('docs', /\.md$/).concat('README.md');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const rulesMd = read('docs/rules.md');

describe('the rules live in the repository (docs/rules.md)', () => {
  it('sees the code it checks (the walk is not empty)', () => {
    expect(codeFiles.length).toBeGreaterThan(100);
    expect(codeFiles).toContain('src/domain/case/lifecycle.ts');
  });

  it('no code, test, e2e, benchmark or script cites a document outside the repository', () => {
    const found = codeFiles.flatMap((file) =>
      outsideCitations(read(file)).map((f) => `${file}:${f.line}: ${f.why}: "${f.text}"`),
    );
    expect(found, 'cite the rule id of docs/rules.md instead').toEqual([]);
  });

  it('every rule id cited in code, tests or docs is defined in docs/rules.md', () => {
    const { ids } = definedRules(rulesMd);
    const undefinedIds = [...codeFiles, ...docFiles].flatMap((file) =>
      citedRuleIds(read(file))
        .filter(({ id }) => !ids.has(id))
        .map(({ id, line }) => `${file}:${line}: ${id}`),
    );
    expect(undefinedIds, 'define the rule in docs/rules.md or cite an existing id').toEqual([]);
  });

  it('every id is defined once, in a well-formed row of a known area', () => {
    const definitions = definedRules(rulesMd);
    expect(definitions.ids.size).toBeGreaterThan(50);
    expect(duplicateDefinitions(definitions)).toEqual([]);
    expect(definitions.malformed.map((f) => `docs/rules.md:${f.line}: ${f.text} ${f.why}`)).toEqual([]);
  });

  it('every area has at least one rule', () => {
    const { ids } = definedRules(rulesMd);
    const areas = new Set([...ids.keys()].map((id) => id.slice(0, id.lastIndexOf('-'))));
    expect(RULE_AREAS.filter((area) => !areas.has(area))).toEqual([]);
  });
});

describe('the checks fail on hand-made texts', () => {
  it('finds each kind of outside citation with its line', () => {
    const text = [
      '/** fine: ROUTE-2 (004 第十条), 000 §9, docs/ARCHITECTURE.md convention 5 */',
      '// personal data (domain.md §1.8)',
      "describe('lists (api.md Lists)', () => {",
      '// keyboard-first (ui.md principle 3); events (docs/architecture.md)',
      "it('issue 4 §1 figures', () => {",
      ' * Issue 2 in a real browser; the hardening issue asked for it',
      '// §2.4 a private repair',
    ].join('\n');
    expect(outsideCitations(text).map((f) => `${f.line} ${f.text}`)).toEqual([
      '2 domain.md',
      '2 §1',
      '3 api.md',
      '4 ui.md',
      '4 architecture.md',
      '5 issue 4',
      '5 §1',
      '6 Issue 2',
      '6 the hardening issue',
      '7 §2',
    ]);
  });

  it('allows what is not a citation of an outside document', () => {
    const text = [
      '// zod reports the issues of a parse; see docs/ARCHITECTURE.md; 000 §1 and 000 §10',
      "describe('ROUTE-2 (004 第十条): routing within 60 minutes', () => {",
    ].join('\n');
    expect(outsideCitations(text)).toEqual([]);
  });

  it('finds rule ids, and only of known areas (TS-2026-000123, SHA-256 and UTF-8 are none)', () => {
    const text = "it('ROUTE-2 and PRIV-13: TS-2026-000123, SHA-256, UTF-8, ROUTES-1', () => {\n// CLOCK-5";
    expect(citedRuleIds(text)).toEqual([
      { line: 1, id: 'ROUTE-2' },
      { line: 1, id: 'PRIV-13' },
      { line: 2, id: 'CLOCK-5' },
    ]);
  });

  it('reads definitions from table rows and reports an id defined twice', () => {
    const md = [
      '| id | rule | source |',
      '|---|---|---|',
      '| ROUTE-1 | to the department | 004 第五条 |',
      '| ROUTE-2 | within 60 minutes | 004 第十条 |',
      'ROUTE-9 cited in prose is not a definition',
      '| ROUTE-2 | again | ours |',
    ].join('\n');
    const definitions = definedRules(md);
    expect([...definitions.ids.keys()]).toEqual(['ROUTE-1', 'ROUTE-2']);
    expect(duplicateDefinitions(definitions)).toEqual([{ id: 'ROUTE-2', lines: [4, 6] }]);
    expect(definitions.malformed).toEqual([]);
  });

  it('reports a row of an unknown area or without its source', () => {
    const md = ['| ROUTES-1 | a typo in the area | ours |', '| CLOCK-9 | no source |  |'].join('\n');
    expect(definedRules(md).malformed.map((f) => `${f.line} ${f.text}: ${f.why}`)).toEqual([
      '1 ROUTES-1: area ROUTES is not one of RULE_AREAS',
      '2 CLOCK-9: needs the rule and its source',
    ]);
  });
});
