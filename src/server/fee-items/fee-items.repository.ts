/**
 * Fee items (有偿服务收费标准) in the database: rows to contracts, the ordered and paged list.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { TOTAL_CAP } from '../../contracts/common';
import { fenToYuan, type FeeItem } from '../../contracts/fee-items';
import { DomainError } from '../../domain/errors';
import type { Tx } from '../db/client';
import { cappedCount, decodeCursorWithCount, encodeCursor, likePattern } from '../db/paging';
import { feeItems } from '../db/schema';

export const toFeeItem = (r: typeof feeItems.$inferSelect): FeeItem => ({
  id: r.id,
  name: r.name,
  unit: r.unit,
  priceYuan: fenToYuan(r.priceFen),
  priceFen: r.priceFen,
  note: r.note,
  sort: r.sort,
  active: r.active,
  version: r.version,
});

export async function getFeeItem(db: Tx, companyId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(feeItems)
    .where(and(eq(feeItems.companyId, companyId), eq(feeItems.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function feeItemNameTaken(db: Tx, companyId: string, name: string, exceptId?: string) {
  const { rows } = await db.execute(
    sql`select 1 from fee_items where company_id = ${companyId} and name = ${name}
      ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
  );
  return rows.length > 0;
}

const badCursor = () =>
  new DomainError('validation_failed', 'validation_failed', {}, undefined, {
    'querystring.cursor': 'field.invalid_format',
  });

/**
 * The list is ordered by (sort, name, id); the paging cursor holds one key, so it carries "sort:name" and the
 * count made for the first page (later pages report that total without counting again).
 */
export async function listFeeItems(
  db: Tx,
  companyId: string,
  f: { limit: number; cursor?: string; q?: string; active?: boolean },
) {
  const conds: SQL[] = [sql`f.company_id = ${companyId}`];
  if (f.q) conds.push(sql`f.name ilike ${likePattern(f.q)}`);
  if (f.active !== undefined) conds.push(sql`f.active = ${f.active}`);
  const where = sql.join(conds, sql` and `);
  const cursor = decodeCursorWithCount(f.cursor);
  let after = sql``;
  if (cursor) {
    const m = typeof cursor.key[0] === 'string' ? /^(\d{1,6}):([\s\S]*)$/.exec(cursor.key[0]) : null;
    if (!m) throw badCursor();
    after = sql` and (f.sort, f.name, f.id) > (${Number(m[1])}::int, ${m[2]}::text, ${cursor.key[1]}::uuid)`;
  }
  const counted =
    cursor?.counted !== undefined
      ? cursor.counted > TOTAL_CAP
        ? { total: TOTAL_CAP, totalCapped: true }
        : { total: cursor.counted, totalCapped: false }
      : await cappedCount(db, sql`from fee_items f where ${where}`);
  const { rows } = await db.execute<{
    id: string;
    name: string;
    unit: string;
    price_fen: number;
    note: string | null;
    sort: number;
    active: boolean;
    version: number;
  }>(
    sql`select f.id, f.name, f.unit, f.price_fen, f.note, f.sort, f.active, f.version
      from fee_items f where ${where}${after} order by f.sort, f.name, f.id limit ${f.limit + 1}`,
  );
  const hasMore = rows.length > f.limit;
  const items = (hasMore ? rows.slice(0, f.limit) : rows).map((r): FeeItem => ({
    id: r.id,
    name: r.name,
    unit: r.unit,
    priceYuan: fenToYuan(r.price_fen),
    priceFen: r.price_fen,
    note: r.note,
    sort: r.sort,
    active: r.active,
    version: r.version,
  }));
  const last = items[items.length - 1];
  const firstCount = counted.totalCapped ? TOTAL_CAP + 1 : counted.total;
  return {
    items,
    nextCursor: hasMore ? encodeCursor([`${last.sort}:${last.name}`, last.id], firstCount) : null,
    ...counted,
  };
}
