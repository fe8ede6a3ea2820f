/**
 * The clock policy page's form and its body (pure: no React). The page edits the company's own defaults of the
 * clock table (CLOCK-1: a duration, or off, or the built-in value), the kinds answered on the spot that need no
 * callback, and the case-number prefixes (INTAKE-8: a kind left blank keeps the built-in prefix); the rules by kind,
 * severity and category go back as they were read.
 */
import type { ClockDuration, ClockRules, Policy, UpdatePolicyBody } from '../../../contracts/policies';
import { CASE_KINDS, CLOCK_NAMES, type CaseKind, type ClockName } from '../../api/types';
import { clashingPrefixKinds as domainClashingPrefixKinds } from '../../../contracts/values/cases';
import type { I18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/zh-CN';

export type DurationUnit = ClockDuration['unit'];

/**
 * The units in the order offered: the keys of a record over the contract's type, so a unit added there and missing
 * here fails to compile (contracts/values does not re-export the domain's list).
 */
const UNIT_KEYS: Record<DurationUnit, UiKey> = {
  minutes: 'clockPolicy.unit.minutes',
  hours: 'clockPolicy.unit.hours',
  calendar_days: 'clockPolicy.unit.calendar_days',
  working_days: 'clockPolicy.unit.working_days',
  same_day: 'clockPolicy.unit.same_day',
};
export const DURATION_UNITS = Object.keys(UNIT_KEYS) as DurationUnit[];
export const unitLabel = (t: I18n['t'], unit: DurationUnit) => t(UNIT_KEYS[unit]);

/**
 * Clocks due at a time given when they start (a corrective action's own date, the appointment agreed at a
 * callback): no duration of the policy applies to them. Mirrors the domain's CLOCKS_DUE_AT_GIVEN_TIME, which
 * contracts/values does not re-export.
 */
export const CLOCKS_DUE_AT_GIVEN_TIME: readonly ClockName[] = ['corrective', 'appointment'];

/**
 * What the page offers when a company turns on a clock that is off by default: the home visit after a complaint
 * within 7 days (the domain's HOME_VISIT_SUGGESTED, not re-exported by contracts/values).
 */
export const SUGGESTED_WHEN_OFF: Partial<Record<ClockName, ClockDuration>> = {
  homeVisit: { amount: 7, unit: 'calendar_days' },
};

/** The clocks whose duration the company sets here. */
export const EDITABLE_CLOCKS = CLOCK_NAMES.filter((name) => !CLOCKS_DUE_AT_GIVEN_TIME.includes(name));

/** `default`: the built-in table applies; `duration`: the company's own; `off`: the clock does not run. */
export type ClockMode = 'default' | 'duration' | 'off';

export interface PolicyForm {
  modes: Partial<Record<ClockName, ClockMode>>;
  /** named like the body, so that the server's field messages (`clockPolicy.defaults.reply.amount`) land here */
  clockPolicy: { defaults: Partial<Record<ClockName, Partial<ClockDuration>>> };
  callbackExemptKinds: CaseKind[];
  /** the company's own prefix per kind; blank: the built-in one (named like the body, for the server's messages) */
  numberPrefixes: Partial<Record<CaseKind, string>>;
}

/** INTAKE-8: 1–4 capital letters, the same pattern as the contract's NumberPrefix (checked again by the server). */
export const PREFIX_PATTERN = /^[A-Z]{1,4}$/;

/** A prefix as typed: trimmed and upper-cased (`ts ` → `TS`); blank stays blank. */
export const normalisePrefix = (v: string | undefined | null) => (v ?? '').trim().toUpperCase();

/**
 * The kinds whose prefix, as it would apply (the company's own, or the built-in one where blank), is shared with
 * another kind (INTAKE-8): the domain's rule, on the prefixes as typed.
 */
export function clashingPrefixKinds(prefixes: PolicyForm['numberPrefixes']): CaseKind[] {
  return domainClashingPrefixKinds(
    Object.fromEntries(CASE_KINDS.map((k) => [k, normalisePrefix(prefixes[k])])) as Record<CaseKind, string>,
  );
}

/** `30分钟`, `2个工作日`, `当天`; `不计时` for a clock that is off. */
export function durationText(t: I18n['t'], d: ClockDuration | null | undefined): string {
  if (!d) return t('clockPolicy.off');
  // 0 days: by the end of the day it starts
  const unit = d.amount === 0 && d.unit !== 'minutes' && d.unit !== 'hours' ? 'same_day' : d.unit;
  return t(`clockPolicy.duration.${unit}`, { n: d.amount });
}

/** What a duration field starts with when the company sets its own: the built-in value, or the suggestion. */
export function startingDuration(p: Policy, name: ClockName): ClockDuration {
  return p.defaults.clocks[name] ?? SUGGESTED_WHEN_OFF[name] ?? { amount: 1, unit: 'hours' };
}

export function toForm(p: Policy): PolicyForm {
  const own = p.clockPolicy.defaults ?? {};
  const modes: PolicyForm['modes'] = {};
  const durations: PolicyForm['clockPolicy']['defaults'] = {};
  for (const name of EDITABLE_CLOCKS) {
    const rule = own[name];
    modes[name] = rule === undefined ? 'default' : rule === null ? 'off' : 'duration';
    durations[name] = rule ?? startingDuration(p, name);
  }
  return {
    modes,
    clockPolicy: { defaults: durations },
    callbackExemptKinds: [...p.callbackExemptKinds],
    numberPrefixes: { ...p.numberPrefixes },
  };
}

const sameKinds = (a: readonly CaseKind[], b: readonly CaseKind[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Form → body. The company defaults hold only the clocks not left to the built-in table; a rule the API may hold
 * for a clock due at a given time is kept. The exempt kinds are sent when they were changed: absent leaves the
 * company on the built-in list (or its own) as it was. The prefixes hold only the kinds given one (upper-cased).
 */
export function toBody(p: Policy, v: PolicyForm): UpdatePolicyBody {
  const defaults: ClockRules = {};
  for (const [name, rule] of Object.entries(p.clockPolicy.defaults ?? {}) as [
    ClockName,
    ClockDuration | null,
  ][])
    if (CLOCKS_DUE_AT_GIVEN_TIME.includes(name)) defaults[name] = rule;
  for (const name of EDITABLE_CLOCKS) {
    const mode = v.modes[name] ?? 'default';
    if (mode === 'off') defaults[name] = null;
    else if (mode === 'duration') {
      const d = v.clockPolicy.defaults[name] ?? {};
      const unit = d.unit ?? 'hours';
      defaults[name] = { unit, amount: unit === 'same_day' ? 0 : (d.amount ?? 0) };
    }
  }
  const { defaults: _read, ...specific } = p.clockPolicy;
  const exempt = v.callbackExemptKinds ?? [];
  const numberPrefixes: UpdatePolicyBody['numberPrefixes'] = {};
  for (const kind of CASE_KINDS) {
    const prefix = normalisePrefix(v.numberPrefixes?.[kind]);
    if (prefix) numberPrefixes[kind] = prefix;
  }
  return {
    version: p.version,
    clockPolicy: { ...specific, ...(Object.keys(defaults).length ? { defaults } : {}) },
    numberPrefixes,
    ...(sameKinds(exempt, p.callbackExemptKinds) ? {} : { callbackExemptKinds: exempt }),
  };
}
