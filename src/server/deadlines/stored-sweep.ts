/**
 * The sweep of the `deadlines` table (every subject kind but the case's clocks, which sweeper.ts sweeps from
 * their own table): the same lock protocol (FOR UPDATE SKIP LOCKED through the partial index on next_check_at),
 * the same decision (sweepStep) and one batch's writes in a fixed handful of statements. Each kind registers
 * who is told (domain/deadlines/subjects.ts); a notice carries `reason: <kind>_due` and the kind's data.
 */
import {
  afterStep,
  escalationRecipients,
  nextCheckAt,
  remindsOfBreach,
  sweepStep,
  type DeadlineFacts,
} from '../../domain/deadlines/deadline';
import {
  audienceRecipients,
  STORED_DEADLINE_KINDS,
  type DeadlineAudience,
} from '../../domain/deadlines/subjects';
import type { Role } from '../../domain/access/roles';
import type { Tx } from '../db/client';
import { notifyMany } from '../notifications/notifications.service';
import {
  audienceStaff,
  lockDueDeadlines,
  storeDeadlineSweep,
  type DeadlineRow,
  type DeadlineSweepWrite,
} from './stored-deadlines.repository';

export interface StoredSweepResult {
  warned: number;
  breached: number;
  escalated: number;
}

/** One notice of the batch: to an audience of the deadline's office, or to the role of an escalation tier. */
interface Notice {
  row: DeadlineRow;
  type: 'warning' | 'breach' | 'escalated';
  to: { audience: DeadlineAudience } | { role: Role };
  data: Record<string, string | number | boolean>;
}

const factsOf = (r: DeadlineRow): DeadlineFacts => ({
  startedAt: r.startedAt,
  dueAt: r.dueAt,
  warnedAt: r.warnedAt,
  breachedAt: r.breachedAt,
  metAt: r.metAt,
  stoppedAt: r.stoppedAt,
  pausedAt: r.pausedAt,
  remindAt: r.remindAt,
  remindersSent: r.remindersSent,
});

/** What the notices of a deadline say: why, which deadline, when it was due, and the kind's own data. */
function noticeData(r: DeadlineRow, overdue: boolean): Record<string, string | number | boolean> {
  return {
    ...r.data,
    reason: `${r.kind}_due`,
    step: r.name,
    label: r.label,
    dueAt: r.dueAt.toISOString(),
    overdue,
    ...(r.officeId ? { officeId: r.officeId } : {}),
    ...(r.subjectId ? { subjectId: r.subjectId } : {}),
  };
}

/** Decides each deadline of the batch; returns the writes and the notices, nothing written yet. */
function plan(rows: readonly DeadlineRow[], now: Date, result: StoredSweepResult) {
  const writes: DeadlineSweepWrite[] = [];
  const notices: Notice[] = [];
  for (const r of rows) {
    const kind = STORED_DEADLINE_KINDS[r.kind];
    const facts = factsOf(r);
    const step = sweepStep(facts, kind, r.tier, now);
    const after = afterStep(facts, step, now);
    let tier = r.tier;
    if (step.op !== 'none' && step.reminder !== undefined) {
      // a reminder: a warning, "overdue" once its instant is past the due time
      const overdue = remindsOfBreach(facts, step.reminder);
      notices.push({
        row: r,
        type: 'warning',
        to: { audience: kind.warn(r.name) },
        data: noticeData(r, overdue),
      });
    }
    if (step.op === 'warn') {
      result.warned++;
      if (step.reminder === undefined)
        notices.push({
          row: r,
          type: 'warning',
          to: { audience: kind.warn(r.name) },
          data: noticeData(r, false),
        });
    } else if (step.op === 'breach') {
      result.breached++;
      if (kind.breach)
        notices.push({
          row: r,
          type: 'breach',
          to: { audience: kind.breach(r.name) },
          data: noticeData(r, true),
        });
      if (step.escalateTo) {
        tier = step.escalateTo.tier;
        result.escalated++;
        notices.push({
          row: r,
          type: 'escalated',
          to: { role: step.escalateTo.role },
          data: { ...noticeData(r, true), tier, role: step.escalateTo.role },
        });
      }
    }
    writes.push({
      id: r.id,
      warnedAt: after.warnedAt,
      breachedAt: after.breachedAt,
      remindersSent: after.remindersSent ?? 0,
      tier,
      nextCheckAt: nextCheckAt(after, kind),
    });
  }
  return { writes, notices };
}

/** Resolves every notice's recipients with one read of the batch's staff. */
async function recipientsOf(tx: Tx, notices: readonly Notice[]): Promise<Map<Notice, string[]>> {
  const out = new Map<Notice, string[]>();
  if (!notices.length) return out;
  const wanted: DeadlineAudience = {
    roles: [...new Set(notices.flatMap((n) => ('role' in n.to ? [n.to.role] : n.to.audience.roles)))],
    departmentFunctions: [
      ...new Set(notices.flatMap((n) => ('audience' in n.to ? n.to.audience.departmentFunctions : []))),
    ],
  };
  const { staff, directors } = await audienceStaff(
    tx,
    notices.map((n) => n.row.companyId),
    notices.flatMap((n) => (n.row.officeId ? [n.row.officeId] : [])),
    wanted,
  );
  for (const n of notices) {
    const ofCompany = staff.filter((u) => u.companyId === n.row.companyId);
    const office = n.row.officeId;
    out.set(
      n,
      'role' in n.to
        ? escalationRecipients(n.to.role, office, ofCompany)
        : audienceRecipients(
            n.to.audience,
            office,
            ofCompany,
            office ? (directors.get(office) ?? null) : null,
          ),
    );
  }
  return out;
}

/** Handles one batch of due deadlines inside `tx`; returns how many it took. */
export async function sweepDeadlineBatch(
  tx: Tx,
  now: Date,
  limit: number,
  companyId: string | undefined,
  result: StoredSweepResult,
): Promise<number> {
  const rows = await lockDueDeadlines(tx, now, limit, companyId);
  if (!rows.length) return 0;
  const { writes, notices } = plan(rows, now, result);
  await storeDeadlineSweep(tx, writes);
  const recipients = await recipientsOf(tx, notices);
  await notifyMany(
    tx,
    notices.flatMap((n) =>
      [...new Set(recipients.get(n) ?? [])].map((userId) => ({
        companyId: n.row.companyId,
        userId,
        type: n.type,
        caseId: null,
        data: n.data,
      })),
    ),
    now,
  );
  return rows.length;
}
