/** Deterministic generators of realistic Chinese names and phones, for the demo seed, tests and benchmarks. */
export function rng(seed: number) {
  // mulberry32: small, fast, and the same sequence on every machine.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥建国建华志强志明海燕淑珍丹玲文博浩然子涵欣怡宇轩梓萱思远雨桐俊杰佳怡晨阳一鸣诗涵梦瑶嘉怡天佑若曦';
const GIVEN_CHARS = Array.from(GIVEN);

export function chineseName(next: () => number): string {
  const surname = SURNAMES[Math.floor(next() * SURNAMES.length)];
  const len = next() < 0.35 ? 1 : 2;
  let given = '';
  for (let i = 0; i < len; i++) given += GIVEN_CHARS[Math.floor(next() * GIVEN_CHARS.length)];
  return surname + given;
}

const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '177',
  '180',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export function mobile(next: () => number): string {
  const prefix = MOBILE_PREFIXES[Math.floor(next() * MOBILE_PREFIXES.length)];
  return prefix + String(Math.floor(next() * 1e8)).padStart(8, '0');
}
