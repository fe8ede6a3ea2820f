import { describe, expect, it } from 'vitest';
import {
  duplicateWindow,
  isLikelyDuplicate,
  isRecentRepeat,
  likelyDuplicates,
  type DuplicateCandidate,
} from './duplicates';

const at = (iso: string) => new Date(iso);
const probe = {
  roomId: 'r-1-2-301',
  callerPhone: '+86 138 1234 5678',
  categoryId: 'leak',
  receivedAt: at('2026-03-10T10:00:00+08:00'),
};
const existing = (overrides: Partial<DuplicateCandidate> = {}): DuplicateCandidate => ({
  id: 'c0',
  state: 'in_progress',
  roomId: 'r-1-2-301',
  callerPhone: '13812345678',
  categoryId: 'leak',
  receivedAt: at('2026-03-08T09:00:00+08:00'),
  ...overrides,
});

describe('duplicate hint: same room or caller, same category, not closed, within 7 days', () => {
  it('same room, same category, open, 2 days earlier → hint', () => {
    expect(isLikelyDuplicate(probe, existing())).toBe(true);
  });

  it('same caller in canonical form (+86, spaces) from another room → hint', () => {
    expect(isLikelyDuplicate(probe, existing({ roomId: 'r-9', callerPhone: '138-1234-5678' }))).toBe(true);
  });

  it('neither room nor caller shared → no hint', () => {
    expect(isLikelyDuplicate(probe, existing({ roomId: 'r-9', callerPhone: '13900000000' }))).toBe(false);
    expect(isLikelyDuplicate({ ...probe, roomId: null }, existing({ callerPhone: null }))).toBe(false);
  });

  it('another category, or no category → no hint', () => {
    expect(isLikelyDuplicate(probe, existing({ categoryId: 'noise' }))).toBe(false);
    expect(isLikelyDuplicate({ ...probe, categoryId: null }, existing({ categoryId: null }))).toBe(false);
  });

  it('closed → no hint; resolved still hints (a resident calling again about it)', () => {
    expect(isLikelyDuplicate(probe, existing({ state: 'closed' }))).toBe(false);
    expect(isLikelyDuplicate(probe, existing({ state: 'resolved' }))).toBe(true);
    expect(isLikelyDuplicate(probe, existing({ state: 'received' }))).toBe(true);
  });

  it('7 days is the window, either side', () => {
    expect(isLikelyDuplicate(probe, existing({ receivedAt: at('2026-03-03T10:00:00+08:00') }))).toBe(true);
    expect(isLikelyDuplicate(probe, existing({ receivedAt: at('2026-03-03T09:59:59+08:00') }))).toBe(false);
    expect(isLikelyDuplicate(probe, existing({ receivedAt: at('2026-03-12T10:00:00+08:00') }))).toBe(true);
    expect(duplicateWindow(probe.receivedAt)).toEqual({
      from: at('2026-03-03T10:00:00+08:00'),
      to: at('2026-03-17T10:00:00+08:00'),
    });
  });

  it('likelyDuplicates: filters, leaves the case itself out, most recent first', () => {
    const list = [
      existing({ id: 'a', receivedAt: at('2026-03-05T10:00:00+08:00') }),
      existing({ id: 'b', receivedAt: at('2026-03-09T10:00:00+08:00') }),
      existing({ id: 'c', state: 'closed' }),
      existing({ id: 'self' }),
    ];
    expect(likelyDuplicates({ ...probe, id: 'self' }, list).map((c) => c.id)).toEqual(['b', 'a']);
  });
});

describe('INTAKE-12 a repeat of a matter closed recently', () => {
  const now = new Date('2026-03-31T10:00:00+08:00');
  const closed = { roomId: 'r1', categoryId: 'leak', closedAt: new Date('2026-03-10T10:00:00+08:00') };
  it('INTAKE-12 same room and category, closed within 30 days', () => {
    expect(isRecentRepeat({ roomId: 'r1', categoryId: 'leak' }, closed, now)).toBe(true);
    expect(isRecentRepeat({ roomId: 'r2', categoryId: 'leak' }, closed, now)).toBe(false);
    expect(isRecentRepeat({ roomId: 'r1', categoryId: 'noise' }, closed, now)).toBe(false);
    expect(isRecentRepeat({ roomId: 'r1', categoryId: null }, closed, now)).toBe(false);
    expect(isRecentRepeat({ roomId: 'r1', categoryId: 'leak' }, closed, now, 14)).toBe(false);
    expect(
      isRecentRepeat(
        { roomId: 'r1', categoryId: 'leak' },
        { ...closed, closedAt: new Date('2026-02-20T10:00:00+08:00') },
        now,
      ),
    ).toBe(false);
  });
});
