/**
 * The category settings page's tree (CLASS-3), pure: the API's depth-first list as nested rows for antd's tree
 * table, what each row may do, and a move up or down among siblings as the `sort` values to send.
 */
import type { Category } from '../../api/types';
import { MAX_CATEGORY_DEPTH } from '../../../contracts/values/categories';

export interface CategoryRow extends Category {
  /** absent for a leaf, so antd shows no expander */
  children?: CategoryRow[];
}

/** The API's list (each parent followed by its children) as nested rows; siblings keep the API's order. */
export function toTreeRows(items: readonly Category[]): CategoryRow[] {
  const rows = new Map<string, CategoryRow>(items.map((c) => [c.id, { ...c }]));
  const top: CategoryRow[] = [];
  for (const c of items) {
    const row = rows.get(c.id)!;
    const parent = c.parentId ? rows.get(c.parentId) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else top.push(row);
  }
  return top;
}

/** A child may be added under an active category above the deepest level (at most three levels). */
export const canAddChild = (c: Category) => c.active && c.depth < MAX_CATEGORY_DEPTH;

/**
 * Moves a category one place up (-1) or down (+1) among its siblings: the siblings numbered 10, 20, 30 … in their
 * new order, and only the changes returned (none at either end). Numbering them all also settles siblings that
 * shared a sort value, which a swap of two values would leave in place.
 */
export function moveAmongSiblings(
  items: readonly Category[],
  id: string,
  step: -1 | 1,
): { id: string; sort: number }[] {
  const self = items.find((c) => c.id === id);
  if (!self) return [];
  const siblings = items.filter((c) => c.parentId === self.parentId);
  const at = siblings.findIndex((c) => c.id === id);
  const to = at + step;
  if (to < 0 || to >= siblings.length) return [];
  const order = [...siblings];
  [order[at], order[to]] = [order[to], order[at]];
  return order
    .map((c, i) => ({ id: c.id, sort: (i + 1) * 10, was: c.sort }))
    .filter((c) => c.sort !== c.was)
    .map(({ id: cid, sort }) => ({ id: cid, sort }));
}

/** Where a category sits among its siblings: whether it can move up, and down. */
export function siblingPlace(items: readonly Category[], c: Category): { first: boolean; last: boolean } {
  const siblings = items.filter((s) => s.parentId === c.parentId);
  return { first: siblings[0]?.id === c.id, last: siblings[siblings.length - 1]?.id === c.id };
}

/** The categories a category may be moved under: not itself or its own subtree, not at the deepest level. */
export function parentOptions(items: readonly Category[], self: Category | null): Category[] {
  const excluded = new Set<string>(self ? [self.id] : []);
  if (self) for (const c of items) if (c.parentId && excluded.has(c.parentId)) excluded.add(c.id);
  // the subtree's own height: a parent at depth d takes a subtree reaching d + height
  const height = self ? subtreeHeight(items, self.id) : 1;
  return items.filter((c) => !excluded.has(c.id) && c.depth + height <= MAX_CATEGORY_DEPTH);
}

function subtreeHeight(items: readonly Category[], id: string): number {
  const kids = items.filter((c) => c.parentId === id);
  return 1 + Math.max(0, ...kids.map((k) => subtreeHeight(items, k.id)));
}
