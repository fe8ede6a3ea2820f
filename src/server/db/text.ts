/**
 * `text` as PostgreSQL stores it when it is sent as a parameter: node-postgres encodes parameters as UTF-8, which
 * turns each lone UTF-16 surrogate into U+FFFD. Text sent inside JSON must be made so first: JSON.stringify
 * writes a lone surrogate as an escape (`\ud800`) and jsonb refuses it, where the same text as a parameter is
 * stored (intake writes its cases through jsonb, intake.repository.ts).
 */
export function asStoredText(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
