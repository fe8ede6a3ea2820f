/**
 * drizzle's node-postgres driver hands timestamps of raw `execute` results back as text
 * ("2026-11-24 02:00:00.123+00"); this turns them into Dates, once, where rows are read.
 */
export function toDate(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  return new Date(
    String(v)
      .replace(' ', 'T')
      .replace(/([+-]\d\d)$/, '$1:00'),
  );
}
