/**
 * Typed errors raised by domain rules and services. Exactly one place (src/server/http/error-handler.ts)
 * maps them to HTTP statuses; messages are looked up by `code`/`messageKey` in the request's language.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'invalid_transition'
  | 'version_conflict'
  | 'rule_violation'
  | 'idempotency_mismatch'
  | 'rate_limited'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** key into the message catalogue (src/contracts/messages.ts); defaults to the code */
    readonly messageKey: string = code,
    readonly params: Record<string, string | number> = {},
    readonly details?: Record<string, unknown>,
    /** dotted field path → message key, for validation errors found after schema parsing */
    readonly fields?: Record<string, string>,
  ) {
    super(messageKey);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'not_found') => new DomainError('not_found', what);
export const forbidden = (messageKey = 'forbidden') => new DomainError('forbidden', messageKey);
export const ruleViolation = (rule: string, params: Record<string, string | number> = {}) =>
  new DomainError('rule_violation', `rule.${rule}`, params, { rule });
export const fieldError = (fields: Record<string, string>) =>
  new DomainError('validation_failed', 'validation_failed', {}, undefined, fields);
export const versionConflict = (currentVersion: number) =>
  new DomainError('version_conflict', 'version_conflict', {}, { currentVersion });
