/** Every feature's timed work, as each declares it in its own folder; main.ts starts them (schedule/scheduler.ts). */
import { accountabilitySchedules } from './accountability/accountability.schedule';
import { caseSchedules } from './cases/cases.schedule';
import type { Clock } from './platform/clock';
import type { Config } from './platform/config';
import type { Db } from './db/client';
import { deadlineSchedules } from './deadlines/deadlines.schedule';
import { outboxSchedules } from './outbox/outbox.schedule';
import type { OutboxLog } from './outbox/senders/dev';
import { quarterlySchedules } from './quarterly/quarterly.schedule';
import { reportSchedules } from './reports/reports.schedule';
import type { Schedule, SchedulerLog } from './schedule/scheduler';

export function allSchedules(
  db: Db,
  clock: Clock,
  log: SchedulerLog & OutboxLog,
  config: Config,
): Schedule[] {
  return [
    ...deadlineSchedules(db, clock),
    ...accountabilitySchedules(db, clock, log),
    ...reportSchedules(db, clock),
    ...quarterlySchedules(db, clock),
    ...caseSchedules(db, clock),
    ...outboxSchedules(db, clock, config, log),
  ];
}
