/**
 * Clock arithmetic of the case screens (pure: no React), UI-2: on time, past 80 % (warning),
 * breached, paused; the countdown text.
 */
import type { Case, CaseClock, CaseState, ClockName } from '../../api/types';
import type { I18n } from '../../i18n/i18n';

export type ClockStatus = 'met' | 'stopped' | 'paused' | 'breached' | 'warning' | 'ok';

/**
 * Clocks that can no longer run in a state. The API lists stopped clocks without a stop time (see the report),
 * so a clock the state has left behind is treated as stopped. A repair's `dispatch` (REPAIR-2) and an emergency's
 * `onsite` (EMERGENCY-2) count from receipt, before any routing; `progress` (EMERGENCY-3) and `followUp` (ROUTE-7)
 * while the case is handled; `appointment` (CALLBACK-5) and `homeVisit` (CALLBACK-7) once it is resolved;
 * `corrective` whatever the state (HANDLE-3).
 */
const HANDLING: readonly ClockName[] = [
  'dispatch',
  'onsite',
  'contact',
  'route',
  'followUp',
  'progress',
  'verify',
  'reply',
  'resolve',
  'corrective',
];
const LIVE_IN_STATE: Record<CaseState, readonly ClockName[] | 'all'> = {
  received: ['route', 'dispatch', 'onsite', 'verify', 'reply', 'resolve', 'corrective'],
  routed: HANDLING,
  in_progress: HANDLING,
  waiting: HANDLING,
  resolved: ['callback', 'appointment', 'homeVisit', 'corrective'],
  closed: ['corrective'],
};

export function clockStatus(clock: CaseClock, state: CaseState, now: number): ClockStatus {
  if (clock.metAt) return 'met';
  const stoppedAt = clock.stoppedAt;
  const live = LIVE_IN_STATE[state];
  if (stoppedAt || (live !== 'all' && !live.includes(clock.name))) return 'stopped';
  if (clock.paused) return 'paused';
  const due = Date.parse(clock.dueAt);
  if (clock.breachedAt || now >= due) return 'breached';
  if (clock.warnedAt) return 'warning';
  const start = Date.parse(clock.startedAt);
  const span = due - start - clock.pausedMs;
  const used = now - start - clock.pausedMs;
  return span > 0 && used / span >= 0.8 ? 'warning' : 'ok';
}

/** The clocks that still count, nearest due first (paused ones last). */
export function liveClocks(c: Pick<Case, 'clocks' | 'state'>, now: number): CaseClock[] {
  return c.clocks
    .filter((k) => {
      const s = clockStatus(k, c.state, now);
      return s !== 'met' && s !== 'stopped';
    })
    .sort((a, b) => Number(a.paused) - Number(b.paused) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** `2天3小时`, `3小时20分`, `12分05秒` (seconds only under an hour, so the countdown visibly moves). */
export function formatDuration(ms: number, t: I18n['t']): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return t('duration.days', { d, h });
  if (h > 0) return t('duration.hours', { h, m });
  return t('duration.minutes', { m, s: String(s).padStart(2, '0') });
}
