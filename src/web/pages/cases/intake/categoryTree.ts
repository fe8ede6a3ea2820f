import type { Category } from '../../../api/types';

export interface CategoryNode {
  value: string;
  title: string;
  children: CategoryNode[];
}

/** Category tree nodes from the depth-first list of GET /api/categories. */
export function toTree(items: Category[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const c of items) nodes.set(c.id, { value: c.id, title: c.displayName, children: [] });
  for (const c of items) {
    const n = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}
