/**
 * The dashboard for directors and managers (issue 4 §4). Scope: admin and manager see the company (or one office
 * or community they pick); directors, supervisors and auditors see only their offices — another office is 403,
 * no filter means all of their own offices. A community must belong to an office in scope (and to the office
 * picked, when both are given).
 *
 * Periods are the company's local months (src/domain/metrics/period.ts): the trend covers the last `months`
 * months, the current one included (so far); the Pareto and the rates cover the current month so far — the
 * figures a director acts on today; the finished months are the monthly summary's (issue 4 §1). The rates are the
 * summary's definitions (src/domain/metrics/rates.ts) computed by the summary's own queries.
 */
import { CLOCK_NAMES, type ClockName } from '../../domain/case/case';
import { canSeeOffice, officeScope } from '../../domain/access/access';
import { fieldError, forbidden, notFound } from '../../domain/errors';
import { monthOf, monthRange, monthsBetween, type YearMonth } from '../../domain/metrics/period';
import {
  addRates,
  callbackRate,
  effectiveComplaintRate,
  FORMULA_KEYS,
  meetsTarget,
  onTimeRate,
  reopenRate,
  satisfactionRate,
  TARGETS,
  type Rate,
  type RateTarget,
} from '../../domain/metrics/rates';
import { translate, type Locale } from '../../contracts/messages';
import type { Dashboard, DashboardQuery, DashboardRates, ParetoItem } from '../../contracts/dashboard';
import type { Figure } from '../../contracts/reports';
import type { AppDeps } from '../app';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as summaryRepo from '../reports/summary.repository';
import { summaryService } from '../reports/summary.service';
import * as repo from './dashboard.repository';

const DUE_SOON_MS = 24 * 3_600_000;

const ym = (m: YearMonth) => `${m.year}-${String(m.month).padStart(2, '0')}`;
const sum = <T>(rows: readonly T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);

function figure(r: Rate, formulaKey: string, target: RateTarget | null = null): Figure {
  return { ...r, formulaKey, target, meetsTarget: target ? meetsTarget(r, target) : null };
}

/** The month's rates from the summary's grouped counts (already narrowed to the community, if any). */
export function ratesOf(
  clocks: readonly summaryRepo.ClockCountRow[],
  events: readonly summaryRepo.EventCountRow[],
  validComplaints: number,
  occupiedHouseholds: number,
): DashboardRates {
  const perClock = CLOCK_NAMES.map((name: ClockName) => {
    const mine = clocks.filter((k) => k.name === name);
    return onTimeRate({ metOnTime: sum(mine, (k) => k.on_time), fellDue: sum(mine, (k) => k.fell_due) });
  });
  const callback = clocks.filter((k) => k.name === 'callback');
  return {
    onTime: figure(addRates(perClock), FORMULA_KEYS.onTime),
    callback: figure(
      callbackRate({ done: sum(callback, (k) => k.met), fellDue: sum(callback, (k) => k.fell_due) }),
      FORMULA_KEYS.callback,
      TARGETS.callback,
    ),
    satisfaction: figure(
      satisfactionRate({
        satisfied: sum(events, (e) => e.satisfied),
        basicallySatisfied: sum(events, (e) => e.basically_satisfied),
        answered: sum(events, (e) => e.answered),
      }),
      FORMULA_KEYS.satisfaction,
    ),
    reopen: figure(
      reopenRate({ reopened: sum(events, (e) => e.reopened), resolved: sum(events, (e) => e.resolved) }),
      FORMULA_KEYS.reopen,
    ),
    effectiveComplaint: figure(
      effectiveComplaintRate({ validComplaints, occupiedHouseholds }),
      FORMULA_KEYS.effectiveComplaint,
      TARGETS.effectiveComplaint,
    ),
  };
}

