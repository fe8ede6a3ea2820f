/**
 * The deadline sweeper (issue 3 §6, domain.md §4): every 30 s it warns at 80 % of a clock and, on a breach,
 * raises the case one tier (supervisor → director → manager) and notifies that tier.
 *
 * It reads only the partial index on case_clocks.next_check_at, so its cost grows with the clocks that fall due,
 * not with the cases. Clocks and their cases are locked FOR UPDATE SKIP LOCKED: several instances (or a sweep
 * running while a user acts on the case) never handle one clock twice; a skipped clock is taken next round.
 * Each clock gets one warning and one breach: warned_at / breached_at are set once and next_check_at moves on.
 *
 * Set-based (docs/adr/0007): per batch of up to 500 due clocks, one transaction decides everything in memory —
 * warning or breach per clock, one tier per breach (a case with two breaches in a batch goes up twice), the
 * timeline entries of each case in order on its SHA-256 chain, the clocks' next check — then writes it with a
 * fixed handful of statements whatever the batch size: the lock, the tier recipients of the whole batch, the
 * clocks, the timeline, the cases, the notifications, and one pg_notify over all live events.
 */
import { sql } from 'drizzle-orm';
import { MAX_ESCALATION_TIER } from '../../domain/case/case';
import { escalationRole, type EscalationRole } from '../../domain/case/escalation';
import { chainEntry } from '../../domain/record/hash-chain';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import { publishEvents, type CaseEventParties, type LiveEvent } from '../events/event-bus';
import { notifyMany, type OutboxChannel } from '../notifications/notifications.service';
import * as repo from '../cases/cases.repository';
import { runAccountabilityJobs } from './accountability-jobs';

export interface SweepResult {
  warned: number;
  breached: number;
  escalated: number;
}

const BATCH = 500;
/** External channels the sweep's notifications are copied to (none yet; notify()'s default). */
const CHANNELS: readonly OutboxChannel[] = [];

type DueRow = repo.ClockRow & {
  company_id: string;
  c_number: string;
  c_office_id: string | null;
  c_tier: number;
  c_handler_id: string | null;
  c_first_responder_id: string;
  c_recorded_by_id: string;
  c_callback_assignee_id: string | null;
  c_target_type: string | null;
  c_target_id: string | null;
  c_timeline_seq: number;
  c_timeline_head: string;
};

type TierRole = EscalationRole;
const recipientKey = (companyId: string, officeId: string | null, role: TierRole) =>
  `${companyId}|${officeId ?? ''}|${role}`;

/** One bell entry for `userIds` (deduplicated, like notify()); the tier's people are resolved once per batch. */
interface PendingNotification {
  companyId: string;
  caseId: string;
  type: 'warning' | 'breach' | 'escalated';
  data: Record<string, string | number>;
  userIds?: string[];
  tier?: { officeId: string | null; role: TierRole };
}

interface CaseState {
  companyId: string;
  officeId: string | null;
  /** who is on the case, for its live event (only those who may see the case hear of it) */
  parties: CaseEventParties;
  seq: number;
  head: string;
  tier: number;
}

