/** The server owns time; the domain receives `now` as an argument (docs/ARCHITECTURE.md convention 6). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests and e2e can move (HUIYIN_FAKE_CLOCK=1, POST /api/test/clock); it still ticks in real time. */
export class FakeClock implements Clock {
  private offsetMs = 0;
  constructor(start?: Date) {
    if (start) this.set(start);
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
