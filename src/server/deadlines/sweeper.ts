/**
 * The deadline sweeper (scheduled by deadlines.schedule.ts): every 30 s it warns at 80 % of a case clock and, on a
 * breach, raises the case one tier (ours: supervisor → director → manager) and notifies that tier; then it does the
 * same for every other kind's deadlines (stored-sweep.ts).
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
import type { Role } from '../../domain/access/roles';
import { caseClockRules } from '../../domain/case/escalation';
import {
  escalationRecipients,
  sweepStep,
  type DeadlineFacts,
  type SweepStep,
} from '../../domain/deadlines/deadline';
import type { ClockName } from '../../domain/case/case';
import { escalationStaff } from '../users/users.repository';
import { chainEntry } from '../../domain/record/hash-chain';
import type { Clock } from '../platform/clock';
import type { Db, Tx } from '../db/client';
import { publishEvents, type CaseEventParties, type LiveEvent } from '../events/event-bus';
import { notifyMany } from '../notifications/notifications.service';
import * as repo from '../cases/cases.repository';
import { lockDueClocks, storeSweep, type DueRow, type SweepWrite } from '../cases/store/sweep';
import { nextCheckAt } from '../../domain/case/stored-clocks';
import { sweepDeadlineBatch } from './stored-sweep';

export interface SweepResult {
  warned: number;
  breached: number;
  escalated: number;
}

const BATCH = 500;

type TierRole = Role;
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
  /** the chain's seq when the batch began: a case whose seq has not moved got no entry and is left as it was */
  seqBefore: number;
}

/** A timeline entry the sweep appends for a case clock. */
export interface SweepEntry {
  type: 'clock_warned' | 'clock_breached' | 'escalated';
  data: Record<string, string | number>;
}

/**
 * One case clock swept at `now`, its case in `state` at escalation tier `tier`: the deadline engine's step with the
 * case clocks' rules (CLOCK-5 warned once, breached once; ESCALATE-2 one tier up; CLOCK-8 none for a closed case),
 * recorded on the clock (`warnedAt`, `breachedAt`), the entries the case's timeline gets and its tier after. The
 * sweep below and the demo history (seed/demo-history.ts) both take their steps through it.
 */
export function sweepCaseClock(
  k: DeadlineFacts & { name: ClockName },
  state: DueRow['cState'],
  tier: number,
  now: Date,
): { step: SweepStep; entries: SweepEntry[]; tier: number } {
  const entries: SweepEntry[] = [];
  const step = sweepStep(k, caseClockRules(state), tier, now);
  if (step.op === 'breach') {
    k.breachedAt = now;
    k.warnedAt ??= now;
    entries.push({ type: 'clock_breached', data: { clock: k.name, dueAt: k.dueAt.toISOString() } });
    if (step.escalateTo) {
      tier = step.escalateTo.tier;
      entries.push({ type: 'escalated', data: { tier, reason: 'clock_breached', clock: k.name } });
    }
  } else if (step.op === 'warn') {
    k.warnedAt = now;
    entries.push({ type: 'clock_warned', data: { clock: k.name, dueAt: k.dueAt.toISOString() } });
  }
  return { step, entries, tier };
}

