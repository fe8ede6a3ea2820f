/**
 * The one overdue view: every deadline past due that the caller may see, whatever its subject, most overdue first.
 * Each table contributes what it has past due under each kind's read rule — a case's clocks under the case rule
 * (caseVisibleTo); every other kind (the `deadlines` table: monthly summaries, quarterly reports) under its
 * permission and the office scope — and the page is their merge by (due time, table, id), which is also the cursor.
 */
import { TOTAL_CAP } from '../../contracts/common';
import type {
  DeadlineKind,
  DeadlineListQuery,
  OverdueDeadline,
  OverdueDeadlineList,
} from '../../contracts/deadlines';
import { can, officeScope } from '../../domain/access/access';
import type { StoredDeadlineSubject } from '../../domain/deadlines/kinds';
import { STORED_DEADLINE_KINDS } from '../../domain/deadlines/subjects';
import type { AppDeps } from '../platform/deps';
import { caseActorOf } from '../access/case-access.repository';
import { cursorKey, defineCursor } from '../db/paging';
import type { RequestActor } from '../http/types';
import { overdueCaseClocks, overdueStoredDeadlines } from './deadlines.repository';

/** The order of the two tables' items at one due time, and the first part of each item's key. */
const TABLE_ORDER = { case_clocks: 0, deadlines: 1 } as const;

/**
 * An item's key as the cursor carries it: `<table order>:<row uuid>` (anything else is not a key this list wrote,
 * and the cursor is refused like any other it did not write).
 */
const ITEM_KEY = /^[01]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** (due time, item key) of the last item of the page. */
const CURSOR = defineCursor([cursorKey.time, cursorKey.text.refine((key) => ITEM_KEY.test(key))]);

interface Keyed {
  item: OverdueDeadline;
  at: number;
  key: string;
}

const compare = (a: { at: number; key: string }, b: { at: number; key: string }) =>
  a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The keyset after `after` within the table of order `table`: at the same due time, after its id or all. */
function keysetOf(after: Keyed | null, table: number) {
  if (!after) return null;
  const [order, id] = splitKey(after.key);
  // at the cursor's due time, a table ordered before the cursor's is done; one ordered after has not begun
  if (order === table) return { dueAt: new Date(after.at), afterId: id };
  return order > table
    ? { dueAt: new Date(after.at), afterId: null }
    : { dueAt: new Date(after.at - 1), afterId: null };
}

export function deadlinesService(deps: AppDeps) {
  const { db, clock } = deps;

  /** The case clocks past due (up to `limit` after the cursor) and how many there are. */
  async function caseClocks(actor: RequestActor, now: Date, after: Keyed | null, limit: number) {
    if (!can(actor, 'cases.read')) return { items: [] as Keyed[], count: 0 };
    const { rows, count } = await overdueCaseClocks(db, actor.companyId, await caseActorOf(db, actor), now, {
      after: keysetOf(after, TABLE_ORDER.case_clocks),
      limit,
    });
    const items = rows.map((r): Keyed => ({
      at: r.dueAt.getTime(),
      key: `${TABLE_ORDER.case_clocks}:${r.id}`,
      item: {
        kind: 'case_clock',
        name: r.name,
        dueAt: r.dueAt.toISOString(),
        subject: { id: r.caseId, label: r.number },
        office: r.officeId ? { id: r.officeId, name: r.officeName ?? '' } : null,
        breachRecorded: r.breachedAt != null,
      },
    }));
    return { items, count };
  }

  /**
   * Every other kind's deadlines past due (the `deadlines` table), of the kinds the caller may read (each kind's
   * permission) in the offices of their scope.
   */
  async function storedDeadlines(
    actor: RequestActor,
    kinds: readonly StoredDeadlineSubject[],
    now: Date,
    after: Keyed | null,
    limit: number,
  ) {
    const readable = kinds.filter((k) => can(actor, STORED_DEADLINE_KINDS[k].readPermission));
    const { rows, count } = await overdueStoredDeadlines(
      db,
      actor.companyId,
      readable,
      officeScope(actor),
      now,
      {
        after: keysetOf(after, TABLE_ORDER.deadlines),
        limit,
      },
    );
    const items = rows.map((r): Keyed => ({
      at: r.dueAt.getTime(),
      key: `${TABLE_ORDER.deadlines}:${r.id}`,
      item: {
        kind: r.kind,
        name: r.name,
        dueAt: r.dueAt.toISOString(),
        subject: { id: r.subjectId, label: r.label },
        office: r.officeId ? { id: r.officeId, name: r.officeName ?? '' } : null,
        breachRecorded: r.breachedAt != null,
      },
    }));
    return { items, count };
  }

  return {
    async overdue(actor: RequestActor, q: DeadlineListQuery): Promise<OverdueDeadlineList> {
      const now = clock.now();
      const decoded = CURSOR.decode(q.cursor);
      const after: Keyed | null = decoded
        ? { at: decoded.key[0].getTime(), key: decoded.key[1], item: undefined as never }
        : null;
      const wanted = (kind: DeadlineKind) => !q.kind || q.kind.includes(kind);
      const stored = (Object.keys(STORED_DEADLINE_KINDS) as StoredDeadlineSubject[]).filter(wanted);
      const [cases, others] = await Promise.all([
        wanted('case_clock') ? caseClocks(actor, now, after, q.limit + 1) : { items: [], count: 0 },
        storedDeadlines(actor, stored, now, after, q.limit + 1),
      ]);
      const merged = [...cases.items, ...others.items].sort(compare);
      const page = merged.slice(0, q.limit);
      const last = page.at(-1);
      const total = cases.count + others.count;
      return {
        items: page.map((k) => k.item),
        nextCursor:
          merged.length > q.limit && last ? CURSOR.encode([new Date(last.at).toISOString(), last.key]) : null,
        total: Math.min(total, TOTAL_CAP),
        totalCapped: total > TOTAL_CAP,
      };
    },
  };
}

/** `<table order>:<id>` → [order, id]. */
function splitKey(key: string): [number, string] {
  const at = key.indexOf(':');
  return [Number(key.slice(0, at)), key.slice(at + 1)];
}
