/**
 * The dashboard for directors and managers (REPORT-7). Scope: admin and manager see the company (or one office
 * or community they pick); directors, supervisors and auditors see only their offices — another office is 403,
 * no filter means all of their own offices. A community must belong to an office in scope (and to the office
 * picked, when both are given).
 *
 * Periods are the company's local months (src/domain/metrics/period.ts): the trend covers the last `months`
 * months, the current one included (so far); the Pareto and the rates cover the current month so far — the
 * figures a director acts on today; the finished months are the monthly summary's (REPORT-4). The rates are the
 * summary's definitions (src/domain/metrics/rates.ts), with the summary's SQL fragments.
 *
 * Cost: only the current month is counted live; the trend's finished months come from kept rollups
 * (src/server/reports/month-rollups.ts), exact and recomputed after any write that touches them.
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
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import * as summaryRepo from '../reports/summary.repository';
import { summaryService } from '../reports/summary.service';
import { finishedMonthTrend, monthKey, type TrendCell } from '../reports/month-rollups';
import * as repo from './dashboard.repository';

const DUE_SOON_MS = 24 * 3_600_000;

const ym = (m: YearMonth) => `${m.year}-${String(m.month).padStart(2, '0')}`;
const sum = <T>(rows: readonly T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);

function figure(r: Rate, formulaKey: string, target: RateTarget | null = null): Figure {
  return { ...r, formulaKey, target, meetsTarget: target ? meetsTarget(r, target) : null };
}

/** The month's rates from its totals (the summary's definitions: src/domain/metrics/rates.ts). */
export function ratesOf(
  clocks: readonly repo.ClockTotalRow[],
  events: repo.EventTotalRow,
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
        satisfied: events.satisfied,
        basicallySatisfied: events.basically_satisfied,
        answered: events.answered,
      }),
      FORMULA_KEYS.satisfaction,
    ),
    reopen: figure(reopenRate({ reopened: events.reopened, resolved: events.resolved }), FORMULA_KEYS.reopen),
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
      const month = monthRange(current.year, current.month, tz);
      const scope: repo.DashboardScope = { companyId: actor.companyId, officeIds, communityId };

      const finished = monthsBetween(first, current)
        .slice(0, -1)
        .map((m) => ({ ...m, ...monthRange(m.year, m.month, tz) }));
      const live = { ...month, now };

      const [today, kept, received, byCategory, clocks, events, occupied, status] = await Promise.all([
        repo.todayCounts(db, scope, now, new Date(now.getTime() + DUE_SOON_MS)),
        finishedMonthTrend(db, actor.companyId, finished),
        repo.monthReceived(db, scope, live),
        repo.complaintsByCategory(db, scope, live),
        repo.monthClocks(db, scope, live),
        repo.monthEvents(db, scope, live),
        repo.occupiedHouseholds(db, scope),
        summaries.status(actor, officeId ?? undefined),
      ]);

      const categories = new Map(byCategory.map((r) => [r.category_id, r.count]));
      const names = await summaryRepo.categoryNames(
        db,
        actor.companyId,
        [...categories.keys()].filter((k): k is string => !!k),
      );
      // A kept month's cells narrowed to the scope, as the live queries' filters would (no office: whole company).
      const inScope = (c: TrendCell) =>
        (officeIds === 'all' || (c.officeId !== null && officeIds.includes(c.officeId))) &&
        (!communityId || c.communityId === communityId);

      return {
        now: now.toISOString(),
        timeZone: tz,
        officeId,
        communityId,
        today: { open: today.open, overdue: today.overdue, dueSoon: today.due_soon },
        trend: [
          ...finished.map((m) => {
            const cells = (kept.get(monthKey(m)) ?? []).filter(inScope);
            return {
              month: ym(m),
              received: sum(cells, (c) => c.received),
              resolved: sum(cells, (c) => c.resolved),
              complaints: sum(cells, (c) => c.complaints),
            };
          }),
          {
            month: ym(current),
            received: received.received,
            resolved: events.resolved,
            complaints: received.complaints,
          },
        ],
        pareto: paretoOf(categories, names, translate(locale, 'report.none_category')),
        paretoPeriod: { month: ym(current), start: month.start.toISOString(), end: month.end.toISOString() },
        rates: ratesOf(clocks, events, received.complaints, occupied),
        summaryStatus: { overdueCount: status.overdueCount },
      };
    },
  };
}
