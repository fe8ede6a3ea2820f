import { describe, expect, it } from 'vitest';
import { sharedBuffersFor } from './pg-tuning';

const GB = 1024 ** 3;

describe('sharedBuffersFor (embedded PostgreSQL memory)', () => {
  it('takes a quarter of the RAM, at least 128 MB and at most 4 GB', () => {
    expect(sharedBuffersFor(8 * GB)).toBe('2048MB');
    expect(sharedBuffersFor(23.5 * GB)).toBe('4096MB');
    expect(sharedBuffersFor(256 * GB)).toBe('4096MB');
    expect(sharedBuffersFor(2 * GB)).toBe('512MB');
    expect(sharedBuffersFor(256 * 1024 ** 2)).toBe('128MB');
  });
});
