/** The cases list and full-text search (GET /api/cases), under the case rule. */
import { sql } from 'drizzle-orm';
import type { CaseListQuery } from '../../contracts/cases';
import { TOTAL_CAP } from '../../contracts/common';
import type { AppDeps } from '../app';
import { cursorKey, defineCursor } from '../db/paging';
import type { RequestActor } from '../http/types';
import * as repo from './cases.repository';
import { iso, toView } from './case-view';
import { searchQuery } from './search-text';

type Row = repo.CaseRow;

/**
 * The cases list's cursors, one per order; both carry the first page's count. By arrival: (received_at, id). By
 * next due: (next_due_at, id), the time null for the cases with no running clock that end the list.
 */
const BY_RECEIVED_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid], { counted: true });
const BY_DUE_CURSOR = defineCursor([cursorKey.time.nullable(), cursorKey.uuid], { counted: true });
export function listCases(deps: AppDeps) {
  const { db, clock } = deps;
  return async function list(actor: RequestActor, q: CaseListQuery) {
    const cActor = await repo.caseActorOf(db, actor);
    const now = clock.now();
    const conds = [sql`c.company_id = ${actor.companyId}`, repo.caseVisibleTo(cActor)];
    const anyOf = (col: string, values: readonly string[] | undefined) => {
      if (values?.length)
        conds.push(
          sql`${sql.raw(col)} in (${sql.join(
            values.map((v) => sql`${v}`),
            sql`, `,
          )})`,
        );
    };
    anyOf('c.state', q.state);
    anyOf('c.kind', q.kind);
    anyOf('c.severity', q.severity);
    anyOf('c.community_id', q.communityId);
    anyOf('c.department_id', q.departmentId);
    anyOf('c.handler_id', q.handlerId);
    anyOf('c.first_responder_id', q.firstResponderId);
    if (q.callbackAssigneeId?.length)
      conds.push(
        sql`c.state = 'resolved' and coalesce(c.callback_assignee_id, c.first_responder_id) in (${sql.join(
          q.callbackAssigneeId.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
    if (q.overdue === 'true') conds.push(sql`c.next_due_at < ${now}`);
    if (q.overdue === 'false') conds.push(sql`(c.next_due_at is null or c.next_due_at >= ${now})`);
    if (q.receivedFrom) conds.push(sql`c.received_at >= ${new Date(q.receivedFrom)}`);
    if (q.receivedTo) conds.push(sql`c.received_at < ${new Date(q.receivedTo)}`);
    if (q.q) {
      const tsq = searchQuery(q.q);
      const byNumber = sql`c.number = ${q.q.trim().toUpperCase()}`;
      conds.push(tsq ? sql`(c.search_vector @@ to_tsquery('simple', ${tsq}) or ${byNumber})` : byNumber);
    }
    const where = sql.join(conds, sql` and `);
    let keyset = sql``;
    let order = sql`c.received_at desc, c.id desc`;
    // The count runs with the first page only; the cursor carries it to the next pages (a search for a common
    // word counts up to 10,001 matches: as long as the page itself at a million cases, bench).
    let carried: number | undefined;
    if (q.sort === 'nextDue') {
      // Nearest due first; cases with no running clock last (UI-2).
      order = sql`coalesce(c.next_due_at, 'infinity'::timestamptz) asc, c.id asc`;
      const decoded = BY_DUE_CURSOR.decode(q.cursor);
      carried = decoded?.counted;
      const after = decoded?.key;
      if (after)
        keyset = sql` and (coalesce(c.next_due_at, 'infinity'::timestamptz), c.id) > (${after[0] === null ? sql`'infinity'::timestamptz` : sql`${after[0]}`}, ${after[1]}::uuid)`;
    } else {
      const decoded = BY_RECEIVED_CURSOR.decode(q.cursor);
      carried = decoded?.counted;
      const after = decoded?.key;
      if (after) keyset = sql` and (c.received_at, c.id) < (${after[0]}, ${after[1]}::uuid)`;
    }
    const pageQuery = sql`select ${repo.CASE_COLUMNS}, null as "targetDepartmentHeadId", null as "officeDirectorId" from cases c where ${where}${keyset} order by ${order} limit ${q.limit + 1}`;
    const countQuery = sql`select count(*)::int as n from (select 1 from cases c where ${where} limit ${TOTAL_CAP + 1}) t`;
    let rows: Row[];
    let counted: number;
    if (q.q) {
      // Full-text search, in one transaction: count first, then choose the page's plan from the count.
      // PostgreSQL estimates a tsquery of several words as if they were independent (电梯 & 困人: 1,276 rows
      // estimated, 21,281 found), so for common words it reads and sorts every match to return 51. When there
      // are more than TOTAL_CAP matches the newest ones are dense: walking the received_at index and filtering
      // is the plan (3–13 ms instead of 40–60 ms at a million cases); bitmap and sequential scans are turned off
      // for that one statement. No parallel workers: on a small server they compete with the requests around.
      // (Each SET is a round trip of well under a millisecond; the count it speeds up takes 10–90 ms.)
      ({ rows, counted } = await db.transaction(async (tx) => {
        await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
        // A common word matches ~100,000 cases; with the default 4 MB the bitmap of their rows turns lossy and
        // every row of half the pages is checked again (漏水: 85 → 50 ms with 16 MB).
        await tx.execute(sql`set local work_mem = '16MB'`);
        const n = carried ?? (await tx.execute<{ n: number }>(countQuery)).rows[0].n;
        if (n > TOTAL_CAP && q.sort !== 'nextDue') {
          await tx.execute(sql`set local enable_bitmapscan = off`);
          await tx.execute(sql`set local enable_seqscan = off`);
        }
        return { rows: (await tx.execute<Row>(pageQuery)).rows, counted: n };
      }));
    } else {
      const [page, n] = await Promise.all([
        db.execute<Row>(pageQuery),
        carried ?? db.execute<{ n: number }>(countQuery).then((r) => r.rows[0].n),
      ]);
      rows = page.rows;
      counted = n;
    }
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
