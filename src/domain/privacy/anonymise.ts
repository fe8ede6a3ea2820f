/**
 * Anonymisation for the public (公示) monthly summary (REPORT-3: published "without room numbers
 * or names", 002 篇4 4.2.2.2; the complainant's 姓名、房号、联系方式 kept confidential, 001 通知 二.2; PIPL). Text
 * is searched for personal data and each finding is replaced by a placeholder that keeps the sentence readable:
 *
 * - ID-card numbers → 「某证件号」: 18 characters, a plausible birth date at 7–14, the last one a digit or X;
 * - bank-card numbers → 「某卡号」: 16–19 digits, in one run or in groups of four;
 * - e-mail addresses → 「某邮箱」;
 * - phone numbers → 「某电话」: mobiles (11 digits from 13–19, with +86/0086/86 and spaces or dashes anywhere),
 *   landlines with an area code (0755-86001234, (010) 8888 6666, with 转/分机/ext extensions), and masked
 *   mobiles (138****5678);
 * - licence plates → 「某车牌」: province + letter + 5 (粤B12345, 京A·8C123) or, new-energy, 6 (粤BD12345,
 *   沪AF12345, 粤B12345D);
 * - rooms → 「某房号」: 3-2-501, 12-1502, 3号楼2单元501(室), 3栋501, 3幢2单元1202, B座1202, 2单元501, 501室,
 *   房号：501. A building or unit alone (3号楼, 2单元) is kept: it names a place shared by many households and
 *   public reports need it ("3号楼电梯"). A dash group whose last part is a quantity (100-200元, 1-150天) is kept;
 * - names → 「某业主」: the known names passed in (the residents of the office's rooms and the reporters of the
 *   month's cases), longest first so 欧阳娜娜 wins over 欧阳; the company's users, current and former → 「某员工」;
 *   "<surname>先生/女士/小姐/师傅/阿姨 …" → 「某先生」「某师傅」…; "老<surname>/小<surname>" (老张, 小李) → 「某人」,
 *   except the ordinary words of LAO_XIAO_WORDS (小区, 小时, 小高层, 老人, 老化 …); system-masked names (张*,
 *   欧阳**) → 「某业主」.
 *
 * What it cannot be sure of is not redacted but *highlighted* for the director (findHighlights): a word the
 * tagger marks as a person's name (jieba's `nr`), and a run of six or more digits no pattern above explained (a
 * contract number, or an account number typed oddly). The director redacts or keeps each one before approving
 * (applyHighlightDecisions).
 *
 * Trade-off for names (documented on purpose): a known name of two or more characters is redacted wherever it
 * appears, even inside a longer word — a resident called 高明 turns "手法高明" into "手法某业主". Privacy wins over
 * wording: a false positive costs one word the director can rephrase before approving, a false negative publishes
 * a person. Two limits keep the damage small: one-character "names" are ignored (they would erase ordinary
 * characters everywhere), and so are register entries that are ordinary property words rather than names
 * (业主, 住户, 租户, 物业, 小区, 先生 … see NOT_NAMES), which sloppy data entry leaves in the name field.
 *
 * Pure and deterministic; the server passes the names and the tagger in (jieba is a native library).
 */
import { startsWithCompoundSurname, startsWithSurname, SURNAME_PATTERN } from './surnames';

export type PersonalDataKind = 'name' | 'room' | 'phone' | 'id_number' | 'plate' | 'bank_card' | 'email';

export interface Finding {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the original text, end exclusive */
  start: number;
  end: number;
  text: string;
  /** what replaces it */
  replacement: string;
}

export interface AnonymiseOptions {
  /** known personal names: residents of the office's rooms and the reporters of the cases */
  names?: readonly string[];
  /** the company's users, current and former: redacted as 「某员工」 */
  staffNames?: readonly string[];
  /** when given, anonymise() also reports the highlights of its result (see findHighlights) */
  tagger?: Tagger;
}

export const PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = Object.freeze({
  name: '某业主',
  room: '某房号',
  phone: '某电话',
  id_number: '某证件号',
  plate: '某车牌',
  bank_card: '某卡号',
  email: '某邮箱',
});
/** What replaces a staff name, and a person referred to as 老张 / 小李. */
export const STAFF_PLACEHOLDER = '某员工';
export const PERSON_PLACEHOLDER = '某人';

