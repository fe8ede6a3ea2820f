/** A company's category tree as GET /api/categories answers it (depth-first), for the category page's tests. */
import type { Category } from '../../../contracts/categories';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const cat = (
  n: number,
  parent: number | null,
  name: string,
  depth: number,
  sort: number,
  over: Partial<Category> = {},
): Category => ({
  id: id(n),
  parentId: parent === null ? null : id(parent),
  code: null,
  name,
  displayName: name,
  depth,
  sort,
  active: true,
  ...over,
});

export const CATEGORY_ID = id;

/** 设施报修 (水电, 电梯 → 轿厢), 公共秩序 (停车, off), 绿化 */
export const categoryFixture = (): Category[] => [
  cat(1, null, '设施报修', 1, 10, { code: 'facility_repair' }),
  cat(2, 1, '水电', 2, 10, { code: 'facility_repair.water_electric' }),
  cat(3, 1, '电梯', 2, 20, { code: 'facility_repair.lift' }),
  cat(4, 3, '轿厢', 3, 10),
  cat(5, null, '公共秩序', 1, 20, { code: 'public_order' }),
  cat(6, 5, '停车', 2, 10, { code: 'public_order.parking', active: false }),
  cat(7, null, '绿化', 1, 20),
];
