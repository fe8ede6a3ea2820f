/**
 * Case numbers (INTAKE-8 `number`): `<prefix>-<year>-<6+ digits>`, e.g. `TS-2026-000123`. The prefix is per kind
 * (policy.ts `caseNumberPrefix`), the year is that of `receivedAt` in the company's time zone, and the sequence
 * is unique and increasing per company, prefix and year (the server's counter; a rolled-back intake may leave a
 * gap). One number on the register, the work order and the original letter or fax (INTAKE-7).
 */
import { DEFAULT_TIME_ZONE, localDateOf } from '../clock/deadlines';

/** At least this many digits; a 7th appears after case 999999 of a year. */
export const CASE_NUMBER_MIN_DIGITS = 6;

/** What a company may choose as a prefix (the settings contract checks it with this). */
export const CASE_NUMBER_PREFIX_PATTERN = /^[A-Z][A-Z0-9]{0,7}$/;
const NUMBER = /^([A-Z][A-Z0-9]{0,7})-(\d{4})-(\d{6,})$/;

/** The year a case is numbered in: the local year of `receivedAt` in the company's time zone. */
export function caseNumberYear(receivedAt: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  return Number(localDateOf(receivedAt, timeZone).slice(0, 4));
}

/**
 * `formatCaseNumber('TS', 2026, 123)` → `TS-2026-000123`. Throws RangeError on a prefix that is not 1–8 capital
 * letters or digits starting with a letter, a year outside 1000–9999, or a sequence that is not a positive integer.
 */
export function formatCaseNumber(prefix: string, year: number, seq: number): string {
  if (!CASE_NUMBER_PREFIX_PATTERN.test(prefix))
    throw new RangeError(`case-number prefix must be 1–8 capitals/digits, got "${prefix}"`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`bad case-number year ${year}`);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`case-number sequence must be ≥ 1, got ${seq}`);
  return `${prefix}-${year}-${String(seq).padStart(CASE_NUMBER_MIN_DIGITS, '0')}`;
}

/** The parts of a case number, or null when `text` is not one (e.g. for search: a typed number finds its case). */
export function parseCaseNumber(text: string): { prefix: string; year: number; seq: number } | null {
  const match = NUMBER.exec(text.trim().toUpperCase());
  if (!match) return null;
  const seq = Number(match[3]);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return { prefix: match[1], year: Number(match[2]), seq };
}
