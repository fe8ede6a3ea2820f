/**
 * Anonymisation for the public (公示) monthly summary (issue 4 §1, domain.md §7: published "without room numbers
 * or names"; PIPL). Text is searched for three kinds of personal data and each finding is replaced by a
 * placeholder that keeps the sentence readable:
 *
 * - phone numbers → 「某电话」: mobiles (11 digits from 13–19, with +86/0086/86 and spaces or dashes anywhere),
 *   landlines with an area code (0755-86001234, (010) 8888 6666, with 转/分机/ext extensions), and masked
 *   mobiles (138****5678);
 * - rooms → 「某房号」: 3-2-501, 12-1502, 3号楼2单元501(室), 3栋501, 3幢2单元1202, B座1202, 2单元501, 501室,
 *   房号：501. A building or unit alone (3号楼, 2单元) is kept: it names a place shared by many households and
 *   public reports need it ("3号楼电梯"). A dash group whose last part is a quantity (100-200元, 1-150天) is kept;
 * - names → 「某业主」: the known names passed in (the residents of the office's rooms and the reporters of the
 *   month's cases), longest first so 欧阳娜娜 wins over 欧阳; "<surname>先生/女士/阿姨 …" → 「某先生」「某女士」…;
 *   system-masked names (张*, 欧阳**) → 「某业主」.
 *
 * Trade-off for names (documented on purpose): a known name of two or more characters is redacted wherever it
 * appears, even inside a longer word — a resident called 高明 turns "手法高明" into "手法某业主". Privacy wins over
 * wording: a false positive costs one word the director can rephrase before approving, a false negative publishes
 * a person. Two limits keep the damage small: one-character "names" are ignored (they would erase ordinary
 * characters everywhere), and so are register entries that are ordinary property words rather than names
 * (业主, 住户, 租户, 物业, 小区, 先生 … see NOT_NAMES), which sloppy data entry leaves in the name field. Names the
 * text uses but the register does not know (a nickname, a given name alone: 小明, 老张) are not detected; the
 * director's review before approval is the last line.
 *
 * Pure and deterministic; the server passes the names in.
 */

export type PersonalDataKind = 'name' | 'room' | 'phone';

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
}

export const PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = Object.freeze({
  name: '某业主',
  room: '某房号',
  phone: '某电话',
});

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

/**
 * The most common surnames (compound ones first), for "<surname>先生" and masked names. Left out on purpose:
 * characters that precede 阿姨/大爷 … as ordinary words far more often than as surnames (门卫大爷, 保安大爷,
 * 物管阿姨, 我和阿姨, 向阿姨道歉, 答应, 租房, 老师).
 */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '夏侯',
  '长孙',
  '司徒',
  '端木',
  '南宫',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳柴蒙鲍华喻祁蒲滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席米柏宗瞿桂全佟臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])`;
const HONORIFICS = [
  '先生',
  '女士',
  '小姐',
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
const HONORIFIC_RE = new RegExp(`${SURNAME}(${HONORIFICS.join('|')})`, 'g');
const MASKED_NAME_RE = new RegExp(`${SURNAME}[*＊]{1,3}`, 'g');
const HONORIFIC_AFTER = new RegExp(`^(?:${HONORIFICS.join('|')})`);

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
 * Every piece of personal data in `text`, non-overlapping, in text order. Looked for in this order — phones, rooms,
 * masked names, known names, forms of address — and a finding never overlaps an earlier one (so 张文先生 is one
 * name, not 张 + 「某先生」).
 */
export function findPersonalData(text: string, opts: AnonymiseOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const taken = new Uint8Array(text.length);
  const add = (kind: PersonalDataKind, start: number, end: number, replacement = PLACEHOLDERS[kind]) => {
    if (end > start && claim(taken, start, end))
      findings.push({ kind, start, end, text: text.slice(start, end), replacement });
  };
  const scan = (re: RegExp, kind: PersonalDataKind, replacement?: (m: RegExpExecArray) => string) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // Trailing spaces a pattern may have swallowed stay in the text.
      const matched = m[0].replace(/\s+$/, '');
      add(kind, m.index, m.index + matched.length, replacement?.(m));
      if (m[0].length === 0) re.lastIndex++;
    }
  };

  scan(PHONE_RE, 'phone');
  scan(ROOM_RE, 'room');
  scan(MASKED_NAME_RE, 'name');
  // Thousands of known names against a short text: only names whose first character occurs in it are looked for.
  const lower = text.toLowerCase();
  const present = new Set(lower);
  for (const { name, needle, first, latin } of preparedNames(opts.names ?? [])) {
    if (!present.has(first)) continue;
    const haystack = latin ? lower : text;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      let end = at + name.length;
      if (latin && (/\w/.test(text[at - 1] ?? '') || /\w/.test(text[end] ?? ''))) continue;
      // 张三先生 → 某业主, not 某业主先生
      const honorific = HONORIFIC_AFTER.exec(text.slice(end));
      if (honorific) end += honorific[0].length;
      add('name', at, end);
    }
  }
  scan(HONORIFIC_RE, 'name', (m) => `某${m[1]}`);
  return findings.sort((a, b) => a.start - b.start);
}

/** Whether `text` still contains a name, room or phone (the check on the director's wording). */
export function containsPersonalData(text: string, opts: AnonymiseOptions = {}): boolean {
  return findPersonalData(text, opts).length > 0;
}

/** `text` with every finding replaced by its placeholder. */
export function anonymise(text: string, opts: AnonymiseOptions = {}): { text: string; findings: Finding[] } {
  const findings = findPersonalData(text, opts);
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + f.replacement;
    at = f.end;
  }
  return { text: out + text.slice(at), findings };
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
