import { describe, expect, it } from 'vitest';
import { asStoredJson, asStoredText } from './text';

/** What node-postgres does to a text parameter: encode it as UTF-8 (PostgreSQL stores those bytes). */
const asParameter = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

describe('asStoredText: text inside JSON is stored as the same text sent as a parameter', () => {
  const samples = [
    '',
    '卫生间漏水严重',
    'plain ascii',
    '表情 😀 成对的代理项',
    'lone high \uD83D at the end \uD83D',
    'lone low \uDE00 alone',
    'reversed pair \uDE00\uD83D',
    '\uD800\uD800\uDC00',
    '\uDBFF',
    '\uDC00\uDC00',
  ];
  it.each(samples)('%j', (text) => {
    expect(asStoredText(text)).toBe(asParameter(text));
  });

  it('returns well-formed text itself', () => {
    const text = '楼道灯不亮，晚上上下楼看不清';
    expect(asStoredText(text)).toBe(text);
  });
});

describe('asStoredJson: every string of a JSON value, at any depth', () => {
  it('cleans strings in objects and arrays and leaves other values alone', () => {
    const at = new Date('2026-11-24T00:00:00Z');
    expect(asStoredJson({ result: 'a\ud800b', list: ['\udc00', 1, true, null], nested: { at } })).toEqual({
      result: 'a\ufffdb',
      list: ['\ufffd', 1, true, null],
      nested: { at },
    });
  });
});
