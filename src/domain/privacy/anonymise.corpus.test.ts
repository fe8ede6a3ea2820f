/**
 * The public monthly summary must carry no personal data (002 篇4 4.2.2.2: published "应避免公布
 * 客户的房号、姓名"; 001 通知 二.2: 姓名、房号、联系方式 kept confidential; REPORT-3). A corpus of realistic
 * 物业 sentences, each with the exact public wording and what is highlighted for the director. The tagger is the
 * real jieba (the server injects the same library); its dictionary is data, not a mock.
 */
import { describe, expect, it } from 'vitest';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import {
  anonymise,
  applyHighlightDecisions,
  containsPersonalData,
  findHighlights,
  LAO_XIAO_WORDS,
  type Tagger,
} from './anonymise';

const jieba = Jieba.withDict(dict);
const tagger: Tagger = (text) => jieba.tag(text, true);
/** residents and reporters of the month's cases */
const names = ['张三', '欧阳娜娜', '李建国', '王芳'];
/** the company’s users: 刘大伟 left the company, his name is still personal data */
const staffNames = ['陈志明', '黄丽', '刘大伟'];
/** every sentence of the corpus, collected as the describes below declare them */
const corpus: Row[] = [];
const run = (text: string) => anonymise(text, { names, staffNames, tagger });

type Row = [text: string, expected: string, highlighted?: string[]];
const check = (rows: Row[]) => {
  corpus.push(...rows);
  it.each(rows)('%s', (text, expected, highlighted = []) => {
    const r = run(text);
    expect(r.text).toBe(expected);
    expect(r.highlights.map((h) => `${h.kind}:${h.text}`)).toEqual(highlighted);
    // the published wording no longer contains anything the anonymiser is sure of
    expect(containsPersonalData(r.text, { names, staffNames })).toBe(false);
  });
};

