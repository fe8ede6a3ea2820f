import { describe, expect, it } from 'vitest';
import { searchDocument, searchQuery, searchTokens } from './search-text';

describe('Chinese-aware search text (SEARCH-1)', () => {
  it('segments property words the way staff search for them', () => {
    const tokens = searchTokens('卫生间漏水严重，3号楼电梯困人');
    expect(tokens).toEqual(expect.arrayContaining(['漏水', '卫生间', '号楼', '电梯', '困人']));
    expect(tokens).not.toContain('，');
  });

  it('a query token is a token of the document', () => {
    const doc = searchDocument('卫生间漏水严重').split(' ');
    expect(doc).toContain('漏水');
    expect(searchQuery('漏水')).toBe("'漏水'");
  });

  it('quotes tokens so user input is never tsquery syntax', () => {
    expect(searchQuery("a' | b & !c")).toBe("'a' & 'b' & 'c'");
    expect(searchQuery('，。！')).toBeNull();
  });
});
