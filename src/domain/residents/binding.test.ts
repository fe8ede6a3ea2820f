import { describe, expect, it } from 'vitest';
import {
  bindingRequestRefusal,
  DECLINE_SHOWN_MS,
  decideBinding,
  recentDeclines,
  MAX_PENDING_BINDINGS,
  registerBindings,
  type BindingFacts,
} from './binding';

describe('RESIDENT-3 binding an account to rooms', () => {
  const b = (roomId: string, status: BindingFacts['status']): BindingFacts => ({ roomId, status });
  it.each([
    ['a first request', [], 'r1', null],
    ['the room is already bound', [b('r1', 'approved')], 'r1', 'already_bound'],
    ['a request for it waits', [b('r1', 'pending')], 'r1', 'already_requested'],
    ['declined before: may ask again', [b('r1', 'declined')], 'r1', null],
    ['unbound before: may ask again', [b('r1', 'removed')], 'r1', null],
    [
      `${MAX_PENDING_BINDINGS} requests wait`,
      Array.from({ length: MAX_PENDING_BINDINGS }, (_, i) => b(`p${i}`, 'pending')),
      'r1',
      'too_many_requests',
    ],
  ] as const)('%s', (_, mine, roomId, refusal) => {
    expect(bindingRequestRefusal(mine, roomId)).toBe(refusal);
  });

  it.each([
    ['approve a pending request', 'pending', { approve: true }, { status: 'approved', reason: null }],
    [
      'decline with a reason',
      'pending',
      { approve: false, reason: ' 房号与登记不符 ' },
      { status: 'declined', reason: '房号与登记不符' },
    ],
    ['decline without a reason', 'pending', { approve: false, reason: '  ' }, { refused: 'reason_required' }],
    ['decide twice', 'approved', { approve: true }, { refused: 'not_pending' }],
    ['decide a removed binding', 'removed', { approve: false, reason: 'x' }, { refused: 'not_pending' }],
  ] as const)('%s', (_, status, decision, expected) => {
    expect(decideBinding(status, decision)).toEqual(expected);
  });

  it('the register binds the rooms listed with the phone, never one the resident unbound or staff declined', () => {
    expect(
      registerBindings(
        ['r1', 'r2', 'r3', 'r4', 'r1'],
        [b('r2', 'removed'), b('r3', 'declined'), b('r4', 'approved')],
      ),
    ).toEqual(['r1']);
  });

  it('RESIDENT-3 a decline stays on the resident’s page for 30 days, then goes', () => {
    const now = new Date('2026-12-08T00:00:00Z');
    const at = (msAgo: number) => new Date(now.getTime() - msAgo);
    const rows = [
      { id: 'fresh', status: 'declined' as const, decidedAt: at(DECLINE_SHOWN_MS - 1) },
      { id: 'old', status: 'declined' as const, decidedAt: at(DECLINE_SHOWN_MS) },
      { id: 'bound', status: 'approved' as const, decidedAt: at(1) },
    ];
    expect(recentDeclines(rows, now).map((r) => r.id)).toEqual(['fresh']);
  });
});
