/**
 * Chinese-aware search text (SEARCH-1): jieba's search-mode segmentation with a property-management word list,
 * stored as a `tsvector('simple')` with a GIN index. The same tokenizer builds documents and queries, so
 * "漏水" matches "卫生间漏水严重".
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Words jieba's general dictionary splits wrongly or does not know (one per line: word frequency). */
export const PROPERTY_WORDS = [
  '楼道',
  '困人',
  '号楼',
  '漏水',
  '渗水',
  '返水',
  '物业费',
  '停车位',
  '车位',
  '电梯',
  '业委会',
  '门禁',
  '监控',
  '化粪池',
  '下水道',
  '堵塞',
  '扰民',
  '推诿',
  '楼上',
  '楼下',
  '保洁',
  '绿化',
  '单元门',
  '对讲',
  '消防通道',
  '充电桩',
  '垃圾桶',
  '垃圾站',
  '外墙',
  '屋面',
  '防水',
  '地漏',
  '水管',
  '爆管',
  '停水',
  '停电',
  '跳闸',
  '燃气',
  '噪音',
  '装修',
  '违建',
  '占道',
  '高空抛物',
  '宠物',
  '犬吠',
  '维修基金',
  '工单',
  '回访',
  '首问',
  '报修',
  '投诉',
  '道闸',
  '地下室',
  '顶楼',
];

let jieba: Jieba | undefined;
function tokenizer(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(PROPERTY_WORDS.map((w) => `${w} 100000`).join('\n')));
  }
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Part-of-speech tags of `text` (jieba `tag`, HMM on), with the same dictionary and property words: the tagger the
 * public summary's anonymiser is given to find words that may be names (src/domain/privacy/anonymise.ts).
 */
export function tagWords(text: string): { word: string; tag: string }[] {
  return tokenizer().tag(text, true);
}

/** Tokens for a document or a query: search-mode segments, lower-cased, punctuation dropped, de-duplicated. */
export function searchTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const raw of tokenizer().cutForSearch(text.slice(0, 20_000), true)) {
    const token = raw.trim().toLowerCase();
    if (token && WORD.test(token)) tokens.add(token);
  }
  return [...tokens];
}

/** The text handed to `to_tsvector('simple', …)`: tokens separated by spaces (simple config splits on them). */
export function searchDocument(...parts: (string | null | undefined)[]): string {
  return searchTokens(parts.filter(Boolean).join(' ')).join(' ');
}

/**
 * A tsquery (for `to_tsquery('simple', …)`) where every token of the user's words must match. Tokens are quoted
 * so no user input is ever read as tsquery syntax. Returns null when nothing searchable remains.
 */
export function searchQuery(q: string): string | null {
  const words = searchTokens(q).filter((t) => !/^[\p{P}\p{S}]+$/u.test(t));
  // Search mode also emits the parts of long words; requiring the longest tokens keeps the query precise.
  const kept = words.filter(
    (w) => !words.some((other) => other !== w && other.includes(w) && other.length > w.length),
  );
  if (!kept.length) return null;
  return kept.map((t) => `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`).join(' & ');
}