/** Register entries that are property words, not names: never treated as a name (see the file header). */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  '业主',
  '住户',
  '租户',
  '家属',
  '户主',
  '房东',
  '物业',
  '小区',
  '先生',
  '女士',
  '小姐',
  '阿姨',
  '师傅',
  '未知',
  '匿名',
  '无名',
  '不详',
  '本人',
  '客户',
  '业委会',
  '居民',
  '住户家属',
]);

// ---------------------------------------------------------------------------------------------------------------
// Patterns

const D = '[0-9０-９]';
/** a separator people put inside phone numbers */
const SEP = '[\\s\\-－‐.]?';

const MOBILE = `(?:(?:\\+|00)?86${SEP})?[1１][3-9３-９]${D}(?:${SEP}${D}){8}`;
const MASKED_MOBILE = `[1１][3-9３-９]${D}[*＊xX]{4}${D}{4}`;
const AREA = `(?:\\(0${D}{2,3}\\)|（0${D}{2,3}）|0${D}{2,3})`;
const LANDLINE = `${AREA}\\s?${SEP}\\s?${D}{3,4}${SEP}${D}{4}(?:\\s*(?:转|分机|ext\\.?|[-－])\\s*${D}{1,6})?`;
const PHONE_RE = new RegExp(`(?<![0-9０-９])(?:${MOBILE}|${MASKED_MOBILE}|${LANDLINE})(?![0-9０-９])`, 'gi');

/** 18-character resident ID (GB 11643): area code, birth date 19xx/20xx, sequence, check digit (0–9 or X). */
const ID_RE =
  /(?<![0-9０-９A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9０-９A-Za-z])/g;
/**
 * Bank cards: 16–19 digits in one run, or in groups of four as printed on the card (6222 0212 3456 7890 123).
 * Looked for before phones: a group like "0212 3456 7890" would otherwise read as a landline.
 */
const BANK_CARD_RE =
  /(?<![0-9０-９])(?:[0-9０-９]{16,19}|[0-9０-９]{4}(?:[ \-－][0-9０-９]{4}){3}(?:[ \-－]?[0-9０-９]{1,3})?)(?![0-9０-９])/g;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * Licence plates: province + issuing letter (no I/O) + an optional separator + 5 characters (粤B12345) or, for
 * new-energy plates, 6 with D/F first (粤BD12345, 沪AF12345) or last (粤B12345D, large vehicles).
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE_LETTER = '[A-HJ-NP-Za-hj-np-z]';
const PLATE_CHAR = '[A-HJ-NP-Za-hj-np-z0-9]';
const PLATE_RE = new RegExp(
  `[${PROVINCES}]\\s?${PLATE_LETTER}\\s?[·•．.\\-－]?\\s?` +
    `(?:[DFdf]${PLATE_CHAR}[0-9]{4}|[0-9]{5}[DFdf]|${PLATE_CHAR}{4}[A-HJ-NP-Za-hj-np-z0-9挂学警])(?![A-Za-z0-9])`,
  'g',
);
/** An ordinary plate has at most two letters after the issuing one: "沪ABCDE" is a word, not a plate. */
const plateHasDigits = (m: RegExpExecArray) => (m[0].match(/[0-9]/g)?.length ?? 0) >= 3;

const NUM = `(?:${D}{1,3}|[一二三四五六七八九十两〇零]{1,3})`;
const LETTER = '[A-Za-zＡ-Ｚａ-ｚ]';
const BUILDING = `(?:${LETTER}?${NUM}|${LETTER})\\s*(?:号楼|栋|幢|座|楼|号)`;
const UNIT = `${NUM}\\s*单元`;
const ROOM_NO = `${D}{3,4}(?:[A-Za-z])?`;
const ROOM_SUFFIX = '(?:室|房|号房|号)?';
/** Quantities after a number that make a dash group a range, not a room (100-200元, 1-150天). */
const QUANTITY = '[元块角米天日月年个次件人位岁%％度分秒时期周台辆只条张㎡平吨斤]';
const ROOM_PATTERNS = [
  // 3号楼2单元501室, 3栋501, B座1202, 3幢2单元1202, 3号楼-501
  `${BUILDING}\\s*(?:${UNIT})?\\s*[-－]?\\s*${ROOM_NO}${ROOM_SUFFIX}`,
  // 2单元501
  `${UNIT}\\s*[-－]?\\s*${ROOM_NO}${ROOM_SUFFIX}`,
  // 3-2-501, 12-1502 (not part of a longer dash or digit run, not a range of quantities)
  `(?<![0-9０-９\\-－A-Za-z])${D}{1,3}(?:[-－]${D}{1,2})?[-－]${D}{3,4}(?![0-9０-９\\-－]|\\s*${QUANTITY})`,
  // 501室, 1202房
  `(?<![0-9０-９])${D}{3,4}\\s*(?:室|房)`,
  // 房号：501, 门牌号 3-2-501
  `(?:房号|门牌号?|房间号)\\s*[:：]?\\s*[0-9０-９A-Za-z][0-9０-９A-Za-z\\-－]*`,
];
const ROOM_RE = new RegExp(ROOM_PATTERNS.map((p) => `(?:${p})`).join('|'), 'g');

