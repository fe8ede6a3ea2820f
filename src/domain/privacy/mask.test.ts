import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from './mask';

describe('masking personal data (PRIV-2)', () => {
  it('masks mobiles and landlines keeping the last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('075512345678')).toBe('075*****5678');
    // short public service numbers are not personal data and stay readable
    expect(maskPhone('95598')).toBe('95598');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone(null)).toBeNull();
  });

  it('masks names keeping the surname character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
  });
});
