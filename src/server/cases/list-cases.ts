/** The cases list and full-text search (GET /api/cases), under the case rule. */
import type { CaseListQuery } from '../../contracts/cases';
import { TOTAL_CAP } from '../../contracts/common';
import type { AppDeps } from '../platform/deps';
import { cursorKey, defineCursor } from '../db/paging';
import type { RequestActor } from '../http/types';
import { caseActorOf } from '../access/case-access.repository';
import * as repo from './cases.repository';
import { iso, toView } from './case-view';
import { DEFAULT_TIME_ZONE, startOfLocalDay } from '../../domain/clock/deadlines';
import { addDays } from '../../domain/clock/working-calendar';

/** The instants of a local day in a time zone: [its start, the next day's start). */
function resolvedDay(day: string, zone: string): readonly [Date, Date] {
  return [startOfLocalDay(day, zone), startOfLocalDay(addDays(day, 1), zone)];
}

/**
 * The cases list's cursors, one per order; both carry the first page's count. By arrival: (received_at, id). By
 * next due: (next_due_at, id), the time null for the cases with no running clock that end the list.
 */
const BY_RECEIVED_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid], { counted: true });
const BY_DUE_CURSOR = defineCursor([cursorKey.time.nullable(), cursorKey.uuid], { counted: true });
export function listCases(deps: AppDeps) {
  const { db, clock } = deps;
  return async function list(actor: RequestActor, q: CaseListQuery) {
    const cActor = await caseActorOf(db, actor);
    // a local day is the company's: its instants come from the company's time zone
    const resolvedBetween = q.resolvedOn
      ? resolvedDay(q.resolvedOn, (await repo.companyTimeZone(db, actor.companyId)) ?? DEFAULT_TIME_ZONE)
      : undefined;
    const where = repo.caseListWhere(cActor, {
      ...q,
      companyId: actor.companyId,
      now: clock.now(),
      resolvedBetween,
    });
    // The count runs with the first page only; the cursor carries it to the next pages (a search for a common
    // word counts up to 10,001 matches: as long as the page itself at a million cases, bench).
    let carried: number | undefined;
    let page: repo.CaseListPage;
    if (q.sort === 'nextDue') {
      const decoded = BY_DUE_CURSOR.decode(q.cursor);
      carried = decoded?.counted;
      page = { sort: 'nextDue', after: decoded?.key ?? null, limit: q.limit };
    } else {
      const decoded = BY_RECEIVED_CURSOR.decode(q.cursor);
      carried = decoded?.counted;
      page = { sort: 'received', after: decoded?.key ?? null, limit: q.limit };
    }
    const { rows, counted } = await repo.listCasePage(db, where, page, { search: !!q.q, carried });
    const pageRows = rows.slice(0, q.limit).map(repo.normaliseCase);
    const ids = pageRows.map((r) => r.id);
    const [clocks, names] = await Promise.all([repo.loadClocks(db, ids), repo.loadNames(db, ids)]);
    const items = pageRows.map((r) =>
      toView(
        r,
        clocks.filter((c) => c.caseId === r.id),
        names.get(r.id),
        cActor,
      ),
    );
    const last = pageRows[pageRows.length - 1];
    return {
      items,
      nextCursor:
        rows.length > q.limit && last
          ? q.sort === 'nextDue'
            ? BY_DUE_CURSOR.encode([iso(last.nextDueAt), last.id], counted)
            : BY_RECEIVED_CURSOR.encode([iso(last.receivedAt)!, last.id], counted)
          : null,
      total: Math.min(counted, TOTAL_CAP),
      totalCapped: counted > TOTAL_CAP,
    };
  };
}
