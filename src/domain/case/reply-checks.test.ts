import { describe, expect, it } from 'vitest';
import { checkReply, findDeflections, hasApology, replyOverrideMissing } from './reply-checks';

describe('FIRSTASK-3 forbidden deflections (004 第四条)', () => {
  it('FIRSTASK-3 finds the four phrases of 004 第四条', () => {
    expect(findDeflections('我不知道')).toEqual(['不知道']);
    expect(findDeflections('这个我也不清楚')).toEqual(['不清楚']);
    expect(findDeflections('这事我们办不了')).toEqual(['办不了']);
    expect(findDeflections('这不归我们管')).toEqual(['不归我们管']);
  });

  it('FIRSTASK-3 finds close variants: 不归我管, 没办法, 没有办法, 管不了, 不是我们的事, 不关我们的事', () => {
    expect(findDeflections('不归我管')).toEqual(['不归我们管']);
    expect(findDeflections('不归物业管')).toEqual(['不归我们管']);
    expect(findDeflections('我们也没办法')).toEqual(['没办法']);
    expect(findDeflections('我们也没有办法')).toEqual(['没办法']);
    expect(findDeflections('物业管不了')).toEqual(['管不了']);
    expect(findDeflections('这不是我们的事')).toEqual(['不是我们管的']);
    expect(findDeflections('不属于物业的责任范围')).toEqual(['不是我们管的']);
    expect(findDeflections('这不关我们的事')).toEqual(['不关我们的事']);
  });

  it('FIRSTASK-3 matches through spaces and Traditional characters', () => {
    expect(findDeflections('不 归 我们 管')).toEqual(['不归我们管']);
    expect(findDeflections('這不歸我們管，我們辦不了')).toEqual(['办不了', '不归我们管']);
  });

  it('FIRSTASK-3 polite turns are not deflections: 如有不清楚的地方 / 不知道您是否方便', () => {
    expect(findDeflections('如有不清楚的地方，请随时致电客服中心')).toEqual([]);
    expect(findDeflections('不知道您明天上午是否方便，师傅想上门查看')).toEqual([]);
    expect(findDeflections('不知您是否方便')).toEqual([]);
    expect(findDeflections('维修师傅今天下午三点上门更换水管')).toEqual([]);
  });
});

describe('HANDLE-4 the first answer to a service complaint apologises', () => {
  it('HANDLE-4 apology words: 抱歉, 对不起, 致歉, 道歉, 歉意', () => {
    for (const text of [
      '非常抱歉',
      '对不起，让您久等了',
      '谨向您致歉',
      '我们向您道歉',
      '深表歉意',
      '對不起',
    ]) {
      expect(hasApology(text)).toBe(true);
    }
    expect(hasApology('已安排处理')).toBe(false);
  });

  it('HANDLE-4 warns when the first reply to a service complaint has no apology', () => {
    expect(checkReply({ message: '已批评教育该员工', serviceComplaint: true, firstReply: true })).toEqual([
      { code: 'apology_missing' },
    ]);
    expect(
      checkReply({ message: '很抱歉，已批评教育该员工', serviceComplaint: true, firstReply: true }),
    ).toEqual([]);
  });

  it('HANDLE-4 no apology needed for a later reply or for another kind of case', () => {
    expect(checkReply({ message: '已处理', serviceComplaint: true, firstReply: false })).toEqual([]);
    expect(checkReply({ message: '已处理', serviceComplaint: false, firstReply: true })).toEqual([]);
  });

  it('deflection and missing apology together', () => {
    expect(checkReply({ message: '这个我们办不了', serviceComplaint: true, firstReply: true })).toEqual([
      { code: 'deflection', phrase: '办不了' },
      { code: 'apology_missing' },
    ]);
  });
});

describe('overriding a warning needs a reason (ours)', () => {
  it('a warning without a reason must be overridden; a blank reason does not count', () => {
    const warnings = [{ code: 'apology_missing' as const }];
    expect(replyOverrideMissing(warnings, undefined)).toBe(true);
    expect(replyOverrideMissing(warnings, '   ')).toBe(true);
    expect(replyOverrideMissing(warnings, '已当面道歉，此处为书面补充')).toBe(false);
    expect(replyOverrideMissing([], undefined)).toBe(false);
  });
});
