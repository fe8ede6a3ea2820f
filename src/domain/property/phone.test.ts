import { describe, expect, it } from 'vitest';
import { canonicalPhone, parsePhone, splitPhones } from './phone';

describe('phone canonical form (REGISTER-4)', () => {
  it.each([
    ['13812345678', '13812345678', null, 'mobile'],
    ['+86 138 1234 5678', '13812345678', null, 'mobile'],
    ['+86-138-1234-5678', '13812345678', null, 'mobile'],
    ['008613812345678', '13812345678', null, 'mobile'],
    ['8613812345678', '13812345678', null, 'mobile'],
    ['１３８１２３４５６７８', '13812345678', null, 'mobile'],
    ['0755-12345678', '075512345678', null, 'landline'],
    ['(0755)12345678', '075512345678', null, 'landline'],
    ['010-1234 5678', '01012345678', null, 'landline'],
    ['0755-12345678-801', '075512345678', '801', 'landline'],
    ['0755-12345678转801', '075512345678', '801', 'landline'],
    ['0755 12345678 ext 801', '075512345678', '801', 'landline'],
    ['0571-8765432', '05718765432', null, 'landline'],
    ['95598', '95598', null, 'service'],
    ['400-123-4567', '4001234567', null, 'service'],
    ['12345', '12345', null, 'service'],
  ])('%s → %s ext %s (%s)', (input, canonical, extension, kind) => {
    expect(parsePhone(input)).toEqual({ ok: true, canonical, extension, kind });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'invalid'],
    ['1381234567', 'invalid'],
    ['23812345678', 'invalid'],
    ['+1 415 555 1234', 'invalid'],
    ['82345678', 'area_code_required'],
  ])('%s is refused (%s)', (input, reason) => {
    expect(parsePhone(input)).toEqual({ ok: false, reason });
  });

  it('the same number written three ways has one canonical form', () => {
    const forms = ['138-1234-5678', '+8613812345678', '138 1234 5678'].map(canonicalPhone);
    expect(new Set(forms)).toEqual(new Set(['13812345678']));
  });

  it('splits several phones separated by / as in the import template', () => {
    expect(splitPhones('13812345678 / 0755-12345678，13900000000')).toEqual([
      '13812345678',
      '0755-12345678',
      '13900000000',
    ]);
  });
});