const SURNAME = SURNAME_PATTERN;
const HONORIFICS = [
  '先生',
  '女士',
  '小姐',
  '师傅',
  '太太',
  '阿姨',
  '叔叔',
  '大爷',
  '大妈',
  '奶奶',
  '爷爷',
  '伯伯',
  '老伯',
];
// 老张师傅 / 小李师傅 is one reference: the 老/小 goes with it.
const HONORIFIC_RE = new RegExp(`[老小]?${SURNAME}(${HONORIFICS.join('|')})`, 'g');
/**
 * Two characters ending in a surname that are an ordinary word before 师傅/阿姨: "电梯公司师傅" is the lift
 * company's technician, not Mr 司. Checked on the character before the surname.
 */
const NOT_SURNAME_AFTER: ReadonlySet<string> = new Set([
  '公司',
  '上司',
  '园林',
  '树林',
  '竹林',
  '森林',
  '对方',
  '双方',
  '甲方',
  '乙方',
  '一方',
  '各方',
  '工方',
  '厂方',
  '警方',
  '院方',
  '官方',
  '业方',
]);
const MASKED_NAME_RE = new RegExp(`${SURNAME}[*＊]{1,3}`, 'g');
const HONORIFIC_AFTER = new RegExp(`^(?:${HONORIFICS.join('|')})`);

/** 老张, 小李, 老欧阳: a person the writer knows by surname. */
const LAO_XIAO_RE = new RegExp(`[老小]${SURNAME}`, 'g');
/**
 * Ordinary words that begin with 老/小 + a character that may be a surname, or that the list may one day contain
 * (小区 … 老旧 are here although 区, 孩, 学, 人, 化, 旧 are not surnames in SURNAMES: the stop-list does not depend on
 * that list's choices). A reference is skipped when one of these words starts at its 老/小.
 */
export const LAO_XIAO_WORDS: readonly string[] = [
  // 小…
  '小区',
  '小时',
  '小高层',
  '小孩',
  '小学',
  '小于',
  '小程序',
  '小车',
  '小汽车',
  '小路',
  '小孔',
  '小包',
  '小商',
  '小钱',
  '小叶',
  '小苗',
  '小米',
  '小麦',
  '小康',
  '小毛病',
  '小黄车',
  '小龙虾',
  '小阳台',
  '小范围',
  '小项目',
  '小牛',
  '小单元',
  '小成本',
  '小景',
  '小游园',
  '小池塘',
  '小柏树',
  '小宗',
  '小费',
  '小沙发',
  '小麻烦',
  '小解',
  '小边门',
  '小胡同',
  '小段路',
  '小常识',
  '小温馨',
  '小施工',
  '小金库',
  '小石子',
  '小石头',
  '小方块',
  '小单间',
  '小白菜',
  // 老…
  '老人',
  '老化',
  '老旧',
  '老年',
  '老毛病',
  '老方法',
  '老关系',
  '老党员',
  '老司机',
  '老顾客',
  '老项目',
  '老车',
  '老路',
  '老时间',
  '老黄历',
  '老严重',
  '老房',
  '老楼',
  '老区',
  '老单位',
  '老麻烦',
  '老古董',
  '老翁',
  '老农',
  '老商户',
  '老黄牛',
  '老江湖',
];
/**
 * Characters after which 老/小 belongs to the word before: 养老金 (not 老金), 缩小范围, 从小, 大小, 最小, 敬老.
 */
const NOT_LAO_XIAO_AFTER: ReadonlySet<string> = new Set(
  Array.from('养敬尊古遗衰防年大最较缩减从矮微细短狭弱胆幼妻渺变偏稍越更太很'),
);

// ---------------------------------------------------------------------------------------------------------------
// Finding

const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** The usable names: trimmed, inner spaces removed, ≥ 2 characters, not a property word; longest first. */
/**
 * usableNames of a list, computed once per list: a summary anonymises hundreds of excerpts against the same
 * ~10,000 known names, and re-normalising and sorting them on every call took 16 s at 1,000,000 cases (bench).
 */
