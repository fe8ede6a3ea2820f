/**
 * Each morning the office director gets the previous day's other results as one bell entry (CALLBACK-8): how many
 * general repairs, inquiries, suggestions, praise and other matters the office resolved — complaints, major and
 * emergency cases reached the director when they were resolved. Idempotent and serialised across instances: a list
 * goes once per director, office and day.
 */
import { dailyResultsDay } from '../../domain/case/daily-results';
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import { notify } from '../notifications/notifications.service';
import * as repo from './daily-results.repository';

export async function sendDailyResults(db: Db, clock: Clock): Promise<{ sent: number }> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    await repo.lockDailyResults(tx);
    let sent = 0;
    for (const zone of await repo.companyZones(tx)) {
      const { day, start, end } = dailyResultsDay(now, zone);
      for (const r of await repo.officeResults(tx, zone, day, start, end)) {
        await notify(tx, {
          companyId: r.companyId,
          userIds: [r.directorId],
          type: 'daily_results',
          data: { day, count: r.count, officeId: r.officeId },
          at: now,
        });
        sent++;
      }
    }
    return { sent };
  });
}