/** The clocks of one batch and what the sweep decided for each; nothing written yet. */
function plan(rows: readonly DueRow[], now: Date, result: SweepResult) {
  const at = new Date(now.getTime()); // the hash covers at.toISOString(); timestamptz(3) stores exactly that
  const cases = new Map<string, CaseState>();
  const clocks: SweepWrite['clocks'][number][] = [];
  const timeline: SweepWrite['entries'][number][] = [];
  const notes: PendingNotification[] = [];
  for (const k of rows) {
    let c = cases.get(k.caseId);
    if (!c) {
      c = {
        companyId: k.companyId,
        officeId: k.cOfficeId,
        parties: repo.eventParties({
          firstResponderId: k.cFirstResponderId,
          recordedById: k.cRecordedById,
          handlerId: k.cHandlerId,
          callbackAssigneeId: k.cCallbackAssigneeId,
          targetType: k.cTargetType,
          targetId: k.cTargetId,
        }),
        seq: k.cTimelineSeq,
        seqBefore: k.cTimelineSeq,
        head: k.cTimelineHead,
        tier: k.cTier,
      };
      cases.set(k.caseId, c);
    }
    const people = [k.cHandlerId, k.cFirstResponderId].filter((x): x is string => !!x);
    const base = { companyId: k.companyId, caseId: k.caseId };
    const { step, entries, tier } = sweepCaseClock(k, k.cState, c.tier, now);
    c.tier = tier;
    if (step.op === 'breach') {
      result.breached++;
      if (step.escalateTo) {
        result.escalated++;
        notes.push({
          ...base,
          type: 'escalated',
          tier: { officeId: k.cOfficeId, role: step.escalateTo.role },
          data: { number: k.cNumber, tier: c.tier, clock: k.name },
        });
      }
      notes.push({ ...base, type: 'breach', userIds: people, data: { number: k.cNumber, clock: k.name } });
    } else if (step.op === 'warn') {
      result.warned++;
      notes.push({ ...base, type: 'warning', userIds: people, data: { number: k.cNumber, clock: k.name } });
    }
    // 'none': a stored next check that no longer holds; the clock is written back with its true one below
    clocks.push({
      id: k.id,
      warnedAt: k.warnedAt,
      breachedAt: k.breachedAt,
      nextCheckAt: nextCheckAt(k),
    });
    for (const e of entries) {
      const entry = chainEntry(c.seq > 0 ? { seq: c.seq, hash: c.head } : null, {
        at,
        actorId: null,
        type: e.type,
        data: e.data,
      });
      timeline.push({
        caseId: k.caseId,
        companyId: k.companyId,
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

/** Who is told of each escalation of the batch (escalationRecipients), the staff read once per batch. */
async function tierRecipients(tx: Tx, notes: readonly PendingNotification[]) {
  const tiers = notes.filter((n) => n.tier);
  const byKey = new Map<string, string[]>();
  if (!tiers.length) return byKey;
  const staff = await escalationStaff(
    tx,
    tiers.map((n) => n.companyId),
    tiers.map((n) => n.tier!.role),
  );
  for (const n of tiers) {
    const key = recipientKey(n.companyId, n.tier!.officeId, n.tier!.role);
    if (!byKey.has(key))
      byKey.set(
        key,
        escalationRecipients(
          n.tier!.role,
          n.tier!.officeId,
          staff.filter((u) => u.companyId === n.companyId),
        ),
      );
  }
  return byKey;
}

/** Handles one batch inside `tx`; returns how many due clocks it took. */
async function sweepBatch(tx: Tx, now: Date, companyId: string | undefined, result: SweepResult) {
  const rows = await lockDueClocks(tx, now, BATCH, companyId);
  if (!rows.length) return 0;
  // One case may have several due clocks: they are handled in this order against the case's running chain head.
  const p = plan(rows, now, result);
  // Only the cases the sweep wrote an entry for change (version, tier, head) and are announced.
  const cs = [...p.cases].filter(([, c]) => c.seq !== c.seqBefore);
  await storeSweep(tx, {
    at: p.at,
    clocks: p.clocks,
    entries: p.timeline,
    cases: cs.map(([id, c]) => ({ id, tier: c.tier, seq: c.seq, head: c.head })),
  });

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
        // a breached case rising to a tier goes out by SMS to its people when the company switched it on (MSG-5)
        ...(n.type === 'escalated' ? { messageType: 'breach_escalated' as const } : {}),
      }));
    }),
    now,
  );
  return rows.length;
}

/**
 * One pass over everything due: the case clocks (their own table), then every other kind's deadlines (the
 * `deadlines` table) — one partial index each, the same lock protocol and decision. `companyId` limits it to one
 * company (tests, the admin endpoint).
 */
export async function sweep(db: Db, clock: Clock, opts: { companyId?: string } = {}): Promise<SweepResult> {
  const result: SweepResult = { warned: 0, breached: 0, escalated: 0 };
  const add = (batch: SweepResult) => {
    // counted only once the batch has committed
    result.warned += batch.warned;
    result.breached += batch.breached;
    result.escalated += batch.escalated;
  };
  for (;;) {
    const batch: SweepResult = { warned: 0, breached: 0, escalated: 0 };
    const handled = await db.transaction((tx) => sweepBatch(tx, clock.now(), opts.companyId, batch));
    add(batch);
    if (handled < BATCH) break;
  }
  for (;;) {
    const batch: SweepResult = { warned: 0, breached: 0, escalated: 0 };
    const handled = await db.transaction((tx) =>
      sweepDeadlineBatch(tx, clock.now(), BATCH, opts.companyId, batch),
    );
    add(batch);
    if (handled < BATCH) return result;
  }
}
