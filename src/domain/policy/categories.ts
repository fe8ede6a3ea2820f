/**
 * Case categories (CLASS-3, policy): a tree each company may edit. The default tree below is gathered
 * from 001 and 002 篇3 内容3; a company starts with it and renames, adds or deactivates what it needs.
 *
 * `code` is the stable key of a default category: it survives renames, so reports and policies can refer to
 * "facility_repair.lift" in every company. A company's own categories have no code.
 */

export interface DefaultCategory {
  /** stable key, `parent.child` for children */
  code: string;
  /** the name a company starts with (its staff see it; editable) */
  zh: string;
  /** the English name shown in en-US while the company has not renamed the category */
  en: string;
  children?: readonly DefaultCategory[];
}

/** A category tree is at most this deep (category → subcategory → detail): deeper trees slow intake down. */
export const MAX_CATEGORY_DEPTH = 3;

const leaf = (code: string, zh: string, en: string): DefaultCategory => ({ code, zh, en });

export const DEFAULT_CATEGORY_TREE: readonly DefaultCategory[] = [
  {
    code: 'facility_repair',
    zh: '设施报修',
    en: 'Facility repair',
    children: [
      leaf('facility_repair.water_electric', '水电', 'Water and electricity'),
      leaf('facility_repair.doors_windows', '门窗', 'Doors and windows'),
      leaf('facility_repair.lift', '电梯', 'Lifts'),
      leaf('facility_repair.public_lighting', '公共照明', 'Public lighting'),
    ],
  },
  {
    code: 'property_service',
    zh: '物业服务',
    en: 'Property service',
    children: [
      leaf('property_service.attitude', '服务态度', 'Service attitude'),
      leaf('property_service.timeliness', '服务时效', 'Timeliness'),
    ],
  },
  leaf('neighbour_dispute', '邻里纠纷', 'Neighbour dispute'),
  {
    code: 'public_order',
    zh: '公共秩序',
    en: 'Public order',
    children: [
      leaf('public_order.parking', '停车', 'Parking'),
      leaf('public_order.rubbish', '垃圾', 'Rubbish'),
    ],
  },
  {
    code: 'environment',
    zh: '环境',
    en: 'Environment',
    children: [
      leaf('environment.noise', '噪音', 'Noise'),
      leaf('environment.sanitation', '卫生', 'Sanitation'),
    ],
  },
  leaf('security', '安全', 'Security'),
  leaf('cleaning', '保洁', 'Cleaning'),
  leaf('greening', '绿化', 'Greening'),
  leaf('leisure_facilities', '休闲与儿童设施', "Leisure and children's facilities"),
  leaf('convenience_services', '便民服务', 'Convenience services'),
  {
    code: 'municipal',
    zh: '市政',
    en: 'Municipal',
    children: [
      leaf('municipal.water', '供水', 'Water supply'),
      leaf('municipal.power', '供电', 'Power supply'),
      leaf('municipal.gas', '燃气', 'Gas'),
      leaf('municipal.roads', '道路', 'Roads'),
      leaf('municipal.post', '邮政', 'Post'),
      leaf('municipal.telecom', '通信', 'Telecommunications'),
    ],
  },
  leaf('special_needs', '特殊需求', 'Special needs'),
  leaf('community_culture', '社区文化', 'Community culture'),
  leaf('other', '其他', 'Other'),
];

/** One default category flattened for insertion: parents come before their children. */
export interface DefaultCategoryRow {
  code: string;
  parentCode: string | null;
  name: string;
  /** position among its siblings, from 10 in steps of 10 so a company can slot its own in between */
  sort: number;
}

export function flattenDefaultCategories(
  tree: readonly DefaultCategory[] = DEFAULT_CATEGORY_TREE,
): DefaultCategoryRow[] {
  const rows: DefaultCategoryRow[] = [];
  const walk = (nodes: readonly DefaultCategory[], parentCode: string | null) => {
    nodes.forEach((node, i) => {
      rows.push({ code: node.code, parentCode, name: node.zh, sort: (i + 1) * 10 });
      if (node.children) walk(node.children, node.code);
    });
  };
  walk(tree, null);
  return rows;
}

const DEFAULTS_BY_CODE = new Map(
  (function collect(nodes: readonly DefaultCategory[]): [string, DefaultCategory][] {
    return nodes.flatMap((n) => [[n.code, n] as [string, DefaultCategory], ...collect(n.children ?? [])]);
  })(DEFAULT_CATEGORY_TREE),
);

/**
 * The name to show in a language: a default category the company has not renamed is shown in the reader's
 * language; anything the company named itself is shown as written.
 */
export function categoryDisplayName(
  category: { code: string | null; name: string },
  language: 'zh-CN' | 'en-US',
): string {
  if (language === 'zh-CN' || !category.code) return category.name;
  const def = DEFAULTS_BY_CODE.get(category.code);
  return def && def.zh === category.name ? def.en : category.name;
}

// ---------------------------------------------------------------------------------------------------------------
// Tree rules, on a parent map (id → parent id) so the server can check a change before writing it.

/** Ancestors of `id`, nearest first. Stops at a cycle instead of looping (a corrupt tree must not hang). */
export function ancestorsOf(id: string, parentOf: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  let current = parentOf.get(id) ?? null;
  while (current && !seen.has(current)) {
    out.push(current);
    seen.add(current);
    current = parentOf.get(current) ?? null;
  }
  return out;
}

/** 1 for a top-level category. */
export function depthOf(id: string, parentOf: ReadonlyMap<string, string | null>): number {
  return ancestorsOf(id, parentOf).length + 1;
}

/** Levels below `id`, counting itself: 1 for a leaf. */
export function subtreeHeight(id: string, parentOf: ReadonlyMap<string, string | null>): number {
  const children = new Map<string, string[]>();
  for (const [child, parent] of parentOf)
    if (parent) children.set(parent, [...(children.get(parent) ?? []), child]);
  const height = (node: string, seen: Set<string>): number => {
    if (seen.has(node)) return 0;
    seen.add(node);
    return 1 + Math.max(0, ...(children.get(node) ?? []).map((c) => height(c, seen)));
  };
  return height(id, new Set());
}

export type MoveProblem = 'cycle' | 'too_deep';

/**
 * Whether `id` may hang under `newParentId` (null: top level): never under itself or its own descendants, and
 * never so that the tree becomes deeper than MAX_CATEGORY_DEPTH.
 */
export function checkCategoryPlacement(
  id: string | null,
  newParentId: string | null,
  parentOf: ReadonlyMap<string, string | null>,
): MoveProblem | null {
  if (id && newParentId && (newParentId === id || ancestorsOf(newParentId, parentOf).includes(id)))
    return 'cycle';
  const parentDepth = newParentId ? depthOf(newParentId, parentOf) : 0;
  const height = id ? subtreeHeight(id, parentOf) : 1;
  return parentDepth + height > MAX_CATEGORY_DEPTH ? 'too_deep' : null;
}
