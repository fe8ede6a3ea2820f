/**
 * The company's report policy (LEDGER-1, 004 第十三条; PROBLEM-1, 000 §9; REPORT-3; all policy): the amounts of the duty ledger, the
 * recurring-problem window, threshold and kinds, and the smallest group the public monthly summary names. Every
 * value is a default a company may change; the company stores only what it changed (absent = the default). The
 * limits are those src/domain/accountability/policy.ts and the monthly summary accept when they read the stored
 * values (src/server/report-policy/report-policy.test.ts puts every bound through both).
 */
import { z } from 'zod';
import { CASE_KINDS } from '../domain/policy/defaults';

const IsoTime = z.iso.datetime({ offset: true });
const int = (min: number, max: number) => z.number().int('field.not_integer').min(min).max(max);

const FIELDS = {
  /** yuan per confirmed violation of a first responder (004 第十三条 (1): "50元以上") */
  firstResponderAmount: int(0, 100_000),
  /** yuan per confirmed violation of a department (004 第十三条 (2): "100元以上") */
  departmentAmount: int(0, 100_000),
  /** calendar days of cases a recurring problem is detected over */
  problemWindowDays: int(1, 366),
  /** at least this many cases make a recurring problem */
  problemMinCases: int(2, 1000),
  /** Jaccard index of two descriptions' word sets at which they count as near-identical */
  similarityThreshold: z.number().min(0.1).max(1),
  /** the case kinds detection looks at (duplicates are ignored) */
  problemKinds: z.array(z.enum(CASE_KINDS)).min(1).max(CASE_KINDS.length),
  /** a category or community with fewer cases is merged into 「其他」 in the public summary */
  publicMinGroupSize: int(1, 100),
};

/** What a company set; a missing field takes the default. */
export const ReportPolicyValues = z.strictObject({
  firstResponderAmount: FIELDS.firstResponderAmount.optional(),
  departmentAmount: FIELDS.departmentAmount.optional(),
  problemWindowDays: FIELDS.problemWindowDays.optional(),
  problemMinCases: FIELDS.problemMinCases.optional(),
  similarityThreshold: FIELDS.similarityThreshold.optional(),
  problemKinds: FIELDS.problemKinds.optional(),
  publicMinGroupSize: FIELDS.publicMinGroupSize.optional(),
});
export type ReportPolicyValues = z.infer<typeof ReportPolicyValues>;

/** Every value, filled in. */
export const ReportPolicySettings = z.object(FIELDS);
export type ReportPolicySettings = z.infer<typeof ReportPolicySettings>;

export const REPORT_POLICY_FIELDS = Object.keys(FIELDS) as (keyof ReportPolicySettings)[];

export const ReportPolicy = z.object({
  /** what the company set (only valid stored values) */
  values: ReportPolicyValues,
  /** what applies: the company's values, the defaults elsewhere */
  effective: ReportPolicySettings,
  /** the built-in defaults, shown beside the company's values */
  defaults: ReportPolicySettings,
  version: z.number().int(),
  /** the last change: when and by whom (null: never changed) */
  updatedAt: IsoTime.nullable(),
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type ReportPolicy = z.infer<typeof ReportPolicy>;

/** Replaces the company's values: a field left out goes back to its default. */
export const UpdateReportPolicyBody = z.object({
  version: z.number().int().min(1),
  values: ReportPolicyValues,
});
export type UpdateReportPolicyBody = z.infer<typeof UpdateReportPolicyBody>;
