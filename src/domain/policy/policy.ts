/**
 * A company's clock policy: changes to the default clock table (CLOCK-1, policy) per case kind,
 * severity and category, and the case-number prefixes.
 *
 * Precedence, most specific first: **category > severity > kind > company default > built-in default**.
 * - category first: a company that sets "lift entrapment (电梯困人): resolve in 2 hours" means it for every
 *   case in that category, whatever its kind or severity; within the category tree the nearest category with a
 *   rule wins (the case's own category, then its parent, …);
 * - severity before kind: an emergency repair must not inherit the slower limit the company set for repairs;
 * - kind before the company-wide default: e.g. suggestions get a longer `resolve` than complaints;
 * - the company default replaces the built-in table of defaults.ts.
 *
 * A rule may set a clock to `null`: the clock does not run for matching cases (e.g. no `resolve` clock for
 * praise). `undefined` (absent) means "no rule at this level", and the next level decides.
 */
import type { ClockDuration } from '../clock/deadlines';
import {
  CASE_KINDS,
  DEFAULT_CASE_NUMBER_PREFIXES,
  DEFAULT_CLOCK_DURATIONS,
  type CaseKind,
  type ClockName,
  type Severity,
} from './defaults';

/** Per-clock rules of one level; `null` = the clock does not run, absent = ask the next level. */
export type ClockRules = Partial<Record<ClockName, ClockDuration | null>>;

export interface ClockPolicy {
  /** company-wide changes to the built-in table */
  defaults?: ClockRules;
  byKind?: Partial<Record<CaseKind, ClockRules>>;
  bySeverity?: Partial<Record<Severity, ClockRules>>;
  /** keyed by category id */
  byCategory?: Readonly<Record<string, ClockRules>>;
}

export interface CaseClockFacts {
  kind: CaseKind;
  severity: Severity;
  categoryId?: string | null;
  /** the category's ancestors, nearest first (parent, grandparent, …), so a rule on a parent covers its children */
  categoryAncestorIds?: readonly string[];
}

export type ClockRuleSource = 'category' | 'severity' | 'kind' | 'company' | 'builtin';

export interface ResolvedClockRule {
  /** null: the clock has no duration (it does not run, or — `corrective` — its due date is set by hand) */
  duration: ClockDuration | null;
  source: ClockRuleSource;
  /** the category whose rule applied, when `source` is `category` */
  categoryId?: string;
}

function ruleOf(rules: ClockRules | undefined, clock: ClockName): ClockDuration | null | undefined {
  if (!rules || !Object.prototype.hasOwnProperty.call(rules, clock)) return undefined;
  return rules[clock];
}

/** The rule that applies to `clock` for a case, and where it came from (for the settings screen). */
export function resolveClockRule(
  policy: ClockPolicy,
  clock: ClockName,
  facts: CaseClockFacts,
): ResolvedClockRule {
  const categories = [...(facts.categoryId ? [facts.categoryId] : []), ...(facts.categoryAncestorIds ?? [])];
  for (const categoryId of categories) {
    const rule = ruleOf(policy.byCategory?.[categoryId], clock);
    if (rule !== undefined) return { duration: rule, source: 'category', categoryId };
  }
  const bySeverity = ruleOf(policy.bySeverity?.[facts.severity], clock);
  if (bySeverity !== undefined) return { duration: bySeverity, source: 'severity' };
  const byKind = ruleOf(policy.byKind?.[facts.kind], clock);
  if (byKind !== undefined) return { duration: byKind, source: 'kind' };
  const company = ruleOf(policy.defaults, clock);
  if (company !== undefined) return { duration: company, source: 'company' };
  const builtin = DEFAULT_CLOCK_DURATIONS[clock];
  return { duration: builtin ? { ...builtin } : null, source: 'builtin' };
}

/**
 * The duration of `clock` for a case: category > severity > kind > company default > built-in default.
 * null when the clock has no duration for this case.
 */
export function resolveClockDuration(
  policy: ClockPolicy,
  clock: ClockName,
  facts: CaseClockFacts,
): ClockDuration | null {
  return resolveClockRule(policy, clock, facts).duration;
}

/** The case-number prefix for a kind: the company's own, else the INTAKE-8 default (TS, BX, ZX, JY, BY, QT). */
export function caseNumberPrefix(kind: CaseKind, prefixes: Partial<Record<CaseKind, string>> = {}): string {
  return prefixes[kind] ?? DEFAULT_CASE_NUMBER_PREFIXES[kind];
}

/**
 * The kinds that would number with the same prefix as another kind (INTAKE-8), the built-in ones counted for the
 * kinds the company leaves at the default: a repair set to TS while complaints keep the built-in TS numbers two
 * kinds alike. Blank prefixes are left at the default.
 */
export function clashingPrefixKinds(prefixes: Partial<Record<CaseKind, string>> = {}): CaseKind[] {
  const applied = CASE_KINDS.map((k) => [k, prefixes[k] || DEFAULT_CASE_NUMBER_PREFIXES[k]] as const);
  return applied.filter(([k, v]) => applied.some(([o, w]) => o !== k && w === v)).map(([k]) => k);
}

/** Whether every kind numbers with a prefix of its own (INTAKE-8). */
export function prefixesDistinct(prefixes: Partial<Record<CaseKind, string>> = {}): boolean {
  return clashingPrefixKinds(prefixes).length === 0;
}
