/**
 * The outbox's delivery on every instance, every second (SKIP LOCKED and the lease keep two instances off one
 * message): each run drains until nothing is due or 10 s passed.
 */
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { Schedule } from '../schedule/scheduler';
import { drainOutbox } from './delivery';
import type { OutboxLog } from './senders/dev';
import { createSenderFactory } from './senders/factory';

export const DELIVERY_EVERY_MS = 1_000;

export function outboxSchedules(db: Db, clock: Clock, config: Config, log: OutboxLog): Schedule[] {
  const senders = createSenderFactory({
    db,
    clock,
    env: config.env,
    secretKey: config.secretKey,
    sendTimeoutMs: config.outbox.sendTimeoutMs,
    log,
  });
  return [
    {
      name: 'outbox delivery',
      everyMs: DELIVERY_EVERY_MS,
      firstAfterMs: DELIVERY_EVERY_MS,
      run: () => drainOutbox({ db, clock, outbox: config.outbox, senders, log }, { maxMs: 10_000 }),
    },
  ];
}