/** Valid complaints by category, largest first, with the running share (ties: uncategorised last, then by name). */
export function paretoOf(
  counts: ReadonlyMap<string | null, number>,
  names: ReadonlyMap<string, string>,
  noneLabel: string,
): ParetoItem[] {
  const items = [...counts]
    .filter(([, n]) => n > 0)
    .map(([id, count]) => ({ categoryId: id, name: id ? (names.get(id) ?? id) : noneLabel, count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        Number(a.categoryId === null) - Number(b.categoryId === null) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
  const total = sum(items, (i) => i.count);
  let running = 0;
  return items.map((i) => {
    running += i.count;
    return { ...i, cumulativeShare: total ? running / total : 0 };
  });
}

export function dashboardService(deps: AppDeps) {
  const { db, clock } = deps;
  const summaries = summaryService(deps);

  /** The offices and community a query means, checked against the actor's scope. */
  async function resolveScope(actor: RequestActor, q: DashboardQuery) {
    let officeId = q.officeId ?? null;
    if (officeId) {
      if (!(await repo.officeExists(db, actor.companyId, officeId))) throw notFound();
      if (!canSeeOffice(actor, officeId)) throw forbidden('rule.office_out_of_scope');
    }
    const communityId = q.communityId ?? null;
    if (communityId) {
      const community = await repo.communityOffice(db, actor.companyId, communityId);
      if (!community) throw notFound();
      if (!canSeeOffice(actor, community.office_id)) throw forbidden('rule.office_out_of_scope');
      if (officeId && community.office_id !== officeId)
        throw fieldError({ 'querystring.communityId': 'field.invalid_value' });
      officeId = community.office_id;
    }
    // No filter: every office in scope; a user of a single office gets that office, named.
    const scope = officeScope(actor);
    if (!officeId && scope !== 'all' && scope.length === 1) officeId = scope[0];
    const officeIds: 'all' | readonly string[] = officeId ? [officeId] : scope;
    return { officeId, communityId, officeIds };
  }

  /** The summary's grouped counts of the current month, per office in scope (or company-wide). */
  async function monthCounts(tx: Tx, companyId: string, officeIds: 'all' | readonly string[], s: Period) {
    const perOffice = await Promise.all(
      (officeIds === 'all' ? [null] : officeIds).map(async (officeId) => {
        const scope: summaryRepo.SummaryScope = { companyId, officeId, ...s };
        const [received, clocks, events, communities] = await Promise.all([
          summaryRepo.receivedCounts(tx, scope),
          summaryRepo.clockCounts(tx, scope),
          summaryRepo.eventCounts(tx, scope),
          summaryRepo.communities(tx, companyId, officeId),
        ]);
        return { received, clocks, events, communities };
      }),
    );
    return {
      received: perOffice.flatMap((o) => o.received),
      clocks: perOffice.flatMap((o) => o.clocks),
      events: perOffice.flatMap((o) => o.events),
      communities: perOffice.flatMap((o) => o.communities),
    };
  }

  type Period = { start: Date; end: Date; now: Date };

  return {
    async get(actor: RequestActor, q: DashboardQuery, locale: Locale): Promise<Dashboard> {
      const { officeId, communityId, officeIds } = await resolveScope(actor, q);
      const company = await summaryRepo.companyInfo(db, actor.companyId);
      if (!company) throw notFound();
      const tz = company.time_zone;
      const now = clock.now();
      const current = monthOf(now, tz);
      const first = monthsBetween({ year: current.year - 2, month: current.month }, current).slice(
        -q.months,
      )[0];
      const trendStart = monthRange(first.year, first.month, tz).start;
      const month = monthRange(current.year, current.month, tz);
      const scope: repo.DashboardScope = { companyId: actor.companyId, officeIds, communityId };

      const [today, received, resolved, counts, status] = await Promise.all([
        repo.todayCounts(db, scope, now, new Date(now.getTime() + DUE_SOON_MS)),
        repo.receivedByMonth(db, scope, trendStart, month.end, tz),
        repo.resolvedByMonth(db, scope, trendStart, month.end, tz),
        monthCounts(db, actor.companyId, officeIds, { ...month, now }),
        summaries.status(actor, officeId ?? undefined),
      ]);

      // One community: its rows of the grouped counts (each is grouped by community already).
      const mine = <T extends { community_id: string | null }>(rows: readonly T[]) =>
        communityId ? rows.filter((r) => r.community_id === communityId) : rows;
      const rec = mine(counts.received);
      const occupied = sum(
        counts.communities.filter((c) => !communityId || c.id === communityId),
        (c) => c.occupied,
      );
      const byCategory = new Map<string | null, number>();
      for (const r of rec)
        if (r.kind === 'complaint')
          byCategory.set(r.category_id, (byCategory.get(r.category_id) ?? 0) + r.valid_complaints);
      const names = await summaryRepo.categoryNames(
        db,
        actor.companyId,
        [...byCategory.keys()].filter((k): k is string => !!k),
      );

      const rec12 = new Map(received.map((r) => [r.month, r]));
      const res12 = new Map(resolved.map((r) => [r.month, r.resolved]));
      return {
        now: now.toISOString(),
        timeZone: tz,
        officeId,
        communityId,
        today: { open: today.open, overdue: today.overdue, dueSoon: today.due_soon },
        trend: monthsBetween(first, current).map((m) => {
          const key = ym(m);
          return {
            month: key,
            received: rec12.get(key)?.received ?? 0,
            resolved: res12.get(key) ?? 0,
            complaints: rec12.get(key)?.complaints ?? 0,
          };
        }),
        pareto: paretoOf(byCategory, names, translate(locale, 'report.none_category')),
        paretoPeriod: { month: ym(current), start: month.start.toISOString(), end: month.end.toISOString() },
        rates: ratesOf(
          mine(counts.clocks),
          mine(counts.events),
          sum(rec, (r) => r.valid_complaints),
          occupied,
        ),
        summaryStatus: { overdueCount: status.overdueCount },
      };
    },
  };
}
