import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('dashboard CSV export (REPORT-7: every chart exports its table)', () => {
  it('quotes commas, quotes and newlines, and neutralises formulas', () => {
    expect(
      toCsv(
        ['分类', '数量'],
        [
          ['电梯,扶梯', 2],
          ['say "hi"', 1],
          ['=1+1', 3],
          ['-', 0],
        ],
      ),
    ).toBe('分类,数量\r\n"电梯,扶梯",2\r\n"say ""hi""",1\r\n\'=1+1,3\r\n\'-,0');
  });
  it('keeps negative numbers as numbers', () => {
    expect(toCsv(['n'], [[-1]])).toBe('n\r\n-1');
  });
});
