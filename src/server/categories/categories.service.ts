/**
 * Case categories (CLASS-3): the company's tree, seeded with the default tree on first use. Every change
 * runs under the company's tree lock (categories.repository.ts), so concurrent first reads seed once and the
 * tree rules are checked against a tree nobody else is changing.
 */
import { ancestorsOf, categoryDisplayName, checkCategoryPlacement } from '../../domain/policy/categories';
import { fieldError, notFound, ruleViolation } from '../../domain/errors';
import type {
  Category,
  CategoryListQuery,
  CategoryTree,
  CreateCategoryBody,
  DeleteCategoryResult,
  UpdateCategoryBody,
} from '../../contracts/categories';
import type { Locale } from '../../contracts/messages';
import type { AppDeps } from '../platform/deps';
import type { Db, Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as repo from './categories.repository';
import type { CategoryRow } from './categories.repository';

/** Seeds the default tree for a company that has no category yet (inside the caller's transaction). */
async function seedIfEmpty(tx: Tx, companyId: string) {
  await repo.lockCompanyTree(tx, companyId);
  if (!(await repo.hasCategories(tx, companyId))) await repo.insertDefaultTree(tx, companyId);
}

/** Makes sure the company has its tree; cheap when it does (one indexed read, no transaction). */
export async function ensureCategories(db: Db, companyId: string) {
  if (await repo.hasCategories(db, companyId)) return;
  await db.transaction((tx) => seedIfEmpty(tx, companyId));
}

const parentMap = (rows: readonly CategoryRow[]) => new Map(rows.map((r) => [r.id, r.parentId]));

/** Depth-first order: each parent followed by its children; siblings by sort, then name, then id. */
export function orderTree(rows: readonly CategoryRow[], locale: Locale): Category[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, CategoryRow[]>();
  for (const r of rows) {
    // A parent that vanished (never through this API) leaves its children at the top, not lost.
    const key = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const bySiblingOrder = (a: CategoryRow, b: CategoryRow) =>
    a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id);
  const out: Category[] = [];
  const seen = new Set<string>();
  const walk = (parentId: string | null, depth: number) => {
    for (const r of [...(children.get(parentId) ?? [])].sort(bySiblingOrder)) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ ...r, displayName: categoryDisplayName(r, locale), depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 1);
  return out;
}

function subtreeOf(id: string, rows: readonly CategoryRow[]): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const r of rows) if (r.parentId === out[i]) out.push(r.id);
  return out;
}

function assertUniqueAmongSiblings(
  rows: readonly CategoryRow[],
  parentId: string | null,
  name: string,
  selfId?: string,
) {
  const clash = rows.some(
    (r) => r.parentId === parentId && r.id !== selfId && r.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash) throw ruleViolation('duplicate_name');
}

function assertPlacement(id: string | null, parentId: string | null, rows: readonly CategoryRow[]) {
  const problem = checkCategoryPlacement(id, parentId, parentMap(rows));
  if (problem === 'cycle') throw ruleViolation('category_cycle');
  if (problem === 'too_deep') throw ruleViolation('category_too_deep');
}

/** What the case service needs to file a case: the category and its ancestors (for policy by category). */
export interface CategoryForCase {
  id: string;
  code: string | null;
  name: string;
  active: boolean;
  /** nearest first: parent, grandparent … (ClockPolicy `categoryAncestorIds`) */
  ancestorIds: string[];
}

/** A category of the company with its ancestors, or null when it does not exist in this company. */
export async function findCategory(
  db: Tx,
  companyId: string,
  categoryId: string,
): Promise<CategoryForCase | null> {
  const rows = await repo.listCategories(db, companyId);
  const row = rows.find((r) => r.id === categoryId);
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    active: row.active,
    ancestorIds: ancestorsOf(row.id, parentMap(rows)),
  };
}