interface PreparedName {
  name: string;
  /** what is searched for: the name, lower-cased when Latin */
  needle: string;
  /** its first character (a code point: names may use characters outside the BMP) */
  first: string;
  latin: boolean;
}
const preparedByList = new WeakMap<readonly string[], PreparedName[]>();
function preparedNames(names: readonly string[]): PreparedName[] {
  let prepared = preparedByList.get(names);
  if (!prepared)
    preparedByList.set(
      names,
      (prepared = usableNames(names).map((name) => {
        const latin = !isCjk(name);
        const needle = latin ? name.toLowerCase() : name;
        return { name, needle, first: String.fromCodePoint(needle.codePointAt(0)!), latin };
      })),
    );
  return prepared;
}

export function usableNames(names: readonly string[]): string[] {
  const set = new Set<string>();
  for (const raw of names) {
    const name = raw.replace(/\s+/g, isCjk(raw) ? '' : ' ').trim();
    const length = Array.from(name).length;
    if (NOT_NAMES.has(name)) continue;
    // Latin names need more letters before they are safe to search for ("Li" is in every other word).
    if (isCjk(name) ? length < 2 : length < 4) continue;
    set.add(name);
  }
  return [...set].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

function claim(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i]) return false;
  taken.fill(1, start, end);
  return true;
}

/**
 * Every piece of personal data in `text`, non-overlapping, in text order. Looked for in this order — ID numbers,
 * bank cards, e-mails, phones, plates, rooms, masked names, known names (residents, then staff), forms of address,
 * 老/小 + surname — and a finding never overlaps an earlier one (so 张文先生 is one name, not 张 + 「某先生」, and an
 * ID number is not read as a phone followed by digits).
 */
export function findPersonalData(text: string, opts: AnonymiseOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const taken = new Uint8Array(text.length);
  const add = (kind: PersonalDataKind, start: number, end: number, replacement = PLACEHOLDERS[kind]) => {
    if (end > start && claim(taken, start, end))
      findings.push({ kind, start, end, text: text.slice(start, end), replacement });
  };
  const scan = (re: RegExp, kind: PersonalDataKind, replacement?: (m: RegExpExecArray) => string | null) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const instead = replacement?.(m);
      // null: the match is an ordinary word after all (see the callers)
      if (instead === null) continue;
      // Trailing spaces a pattern may have swallowed stay in the text.
      const matched = m[0].replace(/\s+$/, '');
      add(kind, m.index, m.index + matched.length, instead);
    }
  };
  const knownNames = (names: readonly string[], replacement: string) => {
    // Thousands of known names against a short text: only names whose first character occurs in it are looked for.
    for (const { name, needle, first, latin } of preparedNames(names)) {
      if (!present.has(first)) continue;
      const haystack = latin ? lower : text;
      for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
        let end = at + name.length;
        if (latin && (/\w/.test(text[at - 1] ?? '') || /\w/.test(text[end] ?? ''))) continue;
        // 张三先生 → 某业主, not 某业主先生
        const honorific = HONORIFIC_AFTER.exec(text.slice(end));
        if (honorific) end += honorific[0].length;
        add('name', at, end, replacement);
      }
    }
  };
  const lower = text.toLowerCase();
  const present = new Set(lower);

  scan(ID_RE, 'id_number');
  scan(BANK_CARD_RE, 'bank_card');
  scan(EMAIL_RE, 'email');
  scan(PHONE_RE, 'phone');
  scan(PLATE_RE, 'plate', (m) => (plateHasDigits(m) ? PLACEHOLDERS.plate : null));
  scan(ROOM_RE, 'room');
  scan(MASKED_NAME_RE, 'name');
  knownNames(opts.names ?? [], PLACEHOLDERS.name);
  knownNames(opts.staffNames ?? [], STAFF_PLACEHOLDER);
  scan(HONORIFIC_RE, 'name', (m) => {
    const surnameAt = /^[老小]/.test(m[0]) ? m.index + 1 : m.index;
    if (NOT_SURNAME_AFTER.has(text.slice(surnameAt - 1, surnameAt + 1))) return null;
    return `某${m[1]}`;
  });
  scan(LAO_XIAO_RE, 'name', (m) => {
    if (NOT_LAO_XIAO_AFTER.has(text[m.index - 1] ?? '')) return null;
    if (LAO_XIAO_WORDS.some((w) => text.startsWith(w, m.index))) return null;
    return PERSON_PLACEHOLDER;
  });
  return findings.sort((a, b) => a.start - b.start);
}

