/**
 * Chinese surnames (百家姓, the common ones) for the anonymiser's person references: "<surname>先生/女士/师傅 …",
 * "老<surname>/小<surname>" and masked names (张*). Pure data.
 *
 * Left out on purpose: characters that precede 阿姨/师傅/大爷 … or follow 老/小 as ordinary words far more often
 * than as surnames (门卫大爷, 保安师傅, 物管阿姨, 我和阿姨, 向阿姨道歉, 答应, 租房, 老师, 小区, 小花园, 老楼). A surname
 * missing here costs a person reference the director sees highlighted by the tagger at worst; a word wrongly
 * taken for a surname mangles ordinary sentences in every summary.
 */

/** Compound (double) surnames, looked for before the single ones so 欧阳 wins over 欧. */
export const COMPOUND_SURNAMES: readonly string[] = [
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
  '宇文',
  '呼延',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '淳于',
  '申屠',
  '轩辕',
  '钟离',
  '闾丘',
  '东郭',
  '万俟',
  '百里',
];

/** Single-character surnames, most common first. */
export const SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳柴蒙鲍华喻祁蒲滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席米柏宗瞿桂全佟臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';

/** A regular-expression source matching one surname (compound first). */
export const SURNAME_PATTERN = `(?:${COMPOUND_SURNAMES.join('|')}|[${SINGLE_SURNAMES}])`;

/**
 * Surnames left out of SINGLE_SURNAMES because they begin ordinary words before 阿姨/师傅 (向阿姨道歉, 保安师傅,
 * 门卫大爷 …): still surnames when only a highlight is at stake (the tagger already thinks the word is a name).
 */
export const AMBIGUOUS_SURNAMES = '向安卫花管房洪殷鞠';

const SINGLE = new Set(Array.from(SINGLE_SURNAMES));
const BROAD = new Set(Array.from(SINGLE_SURNAMES + AMBIGUOUS_SURNAMES));

/** Whether `word` begins with a surname (compound or single; `broad`: the ambiguous ones count too). */
export function startsWithSurname(word: string, broad = false): boolean {
  const first = Array.from(word)[0] ?? '';
  return COMPOUND_SURNAMES.some((s) => word.startsWith(s)) || (broad ? BROAD : SINGLE).has(first);
}

/** Whether `word` begins with a compound surname (欧阳, 司马 …). */
export function startsWithCompoundSurname(word: string): boolean {
  return COMPOUND_SURNAMES.some((s) => word.startsWith(s));
}
