/** The deadline sweep on every instance, every 30 s (SKIP LOCKED keeps two instances off one deadline). */
import type { Clock } from '../platform/clock';
import type { Db } from '../db/client';
import type { Schedule } from '../schedule/scheduler';
import { sweep } from './sweeper';

export const SWEEP_EVERY_MS = 30_000;

export function deadlineSchedules(db: Db, clock: Clock): Schedule[] {
  return [{ name: 'deadline sweep', everyMs: SWEEP_EVERY_MS, run: () => sweep(db, clock) }];
}