export function categoriesService({ db }: AppDeps) {
  const reply = async (tx: Tx, companyId: string, id: string, locale: Locale) => {
    const item = orderTree(await repo.listCategories(tx, companyId), locale).find((c) => c.id === id);
    if (!item) throw notFound();
    return item;
  };

  return {
    async tree(actor: RequestActor, locale: Locale, query: CategoryListQuery): Promise<CategoryTree> {
      await ensureCategories(db, actor.companyId);
      const items = orderTree(await repo.listCategories(db, actor.companyId), locale);
      return { items: query.active === 'true' ? items.filter((c) => c.active) : items };
    },

    create(actor: RequestActor, locale: Locale, body: CreateCategoryBody): Promise<Category> {
      return db.transaction(async (tx) => {
        await seedIfEmpty(tx, actor.companyId);
        const rows = await repo.listCategories(tx, actor.companyId);
        const parentId = body.parentId ?? null;
        const parent = parentId ? rows.find((r) => r.id === parentId) : null;
        if (parentId && !parent) throw fieldError({ parentId: 'not_found' });
        if (parent && !parent.active) throw ruleViolation('category_parent_inactive');
        assertPlacement(null, parentId, rows);
        assertUniqueAmongSiblings(rows, parentId, body.name);
        const siblings = rows.filter((r) => r.parentId === parentId);
        const sort = body.sort ?? Math.max(0, ...siblings.map((r) => r.sort)) + 10;
        const id = await repo.insertCategory(tx, actor.companyId, { parentId, name: body.name, sort });
        return reply(tx, actor.companyId, id, locale);
      });
    },

    update(actor: RequestActor, locale: Locale, id: string, body: UpdateCategoryBody): Promise<Category> {
      return db.transaction(async (tx) => {
        await repo.lockCompanyTree(tx, actor.companyId);
        const rows = await repo.listCategories(tx, actor.companyId);
        const current = rows.find((r) => r.id === id);
        if (!current) throw notFound();
        const parentId = body.parentId === undefined ? current.parentId : body.parentId;
        const parent = parentId ? rows.find((r) => r.id === parentId) : null;
        if (parentId && !parent) throw fieldError({ parentId: 'not_found' });
        if (parentId !== current.parentId) assertPlacement(id, parentId, rows);
        const active = body.active ?? current.active;
        if (active && parent && !parent.active) throw ruleViolation('category_parent_inactive');
        const name = body.name ?? current.name;
        if (name !== current.name || parentId !== current.parentId)
          assertUniqueAmongSiblings(rows, parentId, name, id);
        await repo.updateCategory(tx, actor.companyId, id, {
          ...(body.name !== undefined ? { name } : {}),
          ...(body.parentId !== undefined ? { parentId } : {}),
          ...(body.sort !== undefined ? { sort: body.sort } : {}),
        });
        // Switching a category off (or on again) applies to its subcategories: an inactive parent with
        // active children would still offer them at intake.
        if (body.active !== undefined && body.active !== current.active)
          await repo.setActive(tx, actor.companyId, subtreeOf(id, rows), body.active);
        return reply(tx, actor.companyId, id, locale);
      });
    },

    /**
     * Removes the category and its subcategories. Those a case is filed under stay (deactivated), so old cases
     * keep their category; so do default categories, which can be switched on again and are never re-seeded.
     */
    remove(actor: RequestActor, id: string): Promise<DeleteCategoryResult> {
      return db.transaction(async (tx) => {
        await repo.lockCompanyTree(tx, actor.companyId);
        const rows = await repo.listCategories(tx, actor.companyId);
        if (!rows.some((r) => r.id === id)) throw notFound();
        const subtree = subtreeOf(id, rows);
        const used = await repo.categoriesUsedByCases(tx, actor.companyId, subtree);
        const parents = parentMap(rows);
        const keep = new Set<string>();
        for (const nodeId of subtree) {
          const row = rows.find((r) => r.id === nodeId)!;
          if (!used.has(nodeId) && !row.code) continue;
          // A kept category keeps its ancestors inside the subtree, or it would hang from nothing.
          for (const k of [nodeId, ...ancestorsOf(nodeId, parents)]) {
            if (!subtree.includes(k)) break;
            keep.add(k);
          }
        }
        const remove = subtree.filter((x) => !keep.has(x));
        await repo.setActive(tx, actor.companyId, [...keep], false);
        await repo.deleteCategories(tx, actor.companyId, remove);
        return { deleted: remove.length, deactivated: keep.size };
      });
    },
  };
}
