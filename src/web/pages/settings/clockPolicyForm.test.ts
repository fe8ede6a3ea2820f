/**
 * The clock policy page's form and body (CLOCK-1; the exempt kinds of INTAKE-11): the company's own defaults in and
 * out, the more specific rules back as read, the exempt kinds sent only when changed, and the case-number prefixes
 * (INTAKE-8) edited: blank keeps the built-in one, two kinds never share one.
 */
import { describe, expect, it } from 'vitest';
import { uiText, type UiKey, type UiParams } from '../../i18n/dictionaries';
import { clashingPrefixKinds, durationText, EDITABLE_CLOCKS, toBody, toForm } from './clockPolicyForm';
import { CATEGORY, policyFixture } from './policyFixture';

const zh = (key: UiKey, params?: UiParams) => uiText('zh-CN', key, params);

describe('clock policy form', () => {
  it('reads each editable clock as built-in, own duration or off; the clocks due at a given time are not edited', () => {
    const form = toForm(
      policyFixture({ clockPolicy: { defaults: { reply: { amount: 12, unit: 'hours' }, progress: null } } }),
    );
    expect(EDITABLE_CLOCKS).not.toContain('corrective');
    expect(EDITABLE_CLOCKS).not.toContain('appointment');
    expect(EDITABLE_CLOCKS).toContain('homeVisit');
    expect(form.modes).toMatchObject({
      reply: 'duration',
      progress: 'off',
      onsite: 'default',
      homeVisit: 'default',
    });
    expect(form.clockPolicy.defaults.reply).toEqual({ amount: 12, unit: 'hours' });
    // a clock off by default starts from the suggestion when turned on; others from the built-in value
    expect(form.clockPolicy.defaults.homeVisit).toEqual({ amount: 7, unit: 'calendar_days' });
    expect(form.clockPolicy.defaults.followUp).toEqual({ amount: 2, unit: 'working_days' });
  });

  it('sends the own defaults, keeps the specific rules, the prefixes and a rule of a given-time clock', () => {
    const p = policyFixture();
    const form = toForm(p);
    form.modes.reply = 'default';
    form.modes.homeVisit = 'duration';
    form.modes.verify = 'duration';
    form.clockPolicy.defaults.verify = { amount: 5, unit: 'same_day' };
    form.modes.progress = 'off';
    expect(toBody(p, form)).toEqual({
      version: 4,
      clockPolicy: {
        defaults: {
          corrective: null,
          homeVisit: { amount: 7, unit: 'calendar_days' },
          verify: { amount: 0, unit: 'same_day' },
          progress: null,
        },
        byKind: { repair: { resolve: { amount: 3, unit: 'calendar_days' } } },
        bySeverity: { emergency: { onsite: { amount: 15, unit: 'minutes' }, callback: null } },
        byCategory: { [CATEGORY]: { resolve: { amount: 1, unit: 'working_days' } } },
      },
      numberPrefixes: { complaint: 'TS' },
    });
  });

  it('sends the exempt kinds only when they changed (absent leaves them as they were)', () => {
    const p = policyFixture();
    // the same kinds in another order are no change
    expect(toBody(p, { ...toForm(p), callbackExemptKinds: ['praise', 'inquiry'] })).not.toHaveProperty(
      'callbackExemptKinds',
    );
    expect(toBody(p, { ...toForm(p), callbackExemptKinds: ['inquiry'] }).callbackExemptKinds).toEqual([
      'inquiry',
    ]);
    expect(toBody(p, { ...toForm(p), callbackExemptKinds: [] }).callbackExemptKinds).toEqual([]);
  });

  it('writes durations as the desk reads them', () => {
    expect(durationText(zh, { amount: 30, unit: 'minutes' })).toBe('30分钟');
    expect(durationText(zh, { amount: 2, unit: 'working_days' })).toBe('2个工作日');
    expect(durationText(zh, { amount: 0, unit: 'same_day' })).toBe('当天');
    expect(durationText(zh, { amount: 0, unit: 'calendar_days' })).toBe('当天');
    expect(durationText(zh, null)).toBe('不计时');
  });

  it('INTAKE-8: sends the prefixes given, upper-cased; a blank one keeps the built-in prefix', () => {
    const p = policyFixture();
    const form = toForm(p);
    expect(form.numberPrefixes).toEqual({ complaint: 'TS' });
    form.numberPrefixes = { complaint: ' tsu ', repair: 'WX', inquiry: '  ' };
    expect(toBody(p, form).numberPrefixes).toEqual({ complaint: 'TSU', repair: 'WX' });
  });

  it.each([
    { own: {}, clash: [] },
    // the repair prefix set to the complaint's built-in one: both kinds would number with TS
    { own: { repair: 'TS' }, clash: ['complaint', 'repair'] },
    { own: { complaint: 'BX' }, clash: ['complaint', 'repair'] },
    // moved out of the way first, the built-in prefix is free again
    { own: { complaint: 'TSU', repair: 'TS' }, clash: [] },
    { own: { inquiry: 'xx', other: 'XX ' }, clash: ['inquiry', 'other'] },
  ] as const)('INTAKE-8: prefixes $own clash on $clash', ({ own, clash }) => {
    expect(clashingPrefixKinds(own)).toEqual(clash);
  });
});
