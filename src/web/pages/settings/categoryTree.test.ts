/**
 * The category page's tree (CLASS-3): nested rows in the API's order, a child only above the third level and under
 * an active category, moves among siblings as the sort values to send, and the parents a category may move under.
 */
import { describe, expect, it } from 'vitest';
import { canAddChild, moveAmongSiblings, parentOptions, siblingPlace, toTreeRows } from './categoryTree';
import { CATEGORY_ID as id, categoryFixture } from './categoryFixture';

const items = categoryFixture();
const byName = (name: string) => items.find((c) => c.name === name)!;

describe('category tree (CLASS-3)', () => {
  it('nests the depth-first list, siblings in the order given, leaves without children', () => {
    const rows = toTreeRows(items);
    expect(rows.map((r) => r.name)).toEqual(['设施报修', '公共秩序', '绿化']);
    expect(rows[0].children?.map((r) => r.name)).toEqual(['水电', '电梯']);
    expect(rows[0].children?.[1].children?.map((r) => r.name)).toEqual(['轿厢']);
    expect(rows[2].children).toBeUndefined();
    // a filtered list whose parent is missing keeps the child at the top, not lost
    expect(toTreeRows(items.filter((c) => c.name !== '设施报修')).map((r) => r.name)).toEqual([
      '水电',
      '电梯',
      '公共秩序',
      '绿化',
    ]);
  });

  it.each([
    ['设施报修', true],
    ['电梯', true],
    // the third level is the deepest
    ['轿厢', false],
    // switched off: a new child would be refused (category_parent_inactive)
    ['停车', false],
  ])('CLASS-3: a child may be added under %s: %s', (name, may) => {
    expect(canAddChild(byName(name))).toBe(may);
  });

  it.each([
    {
      name: '电梯',
      step: -1,
      sends: [
        { id: id(3), sort: 10 },
        { id: id(2), sort: 20 },
      ],
    },
    {
      name: '水电',
      step: 1,
      sends: [
        { id: id(3), sort: 10 },
        { id: id(2), sort: 20 },
      ],
    },
    // at either end nothing moves
    { name: '水电', step: -1, sends: [] },
    { name: '电梯', step: 1, sends: [] },
    // 公共秩序 and 绿化 share sort 20: numbered 10, 20, 30 in the new order, only the changed one is sent
    { name: '绿化', step: -1, sends: [{ id: id(5), sort: 30 }] },
  ] as const)('moves $name by $step among its siblings', ({ name, step, sends }) => {
    expect(moveAmongSiblings(items, byName(name).id, step)).toEqual(sends);
  });

  it('knows the first and last of each set of siblings', () => {
    expect(siblingPlace(items, byName('水电'))).toEqual({ first: true, last: false });
    expect(siblingPlace(items, byName('轿厢'))).toEqual({ first: true, last: true });
    expect(siblingPlace(items, byName('绿化'))).toEqual({ first: false, last: true });
  });

  it('offers as parents neither the category nor its subtree, nor one too deep to take it', () => {
    const names = (self: string | null) =>
      parentOptions(items, self ? byName(self) : null).map((c) => c.name);
    // a new category: any level but the third
    expect(names(null)).toEqual(['设施报修', '水电', '电梯', '公共秩序', '停车', '绿化']);
    // 电梯 has a child: under a second-level category the child would be a fourth level
    expect(names('电梯')).toEqual(['设施报修', '公共秩序', '绿化']);
    expect(names('轿厢')).toEqual(['设施报修', '水电', '电梯', '公共秩序', '停车', '绿化']);
    expect(names('设施报修')).toEqual([]);
  });
});
