/**
 * A company's policy settings (the rules marked "policy" in docs/rules.md): the clock table by kind, severity and category, and the
 * case-number prefixes. The shapes mirror ClockPolicy of src/domain/policy/policy.ts.
 */
import { z } from 'zod';
import { DURATION_UNITS } from '../domain/clock/deadlines';
import { CASE_KINDS, CLOCK_NAMES, SEVERITIES } from '../domain/policy/defaults';
import { prefixesDistinct } from '../domain/policy/policy';

/** Largest amount per unit: a year, whatever the unit. */
const MAX_AMOUNT = { minutes: 525_600, hours: 8_784, calendar_days: 366, working_days: 250, same_day: 0 };

/**
 * `minutes` and `hours`: at least 1; `calendar_days` and `working_days`: 0 (end of the day) or more;
 * `same_day`: 0 (the amount means nothing).
 */
export const ClockDuration = z
  .object({
    amount: z.number().int('field.not_integer').min(0),
    unit: z.enum(DURATION_UNITS as [(typeof DURATION_UNITS)[number], ...(typeof DURATION_UNITS)[number][]]),
  })
  .refine(
    (d) =>
      d.amount <= MAX_AMOUNT[d.unit] && (d.unit === 'minutes' || d.unit === 'hours' ? d.amount >= 1 : true),
    { message: 'field.duration_amount', path: ['amount'] },
  );
export type ClockDuration = z.infer<typeof ClockDuration>;

const keyed = <K extends string, T extends z.ZodType>(keys: readonly K[], value: T) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, value.optional()])) as Record<K, z.ZodOptional<T>>);

/** Per clock: a duration, `null` (the clock does not run), or absent (the next level decides). */
export const ClockRules = keyed(CLOCK_NAMES, ClockDuration.nullable());
export type ClockRules = z.infer<typeof ClockRules>;

/** Precedence: category > severity > kind > company default > built-in default (policy.ts). */
export const ClockPolicy = z.strictObject({
  defaults: ClockRules.optional(),
  byKind: keyed(CASE_KINDS, ClockRules).optional(),
  bySeverity: keyed(SEVERITIES, ClockRules).optional(),
  /** keyed by category id; a rule on a parent category covers its subcategories */
  byCategory: z
    .record(z.uuid(), ClockRules)
    .refine((r) => Object.keys(r).length <= 500, 'field.too_many')
    .optional(),
});
export type ClockPolicy = z.infer<typeof ClockPolicy>;

/** 1–4 capital letters: `TS-2026-000123` (INTAKE-8). */
export const NumberPrefix = z.string().regex(/^[A-Z]{1,4}$/, 'field.number_prefix');

/** The company's prefixes as stored (read back even if saved before the check below counted built-in ones). */
const StoredNumberPrefixes = keyed(CASE_KINDS, NumberPrefix);
/** Each kind's own prefix, the built-in ones of the kinds left at the default included (INTAKE-8). */
export const NumberPrefixes = StoredNumberPrefixes.refine(
  (p) => prefixesDistinct(p),
  'field.number_prefix_duplicate',
);
export type NumberPrefixes = z.infer<typeof NumberPrefixes>;

/**
 * Kinds answered on the spot that need no callback (INTAKE-11): the case closes at intake. A complaint is always
 * called back, so the list refuses it.
 */
export const CallbackExemptKinds = z
  .array(z.enum(CASE_KINDS))
  .max(CASE_KINDS.length)
  .refine((kinds) => !kinds.includes('complaint'), 'field.complaint_needs_callback');

export const Policy = z.object({
  clockPolicy: ClockPolicy,
  numberPrefixes: StoredNumberPrefixes,
  /** the company's list, or the default (inquiry, praise) */
  callbackExemptKinds: z.array(z.enum(CASE_KINDS)),
  version: z.number().int(),
  /** what applies where the company has no rule: the built-in clock table (CLOCK-1) and INTAKE-8 prefixes */
  defaults: z.object({
    clocks: z.record(z.string(), ClockDuration.nullable()),
    numberPrefixes: z.record(z.string(), z.string()),
    callbackExemptKinds: z.array(z.enum(CASE_KINDS)),
  }),
});
export type Policy = z.infer<typeof Policy>;

export const UpdatePolicyBody = z.object({
  version: z.number().int().min(1),
  clockPolicy: ClockPolicy,
  numberPrefixes: NumberPrefixes,
  /** absent: unchanged */
  callbackExemptKinds: CallbackExemptKinds.optional(),
});
export type UpdatePolicyBody = z.infer<typeof UpdatePolicyBody>;
