import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLocale, translate } from './messages';

describe('server messages (UI-4: every zh-CN error key exists in en-US and the other way round)', () => {
  it('both locales have exactly the same keys and no empty text', () => {
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    const en = Object.keys(MESSAGES['en-US']).sort();
    expect(en).toEqual(zh);
    for (const locale of ['zh-CN', 'en-US'] as const)
      for (const [key, text] of Object.entries(MESSAGES[locale]))
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
  });

  it('placeholders match between the languages', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES['zh-CN']) as (keyof (typeof MESSAGES)['zh-CN'])[])
      expect(holes(MESSAGES['en-US'][key]), key).toEqual(holes(MESSAGES['zh-CN'][key]));
  });

  it('fills placeholders and falls back for unknown rule keys', () => {
    expect(translate('en-US', 'rate_limited', { minutes: 15 })).toBe(
      'Too many attempts; try again in 15 minutes',
    );
    expect(translate('zh-CN', 'rule.something_new')).toBe('不符合业务规则');
  });

  it('picks the language from Accept-Language, zh-CN by default', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en-US');
    expect(pickLocale('fr-FR, en;q=0.5')).toBe('en-US');
    expect(pickLocale('zh-TW')).toBe('zh-CN');
    expect(pickLocale('de')).toBe('zh-CN');
  });
});
