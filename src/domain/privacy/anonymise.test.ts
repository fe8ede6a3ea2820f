import { describe, expect, it } from 'vitest';
import {
  anonymise,
  containsPersonalData,
  findPersonalData,
  mergeSmallGroups,
  usableNames,
  type Bucket,
} from './anonymise';

const names = ['张三', '欧阳娜娜', '欧阳', '李建国', '王芳', 'Maria Gonzalez'];
const redact = (text: string, n: readonly string[] = names) => anonymise(text, { names: n }).text;

describe('REPORT-3 public version: phone numbers are redacted', () => {
  it.each([
    ['业主来电 13812345678 反映', '业主来电 某电话 反映'],
    ['手机138 1234 5678，', '手机某电话，'],
    ['电话：138-1234-5678。', '电话：某电话。'],
    ['+86 138 1234 5678', '某电话'],
    ['+8613812345678', '某电话'],
    ['008613812345678', '某电话'],
    ['座机0755-86001234转806', '座机某电话'],
    ['座机 (010) 8888 6666 晚上打', '座机 某电话 晚上打'],
    ['（020）12345678', '某电话'],
    ['0755 8600 1234', '某电话'],
    ['尾号 138****5678 的业主', '尾号 某电话 的业主'],
    ['１３８１２３４５６７８', '某电话'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps numbers that are not phones: dates, amounts, case numbers, counts', () => {
    for (const text of [
      '2026-11-05 已处理',
      '维修费 1200 元',
      '事项编号 TS-2026-000123',
      '本月受理 12 件，回访 10 件',
      '合同编号 20261105001',
      '热线 400-820-8820',
    ])
      expect(redact(text), text).toBe(text);
  });
});

describe('REPORT-3 public version: room numbers are redacted', () => {
  it.each([
    ['3-2-501 漏水', '某房号 漏水'],
    ['12-1502业主', '某房号业主'],
    ['3号楼2单元501室卫生间', '某房号卫生间'],
    ['3号楼2单元501', '某房号'],
    ['3栋501门口', '某房号门口'],
    ['3幢2单元1202', '某房号'],
    ['B座1202空调', '某房号空调'],
    ['十二栋1502', '某房号'],
    ['2单元501', '某房号'],
    ['501室楼上', '某房号楼上'],
    ['房号：1202', '某房号'],
    ['门牌号 3-2-501', '某房号'],
    ['翠湖花园 3号楼2单元501 业主张三', '翠湖花园 某房号 业主某业主'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps buildings, units, ranges and floors: they name places many households share', () => {
    for (const text of [
      '3号楼电梯故障',
      '2单元楼道灯不亮',
      '费用 100-200元',
      '预计 1-150天',
      '5楼走廊',
      '11-05 复查',
      'A栋门禁',
    ])
      expect(redact(text), text).toBe(text);
  });
});

describe('REPORT-3 public version: names of known residents and reporters are redacted', () => {
  it('redacts known names, longest first (欧阳娜娜 wins over 欧阳)', () => {
    expect(redact('欧阳娜娜和欧阳先生都反映了')).toBe('某业主和某业主都反映了');
    expect(redact('李建国说王芳家漏水')).toBe('某业主说某业主家漏水');
  });

  it('a known name followed by a form of address becomes one placeholder', () => {
    expect(redact('张三先生表示满意')).toBe('某业主表示满意');
    // 文先生 alone would be a surname + form of address: the known name 张文 wins, nothing of it is left
    expect(redact('张文先生表示满意', ['张文'])).toBe('某业主表示满意');
  });

  it('"<surname>先生/女士/阿姨" of unknown people keeps the form of address', () => {
    expect(redact('陈女士来电，刘阿姨来访，欧阳老伯致谢', [])).toBe('某女士来电，某阿姨来访，某老伯致谢');
  });

  it('masked names from the desk (张*, 欧阳**) are redacted too', () => {
    expect(redact('反映人：赵*，联系人：欧阳**')).toBe('反映人：某业主，联系人：某业主');
  });

  it('Latin names match whole words, case-insensitively', () => {
    expect(redact('maria gonzalez called; Mariachi band')).toBe('某业主 called; Mariachi band');
  });

  it('does not destroy ordinary words around the forms of address (门卫大爷, 保安大爷, 我和阿姨)', () => {
    for (const text of ['门卫大爷很负责', '保安大爷巡逻', '我和阿姨沟通过', '物管阿姨已处理', '向阿姨道歉'])
      expect(redact(text, []), text).toBe(text);
  });

  it('trade-off: a 2-character name is redacted even inside a longer word', () => {
    expect(redact('维修手法高明', ['高明'])).toBe('维修手法某业主');
  });

  it('one-character names and property words in the name field are ignored', () => {
    expect(usableNames(['张', ' 业主 ', '物业', '王 芳', '王芳', 'Li', '欧阳娜娜'])).toEqual([
      '欧阳娜娜',
      '王芳',
    ]);
    expect(redact('业主张反映物业问题', ['张', '业主', '物业'])).toBe('业主张反映物业问题');
  });

  it('names written with characters outside the BMP (𠀋 and the like) are found too', () => {
    const { text } = anonymise('业主𠀋小明反映楼道漏水', { names: ['𠀋小明', '王五'] });
    expect(text).not.toContain('𠀋小明');
    expect(text).toContain('楼道漏水');
  });

  it('among thousands of known names, only those in the text are redacted, whatever their first letter', () => {
    const many = Array.from(
      { length: 5000 },
      (_, i) =>
        `${String.fromCharCode(0x4e00 + (i % 3000))}${String.fromCharCode(0x4e00 + ((i * 7) % 3000))}`,
    );
    const names = [...many, 'Anna Smith', '李梅'];
    const { text } = anonymise('anna smith 与李梅反映', { names });
    expect(text).not.toMatch(/anna smith|李梅/i);
  });

  it('regex characters in names are taken literally', () => {
    expect(redact('a.b 与 axb', ['a.b.c', 'a.b'])).toBe('a.b 与 axb');
    expect(redact('某人(李)反映', ['(李)反'])).toBe('某人某业主映');
  });
});

describe('REPORT-3 planted data: nothing of it survives, and the check names each finding', () => {
  const planted =
    '业主张三（3号楼2单元501室，电话138-1234-5678）反映：楼上 3-2-601 的李建国家漏水，' +
    '另一位王芳女士（B座1202，座机0755-86001234）也来电。已请欧阳娜娜协助。';

  it('the anonymised text contains no planted name, room or phone', () => {
    const { text, findings } = anonymise(planted, { names });
    for (const secret of [
      '张三',
      '李建国',
      '王芳',
      '欧阳娜娜',
      '501',
      '601',
      '1202',
      '138',
      '5678',
      '0755',
      '86001234',
    ])
      expect(text, secret).not.toContain(secret);
    expect(findings.map((f) => f.kind).sort()).toEqual(
      ['name', 'name', 'name', 'name', 'phone', 'phone', 'room', 'room', 'room'].sort(),
    );
    expect(containsPersonalData(text, { names })).toBe(false);
  });

  it('findings give the offsets and the original text', () => {
    const [first] = findPersonalData('请联系13812345678', { names });
    expect(first).toMatchObject({
      kind: 'phone',
      start: 3,
      end: 14,
      text: '13812345678',
      replacement: '某电话',
    });
  });

  it('placeholders are not themselves findings (anonymising twice changes nothing)', () => {
    const once = redact(planted);
    expect(redact(once)).toBe(once);
  });
});

describe('REPORT-3 small groups that could identify one household merge into 其他', () => {
  const buckets: Bucket[] = [
    { key: 'c1', label: '翠湖花园', count: 7 },
    { key: 'c2', label: '锦绣家园', count: 1 },
    { key: 'c3', label: '阳光小区', count: 2 },
    { key: 'c4', label: '金色港湾', count: 3 },
    { key: 'c5', label: '空小区', count: 0 },
  ];

  it('buckets below the threshold (default 3) become one 其他 bucket at the end; empty ones vanish', () => {
    expect(mergeSmallGroups(buckets)).toEqual([
      { key: 'c1', label: '翠湖花园', count: 7 },
      { key: 'c4', label: '金色港湾', count: 3 },
      { key: 'other', label: '其他', count: 3 },
    ]);
  });

  it('an existing 其他 bucket is merged, not shown twice; the total is kept', () => {
    const merged = mergeSmallGroups([
      { key: 'x', label: '其他', count: 5 },
      { key: 'y', label: '绿化', count: 2 },
      { key: 'z', label: '电梯', count: 4 },
    ]);
    expect(merged).toEqual([
      { key: 'z', label: '电梯', count: 4 },
      { key: 'other', label: '其他', count: 7 },
    ]);
  });

  it('the threshold is policy: 5 merges more, 1 merges nothing', () => {
    expect(mergeSmallGroups(buckets, 5).map((b) => b.label)).toEqual(['翠湖花园', '其他']);
    expect(mergeSmallGroups(buckets, 1).map((b) => b.count)).toEqual([7, 1, 2, 3]);
  });
});
