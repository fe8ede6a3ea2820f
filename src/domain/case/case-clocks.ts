/**
 * Clock effects: what the lifecycle (lifecycle.ts) and intake (intake.ts) tell the server to do with a case's
 * clocks (API-6 `clocks[]`, CLOCK-1). The domain computes every due time; the server only stores.
 */
import { computeDueAt, DEFAULT_TIME_ZONE } from '../clock/deadlines';
import type { WorkingCalendar } from '../clock/working-calendar';
import { resolveClockDuration, type ClockPolicy } from '../policy/policy';
import { isClockRunning, type CaseClockFact, type CaseFacts, type ClockName } from './case';

/**
 * One change to one clock, applied in array order:
 * - `start` — (re)start the clock of that name: replace any existing one with `startedAt`, `dueAt`, and
 *   `metAt`, `breachedAt`, `warnedAt`, `pausedAt`, `stoppedAt` cleared, `pausedMs` 0. `calendarUnknown`: the due
 *   time crossed a year the working calendar does not know (deadlines.ts) — flag it for the admin.
 * - `meet` — set `metAt = at` (only emitted for a running clock).
 * - `pause` — set `pausedAt = at` (the sweeper must not breach or warn a paused clock).
 * - `resume` — clear `pausedAt`, set `dueAt` (moved by the pause) and `pausedMs` (the new total).
 * - `extend` — set `dueAt` (later than `previousDueAt`) and clear `warnedAt`, so the 80 % warning comes again.
 * - `stop` — the clock no longer counts and can no longer be met (the case closed, was returned or re-routed
 *   elsewhere): set `stoppedAt = at`; the sweeper skips it. A breach already recorded stays.
 */
export type ClockEffect =
  | { op: 'start'; clock: ClockName; startedAt: Date; dueAt: Date; calendarUnknown: boolean }
  | { op: 'meet'; clock: ClockName; at: Date }
  | { op: 'pause'; clock: ClockName; at: Date }
  | { op: 'resume'; clock: ClockName; at: Date; dueAt: Date; pausedMs: number }
  | { op: 'extend'; clock: ClockName; dueAt: Date; previousDueAt: Date }
  | { op: 'stop'; clock: ClockName; at: Date };

/** What clock arithmetic needs: the company's policy, time zone and working calendar. */
export interface ClockContext {
  /** the company's clock policy (policy.ts); default: the built-in table */
  clockPolicy?: ClockPolicy;
  calendar: WorkingCalendar;
  /** IANA zone; default Asia/Shanghai */
  timeZone?: string;
}

type PolicyFacts = Pick<CaseFacts, 'kind' | 'severity' | 'categoryId' | 'categoryAncestorIds'>;

/**
 * Start `clock` at `start` with the duration the policy gives this case; nothing when the policy says the clock
 * does not run for it (`null`).
 */
export function startClock(
  clock: ClockName,
  start: Date,
  facts: PolicyFacts,
  ctx: ClockContext,
): ClockEffect | null {
  const duration = resolveClockDuration(ctx.clockPolicy ?? {}, clock, {
    kind: facts.kind,
    severity: facts.severity,
    categoryId: facts.categoryId ?? null,
    categoryAncestorIds: facts.categoryAncestorIds ?? [],
  });
  if (!duration) return null;
  const { dueAt, calendarUnknown } = computeDueAt({
    start,
    duration,
    timeZone: ctx.timeZone ?? DEFAULT_TIME_ZONE,
    calendar: ctx.calendar,
  });
  return { op: 'start', clock, startedAt: start, dueAt, calendarUnknown };
}

/** Start `clock` at `start`, due at a given time (a corrective action's own date, an appointment's time). */
export function startClockDueAt(clock: ClockName, start: Date, dueAt: Date): ClockEffect {
  return { op: 'start', clock, startedAt: start, dueAt, calendarUnknown: false };
}

/** Whether the case's clock of that name still counts (not met, not stopped). */
export function isRunning(clocks: readonly CaseClockFact[], name: ClockName): boolean {
  return running(clocks, name) !== undefined;
}

function running(clocks: readonly CaseClockFact[], name: ClockName): CaseClockFact | undefined {
  return clocks.find((clock) => clock.name === name && isClockRunning(clock));
}

/** `meet` effects for those of `names` that are running. */
export function meetRunning(
  clocks: readonly CaseClockFact[],
  names: readonly ClockName[],
  at: Date,
): ClockEffect[] {
  return names.filter((name) => running(clocks, name)).map((clock) => ({ op: 'meet' as const, clock, at }));
}

/** `stop` effects for those of `names` that are running. */
export function stopRunning(
  clocks: readonly CaseClockFact[],
  names: readonly ClockName[],
  at: Date,
): ClockEffect[] {
  return names.filter((name) => running(clocks, name)).map((clock) => ({ op: 'stop' as const, clock, at }));
}

/** `stop` for every running clock except `keep` (and except those already handled in `handled`). */
export function stopAllRunningExcept(
  clocks: readonly CaseClockFact[],
  keep: readonly ClockName[],
  at: Date,
  handled: readonly ClockEffect[] = [],
): ClockEffect[] {
  const done = new Set(handled.map((effect) => effect.clock));
  return clocks
    .filter((clock) => isClockRunning(clock) && !keep.includes(clock.name) && !done.has(clock.name))
    .map((clock) => ({ op: 'stop' as const, clock: clock.name, at }));
}

/** `pause` the clock when it runs and is not already paused. */
export function pauseRunning(clocks: readonly CaseClockFact[], name: ClockName, at: Date): ClockEffect[] {
  const clock = running(clocks, name);
  if (!clock || clock.pausedAt) return [];
  return [{ op: 'pause', clock: name, at }];
}

/** `resume` a paused clock: its due time moves by the length of the pause (deadlines.ts `dueAtWithPause`). */
export function resumePaused(clocks: readonly CaseClockFact[], name: ClockName, at: Date): ClockEffect[] {
  const clock = running(clocks, name);
  if (!clock || !clock.pausedAt) return [];
  const pause = Math.max(0, at.getTime() - clock.pausedAt.getTime());
  const pausedMs = (clock.pausedMs ?? 0) + pause;
  return [{ op: 'resume', clock: name, at, dueAt: new Date(clock.dueAt.getTime() + pause), pausedMs }];
}
