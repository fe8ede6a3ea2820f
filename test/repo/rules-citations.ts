/**
 * The checks behind rules-citations.test.ts, pure over text so each can be shown to fail on a hand-made input.
 *
 * The rules live in docs/rules.md, each under a stable id. Code and tests cite the id (and the regulation clause
 * where it helps), never a document outside the repository: such a citation breaks as soon as that document moves or
 * changes, and a reader of the repository cannot follow it.
 */

/** The areas of docs/rules.md. An id is `<AREA>-<n>`; only these prefixes count as rule ids. */
export const RULE_AREAS = [
  'INTAKE',
  'FIRSTASK',
  'CLASS',
  'REPAIR',
  'ROUTE',
  'FLOW',
  'CLOCK',
  'EMERGENCY',
  'SUGGEST',
  'HANDLE',
  'ESCALATE',
  'CALLBACK',
  'RECORD',
  'FORM',
  'REPORT',
  'LEDGER',
  'PROBLEM',
  'ACCESS',
  'TENANT',
  'PRIV',
  'ORG',
  'REGISTER',
  'API',
  'OPS',
  'SEARCH',
  'MSG',
  'RESIDENT',
  'UI',
] as const;

const RULE_ID = new RegExp(`\\b(?:${RULE_AREAS.join('|')})-\\d+\\b`, 'g');

/**
 * Citations of documents that are not in the repository: the rules digest, the API and UI notes, the outside
 * architecture note (docs/ARCHITECTURE.md, upper case, is in the repository and may be cited), issue numbers and
 * "the … issue", and a bare `§n` section, which can only point into one of those (the one regulation numbered with
 * `§`, 000, is always cited with its prefix: `000 §9`).
 */
const OUTSIDE_CITATIONS: readonly { what: string; pattern: RegExp }[] = [
  { what: 'an outside document', pattern: /\b(?:domain|api|ui)\.md\b/gi },
  { what: 'an outside document', pattern: /\barchitecture\.md\b/g },
  { what: 'an issue', pattern: /\bissues? #?\d+/gi },
  { what: 'an issue', pattern: /\b(?:the|this|that) (?:[a-z-]+ )?issue\b(?!s)/gi },
  { what: 'a bare section', pattern: /(?<!\b\d{3} )§ ?\d/g },
];

export interface Finding {
  line: number;
  text: string;
  why: string;
}

function eachLine(text: string, visit: (line: string, lineNumber: number) => void): void {
  text.split('\n').forEach((line, i) => visit(line, i + 1));
}

/** Every citation of something outside the repository in `text`, with its 1-based line. */
export function outsideCitations(text: string): Finding[] {
  const found: Finding[] = [];
  eachLine(text, (line, lineNumber) => {
    for (const { what, pattern } of OUTSIDE_CITATIONS) {
      for (const match of line.matchAll(pattern)) {
        found.push({ line: lineNumber, text: match[0], why: `cites ${what}` });
      }
    }
  });
  return found;
}

/** Every rule id cited in `text`, with its 1-based line. */
export function citedRuleIds(text: string): { line: number; id: string }[] {
  const found: { line: number; id: string }[] = [];
  eachLine(text, (line, lineNumber) => {
    for (const match of line.matchAll(RULE_ID)) found.push({ line: lineNumber, id: match[0] });
  });
  return found;
}

export interface RuleDefinitions {
  /** id → the lines (1-based) of docs/rules.md that define it */
  ids: Map<string, number[]>;
  /** a table row that looks like a definition but is not a well-formed one */
  malformed: Finding[];
}

/**
 * The rules defined by docs/rules.md: a table row whose first cell is an id (`| ROUTE-2 | rule | source |`).
 * A row must name its area from RULE_AREAS and fill both the rule and its source.
 */
export function definedRules(markdown: string): RuleDefinitions {
  const ids = new Map<string, number[]>();
  const malformed: Finding[] = [];
  eachLine(markdown, (line, lineNumber) => {
    const row = /^\|\s*([A-Z]+-\d+)\s*\|(.*)\|\s*$/.exec(line);
    if (!row) return;
    const id = row[1];
    const area = id.slice(0, id.lastIndexOf('-'));
    const cells = row[2].split('|').map((cell) => cell.trim());
    if (!(RULE_AREAS as readonly string[]).includes(area)) {
      malformed.push({ line: lineNumber, text: id, why: `area ${area} is not one of RULE_AREAS` });
    }
    if (cells.length < 2 || cells.some((cell) => cell === '')) {
      malformed.push({ line: lineNumber, text: id, why: 'needs the rule and its source' });
    }
    ids.set(id, [...(ids.get(id) ?? []), lineNumber]);
  });
  return { ids, malformed };
}

/** Ids defined more than once, each with every line that defines it. */
export function duplicateDefinitions(definitions: RuleDefinitions): { id: string; lines: number[] }[] {
  return [...definitions.ids].filter(([, lines]) => lines.length > 1).map(([id, lines]) => ({ id, lines }));
}