describe('002 篇4 4.2.2.2 corpus: ID-card numbers (18 characters, check character X or x) → 某证件号', () => {
  check([
    ['业主提供身份证号440305199001011234办理门禁卡。', '业主提供身份证号某证件号办理门禁卡。'],
    ['租户身份证11010519851203002X已登记，请勿外传。', '租户身份证某证件号已登记，请勿外传。'],
    ['身份证号码为 32058219780615451x 的住户反映楼道漏水。', '身份证号码为 某证件号 的住户反映楼道漏水。'],
    ['访客登记：身份证 44030520001231123X，来访事由为看房。', '访客登记：身份证 某证件号，来访事由为看房。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: licence plates, new-energy ones included → 某车牌', () => {
  check([
    ['车牌粤B12345的车辆长期占用消防通道。', '车牌某车牌的车辆长期占用消防通道。'],
    ['粤BD12345新能源车在充电桩位停放超时。', '某车牌新能源车在充电桩位停放超时。'],
    ['业主反映沪AF12345堵住地库出口，已联系车主挪车。', '业主反映某车牌堵住地库出口，已联系车主挪车。'],
    ['京A·8C123 在小区门口乱停，保安已劝离。', '某车牌 在小区门口乱停，保安已劝离。'],
    ['大型新能源车粤B12345D夜间停在主干道。', '大型新能源车某车牌夜间停在主干道。'],
    ['业主车牌 浙A 12345 被道闸误识别，已人工放行。', '业主车牌 某车牌 被道闸误识别，已人工放行。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: bank-card numbers, 16–19 digits in one run or in groups of four → 某卡号', () => {
  check([
    ['退款已转入业主银行卡6222021234567890123。', '退款已转入业主银行卡某卡号。'],
    ['卡号 6217 0012 3456 7890 的住户申请物业费代扣。', '卡号 某卡号 的住户申请物业费代扣。'],
    ['业主提供的工商银行卡号6222 0212 3456 7890 123已核对。', '业主提供的工商银行卡号某卡号已核对。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: e-mail addresses → 某邮箱', () => {
  check([
    ['请将照片发送至 zhangsan@163.com 以便核实。', '请将照片发送至 某邮箱 以便核实。'],
    ['业主邮箱 wang.fang_88@qq.com 收到了缴费通知。', '业主邮箱 某邮箱 收到了缴费通知。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: a surname + 先生/女士/师傅/阿姨/小姐, or 老/小 + a surname → 某先生 … / 某人', () => {
  check([
    ['王先生反映楼上装修噪音扰民。', '某先生反映楼上装修噪音扰民。'],
    ['李女士来电称地下车库积水严重。', '某女士来电称地下车库积水严重。'],
    ['张师傅已更换3号楼电梯控制板。', '某师傅已更换3号楼电梯控制板。'],
    ['刘阿姨投诉保洁不及时清理垃圾桶。', '某阿姨投诉保洁不及时清理垃圾桶。'],
    ['陈小姐反映快递柜无法取件。', '某小姐反映快递柜无法取件。'],
    ['老张反映单元门门禁损坏。', '某人反映单元门门禁损坏。'],
    ['小李已上门检修水管，问题解决。', '某人已上门检修水管，问题解决。'],
    ['老欧阳说绿化带被占用种菜。', '某人说绿化带被占用种菜。'],
    ['小李师傅处理了地漏堵塞问题。', '某师傅处理了地漏堵塞问题。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: stop-list: 小区, 小时, 小高层, 小孩, 小学, 老人, 老化, 老旧 … are ordinary words, kept', () => {
  check([
    ['小区东门道闸故障，已报修。', '小区东门道闸故障，已报修。'],
    ['停水时间预计持续3小时。', '停水时间预计持续3小时。'],
    ['小高层的外墙瓷砖脱落，已设置警示。', '小高层的外墙瓷砖脱落，已设置警示。'],
    ['小孩在电梯里按下所有楼层按钮。', '小孩在电梯里按下所有楼层按钮。'],
    ['附近小学放学时段门口拥堵。', '附近小学放学时段门口拥堵。'],
    ['老人反映楼道扶手松动。', '老人反映楼道扶手松动。'],
    ['小区管网老化，计划下月更换。', '小区管网老化，计划下月更换。'],
    ['老旧小区改造方案已报街道。', '老旧小区改造方案已报街道。'],
    ['养老金领取点的告示已张贴。', '养老金领取点的告示已张贴。'],
    ['有人在楼道小解，监控已调取。', '有人在楼道小解，监控已调取。'],
    ['小游园的健身器材损坏，已报修。', '小游园的健身器材损坏，已报修。'],
    ['安全小常识已张贴在单元门口。', '安全小常识已张贴在单元门口。'],
    ['老单位的工作人员来协调老商户的招牌问题。', '老单位的工作人员来协调老商户的招牌问题。'],
    ['电梯公司师傅已到场维修。', '电梯公司师傅已到场维修。'],
    ['园林师傅修剪了3号楼前的树木。', '园林师傅修剪了3号楼前的树木。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: the company’s users, current and former → 某员工; residents and reporters as before', () => {
  check([
    ['维修工陈志明已处理卫生间漏水。', '维修工某员工已处理卫生间漏水。'],
    ['客服黄丽完成了回访。', '客服某员工完成了回访。'],
    ['前员工刘大伟曾承诺上周修好。', '前员工某员工曾承诺上周修好。'],
    ['业主张三反映3号楼2单元501室楼上漏水，电话13812345678。', '业主某业主反映某房号楼上漏水，电话某电话。'],
    ['欧阳娜娜女士表示对处理结果满意。', '某业主表示对处理结果满意。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: runs of six or more digits no pattern explains are highlighted, not redacted; amounts, dates, ranges and buildings as before', () => {
  check([
    ['合同编号20261105001的维修已验收。', '合同编号20261105001的维修已验收。', ['digits:20261105001']],
    ['事项编号 TS-2026-000123 已办结。', '事项编号 TS-2026-000123 已办结。', ['digits:000123']],
    ['业主来电称账号1234567需要更新。', '业主来电称账号1234567需要更新。', ['digits:1234567']],
    ['报修单号 87654321 已派工。', '报修单号 87654321 已派工。', ['digits:87654321']],
    ['维修费用共计1200元，由业主承担。', '维修费用共计1200元，由业主承担。'],
    ['本月物业费收缴 1234567.50元。', '本月物业费收缴 1234567.50元。'],
    ['2026-11-05 已完成消防检查。', '2026-11-05 已完成消防检查。'],
    ['预计 1-150天 完成维修。', '预计 1-150天 完成维修。'],
    ['3号楼电梯故障已修复。', '3号楼电梯故障已修复。'],
    ['B座1202空调外机噪音，已协调。', '某房号空调外机噪音，已协调。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: what the tagger takes for a person’s name is highlighted; the stop-list and the references of 老/小 work inside longer sentences', () => {
  check([
    ['感谢陈志强对小区绿化工作的支持。', '感谢陈志强对小区绿化工作的支持。', ['person_name:陈志强']],
    ['经理黄晓明到场协调停车问题。', '经理黄晓明到场协调停车问题。', ['person_name:黄晓明']],
    ['张伟说小区门口的路灯不亮。', '张伟说小区门口的路灯不亮。', ['person_name:张伟']],
    ['维修手法高明，业主表示感谢。', '维修手法高明，业主表示感谢。', ['person_name:高明']],
    ['业主反映楼下小王家的狗夜间吠叫。', '业主反映楼下某人家的狗夜间吠叫。'],
    ['请联系小区客服中心，热线400-820-8820。', '请联系小区客服中心，热线400-820-8820。'],
    ['保安老李发现消防通道被占用。', '保安某人发现消防通道被占用。'],
    ['小范围停电已恢复，时间约2小时。', '小范围停电已恢复，时间约2小时。'],
    ['老党员志愿者参与了小区清洁活动。', '老党员志愿者参与了小区清洁活动。'],
    ['使用小程序报修的业主越来越多。', '使用小程序报修的业主越来越多。'],
  ]);
});

describe('002 篇4 4.2.2.2 corpus: size and the stop-list', () => {
  it('the corpus has at least 50 sentences', () => {
    expect(new Set(corpus.map(([text]) => text)).size).toBeGreaterThanOrEqual(50);
  });

  it.each(['小区', '小时', '小高层', '小孩', '小学', '老人', '老化', '老旧', '小程序', '老党员'])(
    'stop-list word %s is in LAO_XIAO_WORDS and survives anonymisation',
    (word) => {
      expect(LAO_XIAO_WORDS).toContain(word);
      expect(run(`${word}的问题已反映`).text).toBe(`${word}的问题已反映`);
    },
  );
});

describe('002 篇4 4.2.2.2 highlights: stable ids, the director’s decision applied', () => {
  it('the same word gets the same id wherever the text around it changes; a second occurrence has its own', () => {
    const one = findHighlights('感谢陈志强的支持。', tagger);
    const two = findHighlights('本月新增一件投诉。感谢陈志强的支持，陈志强还送了锦旗。', tagger);
    expect(one).toHaveLength(1);
    expect(two.map((h) => h.text)).toEqual(['陈志强', '陈志强']);
    expect(two[0].id).toBe(one[0].id);
    expect(two[1].id).not.toBe(two[0].id);
    expect(two[0]).toMatchObject({ kind: 'person_name', start: 11, end: 14 });
  });

  it('redact replaces the word (某人, 某号码) and moves the offsets; keep leaves it; undecided stays as it is', () => {
    const text = '感谢陈志强的支持，合同编号20261105001，黄晓明到场。';
    const found = findHighlights(text, tagger);
    expect(found.map((h) => h.text)).toEqual(['陈志强', '20261105001', '黄晓明']);
    const choices: Record<string, 'redact' | 'keep'> = { [found[0].id]: 'redact', [found[1].id]: 'redact' };
    const applied = applyHighlightDecisions(text, found, (h) => choices[h.id]);
    expect(applied.text).toBe('感谢某人的支持，合同编号某号码，黄晓明到场。');
    expect(applied.highlights.map((h) => [h.choice, applied.text.slice(h.start, h.end)])).toEqual([
      ['redact', '某人'],
      ['redact', '某号码'],
      [undefined, '黄晓明'],
    ]);
  });

  it('placeholders are never highlighted: anonymising and redacting twice changes nothing', () => {
    const once = run('业主张三、王先生、老张与陈志强反映，单号87654321。');
    const redacted = applyHighlightDecisions(once.text, once.highlights, () => 'redact').text;
    expect(redacted).toBe('业主某业主、某先生、某人与某人反映，单号某号码。');
    expect(run(redacted)).toMatchObject({ text: redacted, findings: [], highlights: [] });
  });
});
