import { fieldError } from '../../domain/errors';

/** The PostgreSQL error code behind a failed query (Drizzle wraps the driver's error in `cause`). */
export function pgErrorCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } };
  const code = err?.cause?.code ?? err?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs a write whose duplicate was checked before it: two writers racing past the check meet the unique index,
 * and the second gets the same field error the check gives (`fields`, e.g. `{ name: 'rule.duplicate_name' }`).
 */
export async function uniqueAsFieldError<T>(
  work: () => Promise<T>,
  fields: Record<string, string>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw fieldError(fields);
    throw e;
  }
}

/**
 * node-postgres' own errors when the server went away under a query already sent (the backend died with its
 * postmaster, ADR 0013): they carry no SQLSTATE, yet mean the database is unavailable, not that the request is wrong.
 */
const CONNECTION_LOST_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
]);

export function isConnectionLost(e: unknown): boolean {
  const err = e as { message?: unknown; cause?: { message?: unknown } };
  return (
    CONNECTION_LOST_MESSAGES.has(String(err?.message)) ||
    CONNECTION_LOST_MESSAGES.has(String(err?.cause?.message))
  );
}
