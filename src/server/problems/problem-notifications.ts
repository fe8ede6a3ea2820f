/**
 * Who hears of a recurring problem (PROBLEM-3, UI-9 "nothing surprising happens silently"), always in
 * the transaction that made the change:
 * - raised (by detection, hourly or on demand): the office director;
 * - assigned to a review (departments added): the people of each added department and the office director;
 * - its review due date passed without measures: the review's people (the director when no department was
 *   assigned), once per due date — problems.overdue_notified_at is set by the statement that picks the problem.
 *
 * A department's people are its head; a department without an active head is told through its active members, so
 * an assignment never goes nowhere. The office director is offices.director_id, or (none set, or no longer
 * active) the office's users with the director role. Service users are never told.
 */
import type { NotificationType } from '../../contracts/notifications';
import type { Clock } from '../platform/clock';
import type { Db, Tx } from '../db/client';
import { notify, notifyMany } from '../notifications/notifications.service';
import * as repo from './problems.repository';

const problemData = (p: { id: string; title: string }, extra: Record<string, unknown> = {}) => ({
  problemId: p.id,
  title: p.title,
  ...extra,
});

/**
 * The directors of the offices of problems detection has just raised. A first run over a busy month raises
 * thousands at once (ADR 0009), so this writes every bell entry in one statement and sends their live events in
 * another — the set-based path of the deadline sweep — instead of two round trips per problem through notify().
 * Returns the number of notifications made.
 */
export async function notifyRaised(
  tx: Tx,
  companyId: string,
  raised: readonly { id: string; officeId: string | null; title: string }[],
  at: Date,
): Promise<number> {
  if (!raised.length) return 0;
  const directors = await repo.officeDirectors(
    tx,
    companyId,
    raised.map((p) => p.officeId),
  );
  const rows = raised.flatMap((p) =>
    (p.officeId ? (directors.get(p.officeId) ?? []) : []).map((userId) => ({
      companyId,
      userId,
      type: 'problem_raised' as NotificationType,
      caseId: null,
      data: problemData(p),
    })),
  );
  const made = await notifyMany(tx, rows, at);
  return made.length;
}

/**
 * Departments were added to a problem's review: their people and the office director are told (the one who made
 * the change is not told of it).
 */
export async function notifyAssigned(
  tx: Tx,
  p: { companyId: string; id: string; officeId: string | null; title: string; dueAt: Date | null },
  added: readonly { id: string; name: string }[],
  actorId: string,
  at: Date,
) {
  if (!added.length) return [];
  const people = await repo.reviewPeople(
    tx,
    p.companyId,
    added.map((d) => d.id),
  );
  const directors = p.officeId
    ? ((await repo.officeDirectors(tx, p.companyId, [p.officeId])).get(p.officeId) ?? [])
    : [];
  return notify(tx, {
    companyId: p.companyId,
    userIds: [...added.flatMap((d) => people.get(d.id) ?? []), ...directors].filter((id) => id !== actorId),
    type: 'problem_assigned',
    data: problemData(p, {
      // names, joined by the reader's locale (、 or , )
      departments: added.map((d) => d.name),
      dueAt: p.dueAt ? p.dueAt.toISOString() : null,
    }),
    at,
  });
}

/**
 * Open problems whose review due date has passed with no measures recorded: their review's people are told, once
 * per due date. One transaction; the UPDATE that picks the problems also marks them (overdue_notified_at), so a
 * second run — or a second instance at the same time, which waits on the row locks and then finds the mark — tells
 * nobody again. Run hourly with detection (detectProblems); `companyId` limits it to one company.
 */
export async function notifyOverdueProblems(
  db: Db,
  clock: Clock,
  opts: { companyId?: string } = {},
): Promise<{ problems: number; notifications: number }> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const rows = await repo.markOverdueProblems(tx, now, opts.companyId);
    // Who is told, looked up once per company for all its problems (a first run may find many at once).
    const out: Parameters<typeof notifyMany>[1][number][] = [];
    for (const companyId of new Set(rows.map((r) => r.company_id))) {
      const mine = rows.filter((r) => r.company_id === companyId);
      const people = await repo.reviewPeople(tx, companyId, [
        ...new Set(mine.flatMap((r) => r.review_department_ids ?? [])),
      ]);
      const directors = await repo.officeDirectors(
        tx,
        companyId,
        mine.map((r) => r.office_id),
      );
      for (const r of mine) {
        const departments = r.review_department_ids ?? [];
        const userIds = departments.length
          ? departments.flatMap((d) => people.get(d) ?? [])
          : r.office_id
            ? (directors.get(r.office_id) ?? [])
            : [];
        for (const userId of new Set(userIds))
          out.push({
            companyId,
            userId,
            type: 'problem_overdue',
            caseId: null,
            data: problemData(r, { dueAt: new Date(r.due_at).toISOString() }),
          });
      }
    }
    const notifications = (await notifyMany(tx, out, now)).length;
    return { problems: rows.length, notifications };
  });
}
