import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { flattenDefaultCategories } from '../../domain/policy/categories';
import type { Tx } from '../db/client';
import { categories } from '../db/schema';

export interface CategoryRow {
  id: string;
  parentId: string | null;
  code: string | null;
  name: string;
  sort: number;
  active: boolean;
}

const COLUMNS = {
  id: categories.id,
  parentId: categories.parentId,
  code: categories.code,
  name: categories.name,
  sort: categories.sort,
  active: categories.active,
};

/**
 * Serialises every change of one company's tree (seeding included): two first reads never seed twice, and the
 * depth, cycle and duplicate-name checks see a tree nobody else is changing. Released at commit.
 */
export async function lockCompanyTree(tx: Tx, companyId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`huiyin:categories:${companyId}`}, 0))`,
  );
}

export async function hasCategories(db: Tx, companyId: string): Promise<boolean> {
  const rows = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.companyId, companyId))
    .limit(1);
  return rows.length > 0;
}

/** The default tree (CLASS-3), parents and children in one insert. */
export async function insertDefaultTree(tx: Tx, companyId: string) {
  const idOf = new Map<string, string>();
  const values = flattenDefaultCategories().map((row) => {
    const id = randomUUID();
    idOf.set(row.code, id);
    return {
      id,
      companyId,
      parentId: row.parentCode ? idOf.get(row.parentCode)! : null,
      code: row.code,
      name: row.name,
      sort: row.sort,
    };
  });
  await tx.insert(categories).values(values);
}

export async function listCategories(db: Tx, companyId: string): Promise<CategoryRow[]> {
  return db.select(COLUMNS).from(categories).where(eq(categories.companyId, companyId));
}

export async function getCategory(db: Tx, companyId: string, id: string): Promise<CategoryRow | undefined> {
  const [row] = await db
    .select(COLUMNS)
    .from(categories)
    .where(and(eq(categories.companyId, companyId), eq(categories.id, id)));
  return row;
}

export async function insertCategory(
  tx: Tx,
  companyId: string,
  v: { parentId: string | null; name: string; sort: number },
): Promise<string> {
  const [row] = await tx
    .insert(categories)
    .values({ companyId, ...v })
    .returning({ id: categories.id });
  return row.id;
}

export async function updateCategory(
  tx: Tx,
  companyId: string,
  id: string,
  v: Partial<Pick<CategoryRow, 'parentId' | 'name' | 'sort' | 'active'>>,
) {
  if (Object.keys(v).length === 0) return;
  await tx
    .update(categories)
    .set(v)
    .where(and(eq(categories.companyId, companyId), eq(categories.id, id)));
}

export async function setActive(tx: Tx, companyId: string, ids: readonly string[], active: boolean) {
  if (!ids.length) return;
  await tx
    .update(categories)
    .set({ active })
    .where(and(eq(categories.companyId, companyId), inArray(categories.id, [...ids])));
}

export async function deleteCategories(tx: Tx, companyId: string, ids: readonly string[]) {
  if (!ids.length) return;
  await tx
    .delete(categories)
    .where(and(eq(categories.companyId, companyId), inArray(categories.id, [...ids])));
}

/** Of `ids`, those some case of the company is filed under. */
export async function categoriesUsedByCases(
  tx: Tx,
  companyId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const { rows } = await tx.execute<{ category_id: string }>(
    sql`select distinct category_id from cases where company_id = ${companyId} and category_id in (${list})`,
  );
  return new Set(rows.map((r) => r.category_id));
}
