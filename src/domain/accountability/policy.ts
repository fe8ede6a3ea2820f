/**
 * The accountability and recurring-problem policy of a company (LEDGER-1, 004 第十三条, 000 §9). Every value is
 * a default the company may change (LEDGER-1 marks the amounts policy); a company stores only what it changed.
 */
import { CASE_KINDS, type CaseKind } from '../policy/defaults';

export interface AccountabilityPolicy {
  /**
   * yuan taken from a first responder's monthly performance pay per confirmed violation — 004 第十三条 (1):
   * "扣罰責任人當月績效工資50元以上"
   */
  firstResponderAmount: number;
  /**
   * yuan taken from a department's monthly performance pay per confirmed violation — 004 第十三条 (2):
   * "扣罰部門當月績效工資100元以上"
   */
  departmentAmount: number;
  /** calendar days: cases received within this many days before detection can form a recurring problem (ours) */
  problemWindowDays: number;
  /** at least this many cases make a recurring problem (ours) */
  problemMinCases: number;
  /**
   * 0–1: two descriptions are "near-identical" when the Jaccard index of their jieba token sets reaches this
   * (ours; 0.6 keeps "卫生间漏水严重，楼下天花板渗水" and "卫生间漏水，楼下天花板渗水严重" together and unrelated
   * repairs apart)
   */
  similarityThreshold: number;
  /** the case kinds recurring-problem detection looks at (ours: complaints and repairs) */
  problemKinds: readonly CaseKind[];
}

export const DEFAULT_ACCOUNTABILITY_POLICY: Readonly<AccountabilityPolicy> = Object.freeze({
  firstResponderAmount: 50,
  departmentAmount: 100,
  problemWindowDays: 30,
  problemMinCases: 3,
  similarityThreshold: 0.6,
  problemKinds: Object.freeze(['complaint', 'repair'] as CaseKind[]),
});

/** Limits a stored value must respect; anything else falls back to the default. */
const LIMITS = {
  firstResponderAmount: [0, 100_000],
  departmentAmount: [0, 100_000],
  problemWindowDays: [1, 366],
  problemMinCases: [2, 1000],
  similarityThreshold: [0.1, 1],
} as const;

/**
 * The policy in force: the company's stored values where they are valid, the defaults elsewhere. Unknown keys
 * (other report settings share the same stored object) are ignored.
 */
export function resolveAccountabilityPolicy(stored: unknown): AccountabilityPolicy {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const num = (key: keyof typeof LIMITS, integer: boolean): number => {
    const v = s[key];
    const [min, max] = LIMITS[key];
    if (
      typeof v === 'number' &&
      Number.isFinite(v) &&
      v >= min &&
      v <= max &&
      (!integer || Number.isInteger(v))
    )
      return v;
    return DEFAULT_ACCOUNTABILITY_POLICY[key];
  };
  const kinds = Array.isArray(s.problemKinds)
    ? (s.problemKinds as unknown[]).filter((k): k is CaseKind => CASE_KINDS.includes(k as CaseKind))
    : [];
  return {
    firstResponderAmount: num('firstResponderAmount', true),
    departmentAmount: num('departmentAmount', true),
    problemWindowDays: num('problemWindowDays', true),
    problemMinCases: num('problemMinCases', true),
    similarityThreshold: num('similarityThreshold', false),
    problemKinds: kinds.length ? [...new Set(kinds)] : DEFAULT_ACCOUNTABILITY_POLICY.problemKinds,
  };
}
