/**
 * One door for the case (docs/adr/0018): no code outside the case store writes `cases`, `case_clocks` or
 * `case_timeline` — neither by SQL text nor through the Drizzle builder. A new writer elsewhere fails here, naming
 * the file and line; it belongs in src/server/cases/store/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const STORE = path.join('server', 'cases', 'store') + path.sep;
/** the test factories insert bare case rows for the visibility tests (never run by the product) */
const ALLOWED = [path.join('server', 'seed', 'factories.ts')];

const RAW_WRITE = /\b(?:insert\s+into|update|delete\s+from)\s+(?:cases|case_clocks|case_timeline)\b/i;
const BUILDER_WRITE = /\.(?:insert|update|delete)\(\s*(?:\w+\.)?(?:cases|caseClocks|caseTimeline)\s*\)/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** file:line of each write to a case table outside the store */
function writersOutsideTheStore(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(ROOT)) {
    const rel = path.relative(ROOT, file);
    if (rel.startsWith(STORE) || ALLOWED.includes(rel)) continue;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (RAW_WRITE.test(line) || BUILDER_WRITE.test(line)) found.push(`${rel}:${i + 1}`);
      });
  }
  return found;
}

describe('one door for the case', () => {
  it('only the case store writes cases, case_clocks and case_timeline', () => {
    expect(writersOutsideTheStore()).toEqual([]);
  });

  it('the check recognises a write by SQL text and by the builder (it can fail)', () => {
    expect(RAW_WRITE.test('await tx.execute(sql`update cases set state = ${s}`)')).toBe(true);
    expect(RAW_WRITE.test('insert into case_timeline (case_id, seq)')).toBe(true);
    expect(RAW_WRITE.test('select 1 from cases c where c.id = $1')).toBe(false);
    expect(BUILDER_WRITE.test('await db.update(cases).set({ state })')).toBe(true);
    expect(BUILDER_WRITE.test('tx.insert(schema.caseClocks).values(rows)')).toBe(true);
    expect(BUILDER_WRITE.test('db.select().from(cases)')).toBe(false);
  });
});
