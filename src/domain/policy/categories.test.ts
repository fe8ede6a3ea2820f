import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  categoryDisplayName,
  checkCategoryPlacement,
  DEFAULT_CATEGORY_TREE,
  flattenDefaultCategories,
  MAX_CATEGORY_DEPTH,
} from './categories';

describe('default category tree (CLASS-3)', () => {
  const rows = flattenDefaultCategories();

  it('holds the categories of 001 and 002 篇3 内容3, each with a Chinese and an English name', () => {
    const top = DEFAULT_CATEGORY_TREE.map((c) => c.zh);
    expect(top).toEqual([
      '设施报修',
      '物业服务',
      '邻里纠纷',
      '公共秩序',
      '环境',
      '安全',
      '保洁',
      '绿化',
      '休闲与儿童设施',
      '便民服务',
      '市政',
      '特殊需求',
      '社区文化',
      '其他',
    ]);
    const municipal = DEFAULT_CATEGORY_TREE.find((c) => c.code === 'municipal')!;
    expect(municipal.children!.map((c) => c.zh)).toEqual(['供水', '供电', '燃气', '道路', '邮政', '通信']);
    expect(
      DEFAULT_CATEGORY_TREE.find((c) => c.code === 'property_service')!.children!.map((c) => c.zh),
    ).toEqual(['服务态度', '服务时效']);
    for (const r of rows) expect(r.name).toMatch(/[\u4e00-\u9fff]/);
  });

  it('codes are unique, children are prefixed by their parent, parents come first', () => {
    const codes = rows.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [i, r] of rows.entries()) {
      if (!r.parentCode) continue;
      expect(r.code.startsWith(`${r.parentCode}.`)).toBe(true);
      expect(codes.indexOf(r.parentCode)).toBeLessThan(i);
    }
  });

  it('shows the English name in en-US only while the company has not renamed the category', () => {
    expect(categoryDisplayName({ code: 'facility_repair.lift', name: '电梯' }, 'en-US')).toBe('Lifts');
    expect(categoryDisplayName({ code: 'facility_repair.lift', name: '电梯' }, 'zh-CN')).toBe('电梯');
    expect(categoryDisplayName({ code: 'facility_repair.lift', name: '电梯困人' }, 'en-US')).toBe('电梯困人');
    expect(categoryDisplayName({ code: null, name: '装修管理' }, 'en-US')).toBe('装修管理');
  });
});

describe('category tree rules', () => {
  // a → b → c, d alone
  const parentOf = new Map<string, string | null>([
    ['a', null],
    ['b', 'a'],
    ['c', 'b'],
    ['d', null],
  ]);

  it('lists ancestors nearest first and survives a corrupt cycle', () => {
    expect(ancestorsOf('c', parentOf)).toEqual(['b', 'a']);
    expect(ancestorsOf('a', parentOf)).toEqual([]);
    const loop = new Map<string, string | null>([
      ['x', 'y'],
      ['y', 'x'],
    ]);
    expect(ancestorsOf('x', loop)).toEqual(['y']);
  });

  it('refuses to move a category under itself or its descendants', () => {
    expect(checkCategoryPlacement('a', 'a', parentOf)).toBe('cycle');
    expect(checkCategoryPlacement('a', 'c', parentOf)).toBe('cycle');
    expect(checkCategoryPlacement('b', 'd', parentOf)).toBeNull();
  });

  it(`keeps the tree at most ${MAX_CATEGORY_DEPTH} levels deep, counting the moved subtree`, () => {
    expect(checkCategoryPlacement(null, 'b', parentOf)).toBeNull(); // new leaf at level 3
    expect(checkCategoryPlacement(null, 'c', parentOf)).toBe('too_deep'); // level 4
    expect(checkCategoryPlacement('b', 'd', parentOf)).toBeNull(); // d → b → c: 3 levels
    const deeper = new Map(parentOf).set('e', 'd');
    expect(checkCategoryPlacement('b', 'e', deeper)).toBe('too_deep'); // d → e → b → c
    expect(checkCategoryPlacement('d', null, parentOf)).toBeNull();
  });
});
