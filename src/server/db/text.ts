/**
 * `text` as PostgreSQL stores it when it is sent as a parameter: node-postgres encodes parameters as UTF-8, which
 * turns each lone UTF-16 surrogate into U+FFFD. Text sent inside JSON must be made so first: JSON.stringify
 * writes a lone surrogate as an escape (`\ud800`) and jsonb refuses it, where the same text as a parameter is
 * stored (intake writes its cases through jsonb, intake.repository.ts).
 */
export function asStoredText(text: string): string {
  // ES2024 (Node 20+), not yet in the project's TypeScript lib. toWellFormed replaces each lone surrogate with
  // U+FFFD, as the UTF-8 encoder does; almost all text is well formed and is returned as it is, unscanned again.
  const s = text as string & { isWellFormed(): boolean; toWellFormed(): string };
  return s.isWellFormed() ? text : s.toWellFormed();
}

/** A JSON value with every string in it made as `asStoredText` makes text (timeline data carries typed text too). */
export function asStoredJson<T>(value: T): T {
  if (typeof value === 'string') return asStoredText(value) as T;
  if (Array.isArray(value)) return value.map(asStoredJson) as T;
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asStoredJson(v)])) as T;
  return value;
}