/** The clocks of one batch and what the sweep decided for each; nothing written yet. */
function plan(rows: readonly DueRow[], now: Date, result: SweepResult) {
  const at = new Date(now.getTime()); // the hash covers at.toISOString(); timestamptz(3) stores exactly that
  const cases = new Map<string, CaseState>();
  const clocks: { id: string; warnedAt: Date | null; breachedAt: Date | null; nextCheckAt: Date | null }[] =
    [];
  const timeline: {
    caseId: string;
    companyId: string;
    seq: number;
    type: string;
    data: string;
    prevHash: string;
    hash: string;
  }[] = [];
  const notes: PendingNotification[] = [];
  for (const k of rows) {
    let c = cases.get(k.case_id);
    if (!c) {
      c = {
        companyId: k.company_id,
        officeId: k.c_office_id,
        parties: repo.eventParties({
          first_responder_id: k.c_first_responder_id,
          recorded_by_id: k.c_recorded_by_id,
          handler_id: k.c_handler_id,
          callback_assignee_id: k.c_callback_assignee_id,
          target_type: k.c_target_type,
          target_id: k.c_target_id,
        }),
        seq: k.c_timeline_seq,
        head: k.c_timeline_head,
        tier: k.c_tier,
      };
      cases.set(k.case_id, c);
    }
    const people = [k.c_handler_id, k.c_first_responder_id].filter((x): x is string => !!x);
    const entries: { type: string; data: Record<string, string | number> }[] = [];
    const base = { companyId: k.company_id, caseId: k.case_id };
    if (now >= k.due_at) {
      k.breached_at = now;
      k.warned_at ??= now;
      result.breached++;
      entries.push({ type: 'clock_breached', data: { clock: k.name, dueAt: k.due_at.toISOString() } });
      if (c.tier < MAX_ESCALATION_TIER) {
        c.tier++;
        result.escalated++;
        entries.push({ type: 'escalated', data: { tier: c.tier, reason: 'clock_breached', clock: k.name } });
        notes.push({
          ...base,
          type: 'escalated',
          tier: { officeId: k.c_office_id, role: escalationRole(c.tier) },
          data: { number: k.c_number, tier: c.tier, clock: k.name },
        });
      }
      notes.push({ ...base, type: 'breach', userIds: people, data: { number: k.c_number, clock: k.name } });
    } else {
      k.warned_at = now;
      result.warned++;
      entries.push({ type: 'clock_warned', data: { clock: k.name, dueAt: k.due_at.toISOString() } });
      notes.push({ ...base, type: 'warning', userIds: people, data: { number: k.c_number, clock: k.name } });
    }
    clocks.push({
      id: k.id,
      warnedAt: k.warned_at,
      breachedAt: k.breached_at,
      nextCheckAt: repo.nextCheckAt(k),
    });
    for (const e of entries) {
      const entry = chainEntry(c.seq > 0 ? { seq: c.seq, hash: c.head } : null, {
        at,
        actorId: null,
        type: e.type,
        data: e.data,
      });
      timeline.push({
        caseId: k.case_id,
        companyId: k.company_id,
        seq: entry.seq,
        type: e.type,
        data: JSON.stringify(e.data),
        prevHash: entry.prevHash,
        hash: entry.hash,
      });
      c.seq = entry.seq;
      c.head = entry.hash;
    }
  }
  return { at, cases, clocks, timeline, notes };
}

/** The active supervisors / directors of each office and managers of each company the batch escalates to. */
async function tierRecipients(tx: Tx, notes: readonly PendingNotification[]) {
  const wanted = new Map<string, { companyId: string; officeId: string | null; role: TierRole }>();
  for (const n of notes)
    if (n.tier)
      wanted.set(recipientKey(n.companyId, n.tier.officeId, n.tier.role), {
        companyId: n.companyId,
        ...n.tier,
      });
  const byKey = new Map<string, string[]>();
  if (!wanted.size) return byKey;
  const w = [...wanted.values()];
  const { rows } = await tx.execute<{
    company_id: string;
    office_id: string | null;
    role: TierRole;
    id: string;
  }>(
    sql`select w.company_id, w.office_id, w.role, u.id
      from unnest(${sql.param(w.map((x) => x.companyId))}::uuid[], ${sql.param(w.map((x) => x.officeId))}::uuid[],
        ${sql.param(w.map((x) => x.role))}::text[]) as w(company_id, office_id, role)
      join users u on u.company_id = w.company_id and u.active and w.role = any(u.roles)
      where w.role = 'manager'
        or exists (select 1 from user_offices uo where uo.user_id = u.id and uo.office_id = w.office_id)`,
  );
  for (const r of rows) {
    const key = recipientKey(r.company_id, r.office_id, r.role);
    byKey.set(key, [...(byKey.get(key) ?? []), r.id]);
  }
  return byKey;
}

