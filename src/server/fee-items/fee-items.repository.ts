/**
 * Fee items (有偿服务收费标准) in the database: rows to contracts, the ordered and paged list.
 */
import { and, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { fenToYuan, type FeeItem } from '../../contracts/fee-items';
import type { Tx } from '../db/client';
import { cappedCount, cursorKey, defineCursor, likePattern, page } from '../db/paging';
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

/** The list is ordered by (sort, name, id): its cursor holds all three. */
const FEE_ITEM_CURSOR = defineCursor([cursorKey.int, cursorKey.text, cursorKey.uuid]);

export async function listFeeItems(
  db: Tx,
  companyId: string,
  f: { limit: number; cursor?: string; q?: string; active?: boolean },
) {
  const where = and(
    eq(feeItems.companyId, companyId),
    f.q ? ilike(feeItems.name, likePattern(f.q)) : undefined,
    f.active !== undefined ? eq(feeItems.active, f.active) : undefined,
  );
  const after = FEE_ITEM_CURSOR.decode(f.cursor)?.key;
  const keyset: SQL | undefined = after
    ? sql`(${feeItems.sort}, ${feeItems.name}, ${feeItems.id}) > (${after[0]}::int, ${after[1]}::text, ${after[2]}::uuid)`
    : undefined;
  const counted = await cappedCount(db, sql`from ${feeItems} where ${where}`);
  const rows = await db
    .select()
    .from(feeItems)
    .where(and(where, keyset))
    .orderBy(feeItems.sort, feeItems.name, feeItems.id)
    .limit(f.limit + 1);
  return page(rows.map(toFeeItem), f.limit, (i) => FEE_ITEM_CURSOR.encode([i.sort, i.name, i.id]), counted);
}

export async function insertFeeItem(db: Tx, values: typeof feeItems.$inferInsert) {
  const [row] = await db.insert(feeItems).values(values).returning();
  return row;
}

/** The fields given (undefined leaves a column as it is), the version one up. */
export async function updateFeeItem(
  db: Tx,
  id: string,
  patch: Omit<Partial<typeof feeItems.$inferInsert>, 'id' | 'companyId' | 'version' | 'createdAt'>,
) {
  const [row] = await db
    .update(feeItems)
    .set({ ...patch, version: sql`${feeItems.version} + 1` })
    .where(eq(feeItems.id, id))
    .returning();
  return row;
}

export async function deleteFeeItem(db: Tx, id: string) {
  await db.delete(feeItems).where(eq(feeItems.id, id));
}
