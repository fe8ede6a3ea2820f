import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSchedules } from './scheduler';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const log = () => ({ error: vi.fn() });

describe('startSchedules: one loop helper for every feature’s timed work', () => {
  it('runs first after firstAfterMs, then every everyMs, until stopped', async () => {
    const run = vi.fn(async () => {});
    const stop = startSchedules([{ name: 'sweep', everyMs: 1000, firstAfterMs: 100, run }], log());
    await vi.advanceTimersByTimeAsync(99);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).toHaveBeenCalledTimes(4);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('never overlaps a run of the same job: a tick while it runs is skipped', async () => {
    let release!: () => void;
    const run = vi.fn(() => new Promise<void>((r) => (release = r)));
    const stop = startSchedules([{ name: 'slow', everyMs: 100, run }], log());
    await vi.advanceTimersByTimeAsync(350);
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });

  it('logs a failure with the job’s name and runs again next time; other jobs are not held up', async () => {
    const l = log();
    const failing = vi.fn(async () => {
      throw new Error('database gone');
    });
    const other = vi.fn(async () => {});
    const stop = startSchedules(
      [
        { name: 'drafting monthly summaries', everyMs: 100, run: failing },
        { name: 'reminders', everyMs: 100, run: other },
      ],
      l,
    );
    await vi.advanceTimersByTimeAsync(200);
    expect(failing).toHaveBeenCalledTimes(2);
    expect(other).toHaveBeenCalledTimes(2);
    expect(l.error).toHaveBeenCalledWith(
      expect.objectContaining({ schedule: 'drafting monthly summaries' }),
      'drafting monthly summaries failed',
    );
    stop();
  });

  it('refuses a schedule without a positive interval', () => {
    expect(() => startSchedules([{ name: 'x', everyMs: 0, run: async () => {} }], log())).toThrow(RangeError);
  });
});