/** Handles one batch inside `tx`; returns how many due clocks it took. */
async function sweepBatch(tx: Tx, now: Date, companyId: string | undefined, result: SweepResult) {
  const { rows } = await tx.execute<DueRow>(sql`select k.*, c.company_id, c.number as c_number,
      c.office_id as c_office_id, c.escalation_tier as c_tier, c.handler_id as c_handler_id,
      c.first_responder_id as c_first_responder_id, c.recorded_by_id as c_recorded_by_id,
      c.callback_assignee_id as c_callback_assignee_id, c.target_type as c_target_type, c.target_id as c_target_id,
      c.timeline_seq as c_timeline_seq,
      c.timeline_head as c_timeline_head
    from case_clocks k join cases c on c.id = k.case_id
    where k.next_check_at is not null and k.next_check_at <= ${now}
      ${companyId ? sql`and k.company_id = ${companyId}` : sql``}
    order by k.next_check_at
    limit ${BATCH}
    for update of k, c skip locked`);
  if (!rows.length) return 0;
  // One case may have several due clocks: they are handled in this order against the case's running chain head.
  const p = plan(rows.map(repo.normaliseClock), now, result);
  const iso = (d: Date | null) => d && d.toISOString();

  // `id = any(…)` as well as the join: the planner then reaches the rows by primary key, never by a scan of
  // the whole table (a hash join over a seq scan is what it picks for the bare join on a small table).
  const clockIds = p.clocks.map((c) => c.id);
  await tx.execute(sql`update case_clocks k set warned_at = v.warned_at, breached_at = v.breached_at,
      next_check_at = v.next_check_at
    from unnest(${sql.param(clockIds)}::uuid[],
      ${sql.param(p.clocks.map((c) => iso(c.warnedAt)))}::timestamptz[],
      ${sql.param(p.clocks.map((c) => iso(c.breachedAt)))}::timestamptz[],
      ${sql.param(p.clocks.map((c) => iso(c.nextCheckAt)))}::timestamptz[]) as v(id, warned_at, breached_at, next_check_at)
    where k.id = any(${sql.param(clockIds)}::uuid[]) and k.id = v.id`);

  const tl = p.timeline;
  await tx.execute(sql`insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
    select v.case_id, v.seq, v.company_id, ${p.at.toISOString()}::timestamptz, null, v.type, v.data::jsonb,
      v.prev_hash, v.hash
    from unnest(${sql.param(tl.map((e) => e.caseId))}::uuid[], ${sql.param(tl.map((e) => e.seq))}::int[],
      ${sql.param(tl.map((e) => e.companyId))}::uuid[], ${sql.param(tl.map((e) => e.type))}::text[],
      ${sql.param(tl.map((e) => e.data))}::text[], ${sql.param(tl.map((e) => e.prevHash))}::text[],
      ${sql.param(tl.map((e) => e.hash))}::text[]) as v(case_id, seq, company_id, type, data, prev_hash, hash)`);

  const cs = [...p.cases];
  const caseIds = cs.map(([id]) => id);
  await tx.execute(sql`update cases c set escalation_tier = v.tier, timeline_seq = v.seq, timeline_head = v.head,
      version = c.version + 1
    from unnest(${sql.param(caseIds)}::uuid[], ${sql.param(cs.map(([, c]) => c.tier))}::int[],
      ${sql.param(cs.map(([, c]) => c.seq))}::int[], ${sql.param(cs.map(([, c]) => c.head))}::text[])
      as v(id, tier, seq, head)
    where c.id = any(${sql.param(caseIds)}::uuid[]) and c.id = v.id`);

  const recipients = await tierRecipients(tx, p.notes);
  // Live events (event-bus.ts payloads, ids only), sent when the batch commits: each case, then each bell entry.
  await publishEvents(
    tx,
    cs.map(([caseId, c]): LiveEvent => ({
      type: 'case',
      companyId: c.companyId,
      caseId,
      officeId: c.officeId,
      parties: c.parties,
    })),
  );
  await notifyMany(
    tx,
    p.notes.flatMap((n) => {
      const userIds = n.tier
        ? (recipients.get(recipientKey(n.companyId, n.tier.officeId, n.tier.role)) ?? [])
        : (n.userIds ?? []);
      return [...new Set(userIds)].map((userId) => ({
        companyId: n.companyId,
        userId,
        type: n.type,
        caseId: n.caseId,
        data: n.data,
      }));
    }),
    now,
    { channels: CHANNELS },
  );
  return rows.length;
}

/** One pass over the due clocks; `companyId` limits it to one company (tests, the admin endpoint). */
export async function sweep(db: Db, clock: Clock, opts: { companyId?: string } = {}): Promise<SweepResult> {
  const result: SweepResult = { warned: 0, breached: 0, escalated: 0 };
  for (;;) {
    const batch: SweepResult = { warned: 0, breached: 0, escalated: 0 };
    const handled = await db.transaction((tx) => sweepBatch(tx, clock.now(), opts.companyId, batch));
    // counted only once the batch has committed
    result.warned += batch.warned;
    result.breached += batch.breached;
    result.escalated += batch.escalated;
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
