/**
 * The one loop helper for work every instance does on a timer: each feature declares its schedules in its own
 * folder (`*.schedule.ts`), and main.ts starts them together. A job never overlaps itself (a run still going when
 * the next is due is skipped), its first run comes `firstAfterMs` after start (a server restarted every few
 * minutes still reaches it), an error is logged with the job's name and the next run goes on, and the timers never
 * keep the process alive. Several instances run the same jobs: each job is safe to run twice at once (its own
 * locks or idempotent writes say how).
 */

export interface Schedule {
  /** for the log */
  name: string;
  everyMs: number;
  /** delay of the first run after start (default: `everyMs`) */
  firstAfterMs?: number;
  run: () => Promise<unknown>;
}

export interface SchedulerLog {
  error: (o: object, m: string) => void;
}

/** Starts every schedule; the returned function stops them all (a run in flight finishes on its own). */
export function startSchedules(schedules: readonly Schedule[], log: SchedulerLog): () => void {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const s of schedules) {
    if (!(s.everyMs > 0)) throw new RangeError(`schedule ${s.name}: everyMs must be positive`);
    let running = false;
    const tick = async () => {
      if (running || stopped) return;
      running = true;
      try {
        await s.run();
      } catch (err) {
        log.error({ err, schedule: s.name }, `${s.name} failed`);
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => {
      void tick();
      const every = setInterval(() => void tick(), s.everyMs);
      every.unref();
      timers.push(every);
    }, s.firstAfterMs ?? s.everyMs);
    first.unref();
    timers.push(first);
  }
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
  };
}
