/**
 * The deadline sweeper (issue 3 §6, domain.md §4): every 30 s it warns at 80 % of a clock and, on a breach,
 * raises the case one tier (supervisor → director → manager) and notifies that tier.
 *
 * It reads only the partial index on case_clocks.next_check_at, so its cost grows with the clocks that fall due,
 * not with the cases. Clocks and their cases are locked FOR UPDATE SKIP LOCKED: several instances (or a sweep
 * running while a user acts on the case) never handle one clock twice; a skipped clock is taken next round.
 * Each clock gets one warning and one breach: warned_at / breached_at are set once and next_check_at moves on.
 */
import { sql } from 'drizzle-orm';
import { MAX_ESCALATION_TIER } from '../../domain/case/case';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import { notify } from '../notifications/notifications.service';
import { publishEvent } from '../events/event-bus';
import * as repo from '../cases/cases.repository';
import { runAccountabilityJobs } from './accountability-jobs';

export interface SweepResult {
  warned: number;
  breached: number;
  escalated: number;
}

const BATCH = 500;

type DueRow = repo.ClockRow & {
  company_id: string;
  c_number: string;
  c_office_id: string | null;
  c_tier: number;
  c_handler_id: string | null;
  c_first_responder_id: string;
  c_timeline_seq: number;
  c_timeline_head: string;
  c_state: string;
};

async function recipientsForTier(tx: Tx, companyId: string, officeId: string | null, tier: number) {
  const role = tier <= 1 ? 'supervisor' : tier === 2 ? 'director' : 'manager';
  const { rows } = await tx.execute<{
    id: string;
  }>(sql`select u.id from users u where u.company_id = ${companyId} and u.active
    and ${role} = any(u.roles)
    and (${role} = 'manager' or exists (select 1 from user_offices uo where uo.user_id = u.id and uo.office_id = ${officeId}))`);
  return rows.map((r) => r.id);
}

/** One pass over the due clocks; `companyId` limits it to one company (tests, the admin endpoint). */
export async function sweep(db: Db, clock: Clock, opts: { companyId?: string } = {}): Promise<SweepResult> {
  const result: SweepResult = { warned: 0, breached: 0, escalated: 0 };
  for (;;) {
    const handled = await db.transaction(async (tx) => {
      const now = clock.now();
      const { rows } =
        await tx.execute<DueRow>(sql`select k.*, c.company_id, c.number as c_number, c.office_id as c_office_id,
          c.escalation_tier as c_tier, c.handler_id as c_handler_id, c.first_responder_id as c_first_responder_id,
          c.timeline_seq as c_timeline_seq, c.timeline_head as c_timeline_head, c.state as c_state
        from case_clocks k join cases c on c.id = k.case_id
        where k.next_check_at is not null and k.next_check_at <= ${now}
          ${opts.companyId ? sql`and k.company_id = ${opts.companyId}` : sql``}
        order by k.next_check_at
        limit ${BATCH}
        for update of k, c skip locked`);
      // One case may have several due clocks: handle them in order against the case's running chain head.
      const heads = new Map<string, { seq: number; head: string; tier: number }>();
      for (const k of rows.map(repo.normaliseClock)) {
        const head = heads.get(k.case_id) ?? {
          seq: k.c_timeline_seq,
          head: k.c_timeline_head,
          tier: k.c_tier,
        };
        const entries: { type: string; data: Record<string, string | number>; actorId: null; at: Date }[] =
          [];
        const base = { companyId: k.company_id, caseId: k.case_id, at: now };
        if (now >= k.due_at) {
          k.breached_at = now;
          k.warned_at ??= now;
          result.breached++;
          entries.push({
            type: 'clock_breached',
            data: { clock: k.name, dueAt: k.due_at.toISOString() },
            actorId: null,
            at: now,
          });
          if (head.tier < MAX_ESCALATION_TIER) {
            head.tier++;
            result.escalated++;
            entries.push({
              type: 'escalated',
              data: { tier: head.tier, reason: 'clock_breached', clock: k.name },
              actorId: null,
              at: now,
            });
            await tx.execute(sql`update cases set escalation_tier = ${head.tier} where id = ${k.case_id}`);
            const tierUsers = await recipientsForTier(tx, k.company_id, k.c_office_id, head.tier);
            await notify(tx, {
              ...base,
              type: 'escalated',
              userIds: tierUsers,
              data: { number: k.c_number, tier: head.tier, clock: k.name },
            });
          }
          await notify(tx, {
            ...base,
            type: 'breach',
            userIds: [k.c_handler_id, k.c_first_responder_id].filter((x): x is string => !!x),
            data: { number: k.c_number, clock: k.name },
          });
        } else {
          k.warned_at = now;
          result.warned++;
          entries.push({
            type: 'clock_warned',
            data: { clock: k.name, dueAt: k.due_at.toISOString() },
            actorId: null,
            at: now,
          });
          await notify(tx, {
            ...base,
            type: 'warning',
            userIds: [k.c_handler_id, k.c_first_responder_id].filter((x): x is string => !!x),
            data: { number: k.c_number, clock: k.name },
          });
        }
        await tx.execute(sql`update case_clocks set warned_at = ${k.warned_at}, breached_at = ${k.breached_at},
          next_check_at = ${repo.nextCheckAt(k)} where id = ${k.id}`);
        const chained = await repo.appendTimeline(
          tx,
          { id: k.case_id, companyId: k.company_id, seq: head.seq, head: head.head },
          entries,
        );
        heads.set(k.case_id, { seq: chained!.seq, head: chained!.hash, tier: head.tier });
      }
      for (const caseId of heads.keys()) {
        await tx.execute(sql`update cases set version = version + 1 where id = ${caseId}`);
        const k = rows.find((r) => r.case_id === caseId)!;
        await publishEvent(tx, { type: 'case', companyId: k.company_id, caseId, officeId: k.c_office_id });
      }
      return rows.length;
    });
    if (handled < BATCH) return result;
  }
}

/** Runs the sweep every `intervalMs` (default 30 s) until stopped; errors are logged and the next round runs. */
export function startSweeper(
  db: Db,
  clock: Clock,
  log: { error: (o: object, m: string) => void },
  intervalMs = 30_000,
) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sweep(db, clock);
      await runAccountabilityJobs(db, clock, log);
    } catch (err) {
      log.error({ err }, 'deadline sweep failed');
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
