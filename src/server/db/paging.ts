/**
 * Keyset pagination of API-4: an opaque cursor holding the last row's sort key and id, and a total counted up
 * to 10,000 (then capped) so no list pays for an unbounded COUNT.
 *
 * Each list declares the exact shape of its cursor (`defineCursor`): the type of every key element, checked in
 * range when the cursor comes back. A cursor is client input: one that does not decode to exactly that shape is
 * a 400 on `querystring.cursor`, never a query PostgreSQL refuses (`[[1,2], id]` reached the users
 * list as an untyped array parameter and failed with 42P18, a 500).
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { CURSOR_MAX, TOTAL_CAP, type ListResult } from '../../contracts/common';
import { fieldError } from '../../domain/errors';
import type { Tx } from './client';

/** Exactly what Date#toISOString writes for years 0001–9999; PostgreSQL has no year 0. */
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The elements a cursor key is made of. Each is bounded so that a forged value is refused here rather than by
 * PostgreSQL: a date must be a real instant (`2026-02-31` would silently roll over in JS), text holds no NUL
 * (PostgreSQL text cannot), a number is a finite PostgreSQL integer.
 */
export const cursorKey = {
  /** an instant as toISOString writes it; decoded to a Date */
  time: z
    .string()
    .regex(ISO_INSTANT)
    .refine((s) => {
      const at = new Date(s);
      return !Number.isNaN(at.getTime()) && at.toISOString() === s;
    })
    .transform((s) => new Date(s)),
  uuid: z.uuid(),
  text: z
    .string()
    .max(CURSOR_MAX)
    .refine((s) => !s.includes('\u0000')),
  /** a PostgreSQL integer */
  int: z
    .number()
    .int()
    .min(-(2 ** 31))
    .max(2 ** 31 - 1),
};

type KeyElements = readonly [z.ZodType, ...z.ZodType[]];

/** A list's cursor: the key it writes for the next page, and the same key read back and checked. */
export interface Cursor<E extends KeyElements> {
  /** `counted`: the count made for the first page, carried by lists declared `{ counted: true }` */
  encode(key: z.input<z.ZodTuple<E, null>>, counted?: number): string;
  /** null when there is no cursor (the first page); throws validation_failed when it is not this list's shape */
  decode(
    cursor: string | undefined,
  ): { key: z.output<z.ZodTuple<E, null>>; counted: number | undefined } | null;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const COUNT = z
  .number()
  .int()
  .min(0)
  .max(TOTAL_CAP + 1);

const badCursor = () => fieldError({ 'querystring.cursor': 'field.invalid_format' });

/**
 * Declares a list's cursor: the key elements in sort order, ending with the row id. With `counted`, the cursor
 * also carries the count the first page made (up to TOTAL_CAP + 1), so the following pages need not count again.
 */
export function defineCursor<const E extends KeyElements>(
  elements: E,
  opts: { counted?: boolean } = {},
): Cursor<E> {
  const key = z.tuple(elements);
  const length = elements.length + (opts.counted ? 1 : 0);
  return {
    encode(value, counted) {
      if (!!opts.counted !== (counted !== undefined))
        throw new Error(opts.counted ? 'this cursor carries a count' : 'this cursor carries no count');
      const json = counted === undefined ? value : [...(value as unknown[]), counted];
      return Buffer.from(JSON.stringify(json)).toString('base64url');
    },
    decode(cursor) {
      if (!cursor) return null;
      if (cursor.length > CURSOR_MAX || !BASE64URL.test(cursor)) throw badCursor();
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw badCursor();
      }
      if (!Array.isArray(raw) || raw.length !== length) throw badCursor();
      const parsed = key.safeParse(raw.slice(0, elements.length));
      if (!parsed.success) throw badCursor();
      if (!opts.counted) return { key: parsed.data, counted: undefined };
      const counted = COUNT.safeParse(raw[elements.length]);
      if (!counted.success) throw badCursor();
      return { key: parsed.data, counted: counted.data };
    },
  };
}

/** Counts rows of `from` (a FROM … WHERE fragment) up to the cap. */
export async function cappedCount(db: Tx, fromWhere: SQL): Promise<{ total: number; totalCapped: boolean }> {
  const { rows } = await db.execute<{ n: number }>(cappedCountSql(fromWhere));
  const n = rows[0]?.n ?? 0;
  return n > TOTAL_CAP ? { total: TOTAL_CAP, totalCapped: true } : { total: n, totalCapped: false };
}

/** The statement of cappedCount: at most TOTAL_CAP + 1 rows of `fromWhere` are read. */
export function cappedCountSql(fromWhere: SQL): SQL {
  return sql`select count(*)::int as n from (select 1 ${fromWhere} limit ${TOTAL_CAP + 1}) t`;
}

/** Builds the page from `limit + 1` fetched rows; `cursorAfter` encodes the last row's key with the list's cursor. */
export function page<T>(
  rows: T[],
  limit: number,
  cursorAfter: (row: T) => string,
  counted: { total: number; totalCapped: boolean },
): ListResult<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? cursorAfter(items[items.length - 1]) : null, ...counted };
}

/** Escapes LIKE wildcards in a user's search text. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