/** Whether `text` still contains personal data (the check on the director's wording). */
export function containsPersonalData(text: string, opts: AnonymiseOptions = {}): boolean {
  return findPersonalData(text, opts).length > 0;
}

/** `text` with every finding replaced by its placeholder; with a tagger, the highlights of the result too. */
export function anonymise(
  text: string,
  opts: AnonymiseOptions = {},
): { text: string; findings: Finding[]; highlights: Highlight[] } {
  const findings = findPersonalData(text, opts);
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + f.replacement;
    at = f.end;
  }
  out += text.slice(at);
  return { text: out, findings, highlights: opts.tagger ? findHighlights(out, opts.tagger) : [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Highlights: what the anonymiser is unsure of, for the director to decide

export type HighlightKind = 'person_name' | 'digits';

export interface Highlight {
  /**
   * Stable while the wording around it changes: the kind, a hash of the token and which occurrence of that token
   * it is — a redrafted summary (a late case added to the month) keeps the director's decisions on the others.
   */
  id: string;
  kind: HighlightKind;
  text: string;
  /** UTF-16 offsets into the text it was found in, end exclusive */
  start: number;
  end: number;
}

export type HighlightChoice = 'redact' | 'keep';

/** One word of a part-of-speech tagger's output (jieba's `tag()`): the words, in order, make up the text. */
export interface TaggedWord {
  word: string;
  tag: string;
}
export type Tagger = (text: string) => readonly TaggedWord[];

/** What replaces a highlight the director chose to redact. */
export const HIGHLIGHT_PLACEHOLDERS: Readonly<Record<HighlightKind, string>> = Object.freeze({
  person_name: PERSON_PLACEHOLDER,
  digits: '某号码',
});

/** Every placeholder the anonymiser writes: never itself a highlight (anonymising twice changes nothing). */
const PLACEHOLDER_RE = new RegExp(
  [
    ...new Set([
      ...Object.values(PLACEHOLDERS),
      ...Object.values(HIGHLIGHT_PLACEHOLDERS),
      STAFF_PLACEHOLDER,
      ...HONORIFICS.map((h) => `某${h}`),
    ]),
  ]
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** Six or more digits in a row; an amount (¥123456, 123456元, 1234567.50元) is not an identifier. */
const DIGIT_RUN_RE = /[0-9０-９]{6,}/g;
const AMOUNT_AFTER = /^(?:[.．][0-9０-９]+)?\s*(?:元|块|万|亿|角|rmb|RMB)/;
const AMOUNT_BEFORE = /[¥￥]\s*$/;

/** FNV-1a, 32 bits, base 36: a short stable id for a token (not a security measure). */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * Ordinary words jieba's dictionary tags as a person's name (`nr`) that begin with a surname and turn up in
 * property texts (its dictionary tags 72,842 entries `nr`, 文明 and 张贴 among them). Highlighting them in every
 * summary would teach the director to click "keep" without reading.
 */
export const NOT_PERSON_WORDS: ReadonlySet<string> = new Set([
  '谢谢',
  '杜绝',
  '张贴',
  '陈述',
  '顾问',
  '周全',
  '文明',
  '公正',
  '宝贵',
  '容纳',
  '廉政',
  '宾客',
  '杨树',
  '柳树',
  '桂花',
  '梅花',
  '林木',
  '华丽',
  '宁静',
  '康复',
  '齐全',
  '乔木',
  '金秋',
  '万家',
  '常年',
  '安康',
  '安宁',
  '高管',
]);

/** Whether a tagged word may be a person's name: see findHighlights. */
function mayBeName(word: string, tag: string): boolean {
  const length = Array.from(word).length;
  if (length < 2 || NOT_NAMES.has(word) || NOT_PERSON_WORDS.has(word) || word.includes('某')) return false;
  if (!/^[\u3400-\u9fff]+$/.test(word)) return false;
  if (tag === 'nr')
    return (
      startsWithSurname(word, true) && (length <= 3 || (length === 4 && startsWithCompoundSurname(word)))
    );
  // a word the dictionary does not know, coined by jieba's HMM: how it tags most given names (张伟, 李明)
  if (tag === 'x') return length <= 3 && startsWithSurname(word);
  return false;
}

/**
 * What in `text` may be personal data the patterns could not confirm, in text order:
 *
 * - `person_name`: a word the tagger marks as a person's name (jieba's `nr`) of two or three Chinese characters
 *   (four with a compound surname) that begins with a surname — the dictionary also tags 银行卡, 养老金, 维修工 and
 *   采取相应 `nr`, and a Chinese name begins with its surname — unless it is one of NOT_PERSON_WORDS; and a word
 *   the dictionary does not know (jieba's HMM coined it, tag `x`) of two or three characters that begins with a
 *   surname;
 * - `digits`: a run of six or more digits that is not an amount (¥123456, 123456元).
 *
 * Placeholders and property words (NOT_NAMES) are never highlighted.
 */
export function findHighlights(text: string, tagger: Tagger): Highlight[] {
  const taken = new Uint8Array(text.length);
  PLACEHOLDER_RE.lastIndex = 0;
  for (let m = PLACEHOLDER_RE.exec(text); m; m = PLACEHOLDER_RE.exec(text))
    taken.fill(1, m.index, m.index + m[0].length);
  const free = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (taken[i]) return false;
    return true;
  };
  const found: Omit<Highlight, 'id'>[] = [];

  let cursor = 0;
  for (const { word, tag } of tagger(text)) {
    const start = text.indexOf(word, cursor);
    if (start < 0 || !word) continue;
    const end = start + word.length;
    cursor = end;
    if (mayBeName(word, tag) && free(start, end)) found.push({ kind: 'person_name', text: word, start, end });
  }

  DIGIT_RUN_RE.lastIndex = 0;
  for (let m = DIGIT_RUN_RE.exec(text); m; m = DIGIT_RUN_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (
      AMOUNT_AFTER.test(text.slice(end, end + 8)) ||
      AMOUNT_BEFORE.test(text.slice(Math.max(0, start - 3), start))
    )
      continue;
    if (free(start, end)) found.push({ kind: 'digits', text: m[0], start, end });
  }

  found.sort((a, b) => a.start - b.start);
  const seen = new Map<string, number>();
  return found.map((h) => {
    const key = `${h.kind}\u0000${h.text}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { id: `${h.kind === 'person_name' ? 'name' : 'digits'}-${hashOf(h.text)}-${n}`, ...h };
  });
}

/**
 * `text` with the highlights the director chose to redact replaced by their placeholder; every highlight is
 * returned with its choice (undefined: not decided yet) and its offsets in the new text.
 */
export function applyHighlightDecisions(
  text: string,
  highlights: readonly Highlight[],
  choiceOf: (h: Highlight) => HighlightChoice | undefined,
): { text: string; highlights: (Highlight & { choice: HighlightChoice | undefined })[] } {
  let out = '';
  let at = 0;
  const shown: (Highlight & { choice: HighlightChoice | undefined })[] = [];
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    const choice = choiceOf(h);
    out += text.slice(at, h.start);
    const written = choice === 'redact' ? HIGHLIGHT_PLACEHOLDERS[h.kind] : h.text;
    shown.push({ ...h, choice, start: out.length, end: out.length + written.length });
    out += written;
    at = h.end;
  }
  return { text: out + text.slice(at), highlights: shown };
}

// ---------------------------------------------------------------------------------------------------------------
// Small groups

export interface Bucket {
  key: string;
  label: string;
  count: number;
}

/** The bucket small groups merge into. */
export const OTHER_BUCKET: Readonly<Pick<Bucket, 'key' | 'label'>> = Object.freeze({
  key: 'other',
  label: '其他',
});

/** The default smallest group the public version shows by name (policy: report_policy.publicMinGroupSize). */
export const DEFAULT_MIN_GROUP_SIZE = 3;

/**
 * The public version's buckets: every bucket with fewer than `minGroupSize` cases (a category or a community with
 * one or two complaints could point at one household) is merged into 「其他」, together with any bucket that is
 * already called 其他; empty buckets are dropped. The others keep their order; 其他 comes last. 其他 itself may
 * stay small — its label no longer says which category or community the cases came from, which is what
 * identified them.
 */
export function mergeSmallGroups(
  buckets: readonly Bucket[],
  minGroupSize: number = DEFAULT_MIN_GROUP_SIZE,
  other: Pick<Bucket, 'key' | 'label'> = OTHER_BUCKET,
): Bucket[] {
  const kept: Bucket[] = [];
  let merged = 0;
  for (const b of buckets) {
    if (b.count <= 0) continue;
    if (b.count < minGroupSize || b.key === other.key || b.label === other.label) merged += b.count;
    else kept.push({ ...b });
  }
  return merged > 0 ? [...kept, { ...other, count: merged }] : kept;
}
