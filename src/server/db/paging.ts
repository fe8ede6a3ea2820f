/**
 * Keyset pagination of api.md: an opaque cursor holding the last row's sort key and id, and a total counted up
 * to 10,000 (then capped) so no list pays for an unbounded COUNT.
 */
import { sql, type SQL } from 'drizzle-orm';
import { isUuid, TOTAL_CAP, type ListResult } from '../../contracts/common';
import { DomainError } from '../../domain/errors';
import type { Tx } from './client';

export type CursorKey = [string | number | null, string];

/**
 * The cursor of the next page: the last row's sort key and id. A list may also carry the count it made for the
 * first page (`counted`, up to TOTAL_CAP + 1), so the following pages need not count again: their `total` is the
 * one counted when the first page was read.
 */
export function encodeCursor(key: CursorKey, counted?: number): string {
  return Buffer.from(JSON.stringify(counted === undefined ? key : [...key, counted])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  const decoded = decodeCursorWithCount(cursor);
  return decoded && decoded.key;
}

/** The key and, when the cursor carries one, the first page's count. */
export function decodeCursorWithCount(
  cursor: string | undefined,
): { key: CursorKey; counted: number | undefined } | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      (key.length === 2 ||
        (key.length === 3 && Number.isInteger(key[2]) && key[2] >= 0 && key[2] <= TOTAL_CAP + 1)) &&
      typeof key[1] === 'string' &&
      isUuid(key[1])
    )
      return { key: [key[0], key[1]], counted: key[2] };
  } catch {
    // fall through
  }
  throw new DomainError('validation_failed', 'validation_failed', {}, undefined, {
    'querystring.cursor': 'field.invalid_format',
  });
}

/** Counts rows of `from` (a FROM … WHERE fragment) up to the cap. */
export async function cappedCount(db: Tx, fromWhere: SQL): Promise<{ total: number; totalCapped: boolean }> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 ${fromWhere} limit ${TOTAL_CAP + 1}) t`,
  );
  const n = rows[0]?.n ?? 0;
  return n > TOTAL_CAP ? { total: TOTAL_CAP, totalCapped: true } : { total: n, totalCapped: false };
}

/** Builds the page from `limit + 1` fetched rows. */
export function page<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => CursorKey,
  counted: { total: number; totalCapped: boolean },
): ListResult<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? encodeCursor(keyOf(items[items.length - 1])) : null, ...counted };
}

/** Escapes LIKE wildcards in a user's search text. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
