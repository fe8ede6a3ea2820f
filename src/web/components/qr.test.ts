import { describe, expect, it } from 'vitest';
import { qrPath } from './qr';

describe('qrPath (UI-7: a QR code back to the case on every printed form)', () => {
  const url = 'https://huiyin.example.com/cases/01a20d58-33ba-7cd7-8dff-18ac91d5b434';

  it('encodes a case address in a version that fits it, with the three finder patterns', () => {
    const { size, isDark, path } = qrPath(url);
    // 66 bytes at level M need version 5 (37 modules); a longer host may need 6.
    expect([37, 41]).toContain(size);
    for (const [r0, c0] of [
      [0, 0],
      [0, size - 7],
      [size - 7, 0],
    ]) {
      // the finder: a dark 7×7 ring, a light ring, a dark 3×3 centre
      for (let i = 0; i < 7; i++) {
        expect(isDark(r0, c0 + i)).toBe(true);
        expect(isDark(r0 + 6, c0 + i)).toBe(true);
        expect(isDark(r0 + i, c0)).toBe(true);
      }
      expect(isDark(r0 + 1, c0 + 1)).toBe(false);
      expect(isDark(r0 + 3, c0 + 3)).toBe(true);
    }
    expect(path.startsWith('M0 0h1v1h-1z')).toBe(true);
  });

  it('differs for different cases', () => {
    expect(qrPath(`${url}0`).path).not.toBe(qrPath(url).path);
  });
});
