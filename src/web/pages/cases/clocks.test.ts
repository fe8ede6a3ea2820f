import { describe, expect, it } from 'vitest';
import type { CaseClock } from '../../api/types';
import { uiText, type UiKey, type UiParams } from '../../i18n/dictionaries';
import { clockStatus, formatDuration, liveClocks } from './clocks';

const T0 = Date.parse('2026-11-24T06:00:00Z');
const H = 3600_000;
const clock = (over: Partial<CaseClock> = {}): CaseClock => ({
  name: 'reply',
  startedAt: new Date(T0).toISOString(),
  dueAt: new Date(T0 + 10 * H).toISOString(),
  metAt: null,
  breachedAt: null,
  warnedAt: null,
  stoppedAt: null,
  pausedMs: 0,
  paused: false,
  calendarUnknown: false,
  ...over,
});
const zh = (key: UiKey, params?: UiParams) => uiText('zh-CN', key, params);

describe('clock chips (UI-2: green on time, amber past 80 %, red breached, grey paused)', () => {
  it('is on time before 80 % of the span and a warning from 80 % on', () => {
    expect(clockStatus(clock(), 'in_progress', T0 + 7.9 * H)).toBe('ok');
    expect(clockStatus(clock(), 'in_progress', T0 + 8 * H)).toBe('warning');
  });

  it('trusts the server: warnedAt or breachedAt win over the browser clock', () => {
    const at = new Date(T0 + H).toISOString();
    expect(clockStatus(clock({ warnedAt: at }), 'in_progress', T0 + H)).toBe('warning');
    expect(clockStatus(clock({ breachedAt: at }), 'in_progress', T0 + H)).toBe('breached');
  });

  it('is breached once the due time passed, paused while waiting, done once met', () => {
    expect(clockStatus(clock(), 'in_progress', T0 + 11 * H)).toBe('breached');
    expect(clockStatus(clock({ paused: true }), 'waiting', T0 + 11 * H)).toBe('paused');
    expect(clockStatus(clock({ metAt: new Date(T0).toISOString() }), 'resolved', T0 + 11 * H)).toBe('met');
  });

  it('counts paused time out of the 80 % (the due time already moved by the pause)', () => {
    // 10 h clock paused 5 h: due at 15 h; at 12 h only 7 of 10 working hours are used
    const k = clock({ dueAt: new Date(T0 + 15 * H).toISOString(), pausedMs: 5 * H });
    expect(clockStatus(k, 'in_progress', T0 + 12 * H)).toBe('ok');
    expect(clockStatus(k, 'in_progress', T0 + 13 * H)).toBe('warning');
  });

  it('treats clocks the state has left behind as stopped (a closed case shows no running reply clock)', () => {
    expect(clockStatus(clock(), 'closed', T0 + H)).toBe('stopped');
    expect(clockStatus(clock({ name: 'callback' }), 'resolved', T0 + H)).toBe('ok');
    expect(clockStatus(clock({ name: 'followUp' }), 'received', T0 + H)).toBe('stopped');
    expect(clockStatus(clock({ name: 'homeVisit' }), 'closed', T0 + H)).toBe('stopped');
  });

  it("counts a repair's dispatch and an emergency's time on site from receipt, before any routing", () => {
    expect(clockStatus(clock({ name: 'dispatch' }), 'received', T0 + H)).toBe('ok');
    expect(clockStatus(clock({ name: 'onsite' }), 'received', T0 + H)).toBe('ok');
    expect(clockStatus(clock({ name: 'progress' }), 'in_progress', T0 + H)).toBe('ok');
    expect(clockStatus(clock({ name: 'followUp' }), 'routed', T0 + H)).toBe('ok');
  });

  it('keeps the promised answer and the home visit running while the case waits for its callback', () => {
    expect(clockStatus(clock({ name: 'appointment' }), 'resolved', T0 + H)).toBe('ok');
    expect(clockStatus(clock({ name: 'homeVisit' }), 'resolved', T0 + H)).toBe('ok');
    expect(clockStatus(clock({ name: 'appointment' }), 'in_progress', T0 + H)).toBe('stopped');
  });

  it('lists the live clocks nearest due first, paused ones last', () => {
    const c = {
      state: 'in_progress' as const,
      clocks: [
        clock({ name: 'resolve', dueAt: new Date(T0 + 50 * H).toISOString() }),
        clock({ name: 'reply', dueAt: new Date(T0 + 5 * H).toISOString(), paused: true }),
        clock({ name: 'verify', dueAt: new Date(T0 + 8 * H).toISOString() }),
        clock({ name: 'route', metAt: new Date(T0).toISOString() }),
      ],
    };
    expect(liveClocks(c, T0 + H).map((k) => k.name)).toEqual(['verify', 'resolve', 'reply']);
  });

  it('writes the countdown as 2天3小时, 3小时20分, 12分05秒', () => {
    expect(formatDuration(2 * 24 * H + 3 * H + 59_000, zh)).toBe('2天3小时');
    expect(formatDuration(3 * H + 20 * 60_000, zh)).toBe('3小时20分');
    expect(formatDuration(12 * 60_000 + 5_000, zh)).toBe('12分05秒');
    expect(formatDuration(-5_000, zh)).toBe('0分00秒');
  });
});
