import { describe, expect, it } from 'vitest';
import { parseHolidayNotice } from './holiday-notice';

/** The 2026 notice as the State Council published it (国办发明电〔2025〕7号), the part an admin pastes. */
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。`;

describe('CLOCK-9 the State Council’s yearly notice, pasted', () => {
  it('CLOCK-9 reads every festival’s days off and the weekend days worked', () => {
    const p = parseHolidayNotice(NOTICE_2026, 2026);
    expect(p.unread).toEqual([]);
    expect(p.festivals.map((f) => f.name)).toEqual([
      '元旦',
      '春节',
      '清明节',
      '劳动节',
      '端午节',
      '中秋节',
      '国庆节',
    ]);
    const spring = p.festivals[1];
    expect(spring.holidays).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(spring.workdays).toEqual(['2026-02-14', '2026-02-28']);
    expect(p.festivals[0]).toEqual({
      name: '元旦',
      holidays: ['2026-01-01', '2026-01-02', '2026-01-03'],
      workdays: ['2026-01-04'],
    });
    expect(p.festivals[6].workdays).toEqual(['2026-09-20', '2026-10-10']);
    expect(p.festivals.flatMap((f) => f.holidays)).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
  });

  it('CLOCK-9 a single day off, a range across the new year, explicit years; a line it cannot read is reported, not guessed', () => {
    const p = parseHolidayNotice(
      `一、元旦：2011年12月31日至2012年1月3日放假调休，共4天。
二、清明节：4月5日放假，与周末连休。
三、劳动节：5月31日至40日放假。`,
      2012,
    );
    expect(p.festivals[0].holidays).toEqual(['2011-12-31', '2012-01-01', '2012-01-02', '2012-01-03']);
    expect(p.festivals[1]).toEqual({ name: '清明节', holidays: ['2012-04-05'], workdays: [] });
    expect(p.unread).toEqual(['三、劳动节：5月31日至40日放假。']);
    expect(parseHolidayNotice('随便一段话', 2027)).toEqual({ festivals: [], unread: [] });
  });
});
