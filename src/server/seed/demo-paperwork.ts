/**
 * The paperwork of the demo history's past months, done through each feature's own service at the instant an
 * office would have done it, so that a new install shows nothing overdue merely because it is new:
 * - the monthly complaint summaries (REPORT-1): drafted on the 1st by the drafting job, which also starts their
 *   publication deadlines; the director decides the highlighted words (REPORT-3), approves and publishes before
 *   the 5th, which meets the deadline;
 * - the quarterly management-service reports (REPORT-5): drafted by their job on the 1st of the report month, the
 *   service part in by the 10th, the finance part (the finance department, REPORT-6) by the 15th, signed and
 *   published by the 20th — each step only once its day has come;
 * - the duty ledger (LEDGER-1): every month's violations derived from the timelines; each past month's decided by
 *   the director of the subject's office (the manager for the director's own, LEDGER-2), the current one pending;
 * - recurring problems (PROBLEM-1, PROBLEM-2): detected two months ago, reviewed, measures recorded and closed;
 *   detected again now, some with their review under way.
 */
import { sql } from 'drizzle-orm';
import type { Role } from '../../domain/access/roles';
import { monthOf, monthsBetween, previousMonth, type YearMonth } from '../../domain/metrics/period';
import {
  nextQuarter,
  quarterlyDeadlines,
  quarterOf,
  SERVICE_DUE_DAY,
  type Quarter,
} from '../../domain/reports/quarterly';
import { formatIsoDate } from '../../domain/clock/working-calendar';
import { startOfLocalDay } from '../../domain/clock/deadlines';
import type { Db } from '../db/client';
import { FakeClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import { draftMonthlySummaries, summaryService } from '../reports/summary.service';
import { draftQuarterlyReports, quarterlyService } from '../quarterly/quarterly.service';
import { deriveDutyViolations } from '../accountability/accountability.service';
import { decisionProblem } from '../../domain/accountability/violations';
import { canManageInOffice } from '../../domain/access/access';
import { detectProblems, problemsService } from '../problems/problems.service';
import { HISTORY_MONTHS } from './demo-matters';
import type { DemoWorld } from './demo-world';
import { rng } from './people';
import { PROBLEM_REVIEWS } from './demo-texts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who acts, as a signed-in request would carry them. */
function actorOf(world: DemoWorld, username: string): RequestActor {
  const u = world.staff[username];
  return {
    userId: u.id,
    companyId: world.companyId,
    roles: u.roles as Role[],
    officeIds: u.officeIds,
    username,
    name: u.name,
  };
}

/** `hour`:00 local on `date` (YYYY-MM-DD) plus `minutes`. */
function localAt(world: DemoWorld, date: string, hour: number, minutes = 0): Date {
  return new Date(startOfLocalDay(date, world.timeZone).getTime() + hour * HOUR + minutes * 60_000);
}

const ymDate = (ym: YearMonth, day: number) => formatIsoDate(ym.year, ym.month, day);

export async function writeDemoPaperwork(db: Db, world: DemoWorld, now: Date): Promise<void> {
  const clock = new FakeClock(now);
  const deps: AppDeps = { db, clock, config: loadConfig({}) };
  const r = rng(20261201);
  const current = monthOf(now, world.timeZone);
  const first = { year: current.year, month: current.month - HISTORY_MONTHS };
  if (first.month < 1) Object.assign(first, { year: first.year - 1, month: first.month + 12 });
  const past = monthsBetween(first, previousMonth(current));
  const directors = ['director', 'director2'];

  // REPORT-1: each past month's summary, per office, drafted on the 1st and published before the 5th.
  const summaries = summaryService(deps);
  for (const ym of past) {
    const next = { year: ym.month === 12 ? ym.year + 1 : ym.year, month: ym.month === 12 ? 1 : ym.month + 1 };
    clock.set(localAt(world, ymDate(next, 1), 1, 5));
    await draftMonthlySummaries(db, clock);
    for (const [i, office] of world.offices.entries()) {
      const director = actorOf(world, directors[i]);
      const day = 2 + Math.floor(r() * 3);
      clock.set(localAt(world, ymDate(next, day), 9, 30 + Math.floor(r() * 60)));
      let s = await summaries.monthly(
        director,
        { officeId: office.id, year: ym.year, month: ym.month },
        'zh-CN',
      );
      // REPORT-3: every word the anonymiser is unsure of is redacted before approval
      for (const h of s.publicHighlights.filter((x) => !x.choice))
        s = await summaries.decideHighlight(
          director,
          s.id,
          { version: s.version, highlightId: h.id, choice: 'redact' },
          'zh-CN',
        );
      s = await summaries.approve(director, s.id, s.version, 'zh-CN');
      clock.set(localAt(world, ymDate(next, day), 15, Math.floor(r() * 60)));
      await summaries.publish(director, s.id, s.version, 'zh-CN');
    }
  }

  // REPORT-5: the quarterly reports whose report month lies in the history, each step done once its day has come.
  const quarterly = quarterlyService(deps);
  const historyStart = startOfLocalDay(ymDate(first, 1), world.timeZone);
  for (let q: Quarter = quarterOf(historyStart, world.timeZone); ; q = nextQuarter(q)) {
    const due = quarterlyDeadlines(q, world.timeZone);
    if (due.draftFrom > now) break;
    if (due.draftFrom < historyStart) continue;
    const month = monthOf(due.draftFrom, world.timeZone);
    clock.set(new Date(due.draftFrom.getTime() + 2 * HOUR));
    await draftQuarterlyReports(db, clock);
    for (const [i, office] of world.offices.entries()) {
      const at = (day: number, hour: number) =>
        localAt(world, ymDate(month, day), hour, Math.floor(r() * 50));
      const step = async <T>(when: Date, run: () => Promise<T>): Promise<T | null> => {
        if (when > now) return null;
        clock.set(when);
        return run();
      };
      const preparer = actorOf(world, i === 0 ? 'supervisor' : 'director2');
      const director = actorOf(world, directors[i]);
      const finance = actorOf(world, 'xujing');
      let report = await step(at(2, 9), () =>
        quarterly.forQuarter(preparer, { officeId: office.id, year: q.year, quarter: q.quarter }),
      );
      if (!report) continue;
      const serviceDay = SERVICE_DUE_DAY - 2 - Math.floor(r() * 3);
      report =
        (await step(at(serviceDay, 10), async () => {
          const edited = await quarterly.putService(preparer, report!.id, {
            version: report!.version,
            sections: {
              ...report!.service.sections,
              nextPlan:
                '下季度将重点做好汛期排水设施检查、电梯年检配合和绿化补种，继续提升报修响应速度和回访满意度。',
            },
          });
          return quarterly.submitService(preparer, edited.id, edited.version);
        })) ?? report;
      if (report.status !== 'service_submitted') continue;
      report =
        (await step(at(12 + Math.floor(r() * 3), 14), async () => {
          const entered = await quarterly.putFinance(finance, report!.id, {
            version: report!.version,
            figures: {
              incomeYuan: Math.round((2_600_000 + r() * 400_000) * (i === 0 ? 1.4 : 1)),
              expenseYuan: Math.round((2_300_000 + r() * 300_000) * (i === 0 ? 1.4 : 1)),
              arrearsYuan: Math.round(90_000 + r() * 60_000),
              notes: '物业费收缴率保持在95%以上，欠费主要为空置房。',
            },
          });
          return quarterly.submitFinance(finance, entered.id, entered.version);
        })) ?? report;
      if (report.status !== 'finance_submitted') continue;
      const signAt = at(16 + Math.floor(r() * 2), 10);
      report =
        (await step(signAt, () =>
          quarterly.sign(director, report!.id, {
            version: report!.version,
            chairName: i === 0 ? '业委会主任 张建国' : '业委会主任 刘玉兰',
            chairSignedAt: new Date(signAt.getTime() - DAY).toISOString(),
            directorSignature: true,
          }),
        )) ?? report;
      if (report.status !== 'signed') continue;
      await step(at(18 + Math.floor(r() * 2), 16), () =>
        quarterly.publish(director, report!.id, report!.version),
      );
    }
  }

  // LEDGER-1: every month's violations, derived from the timelines; LEDGER-2: past months decided.
  for (const ym of [...past, current]) {
    clock.set(ym === current ? now : startOfLocalDay(ymDate(ym, 28), world.timeZone));
    await deriveDutyViolations(db, clock, { companyId: world.companyId, year: ym.year, month: ym.month });
  }
  // The directors' decisions of the past months, taken as the ledger's service takes each (the subject's office's
  // director, the manager for a director's own and for company departments; LEDGER-2), written in one statement.
  const { rows: pending } = await db.execute<{
    id: string;
    office_id: string | null;
    subject_type: 'user' | 'department';
    subject_id: string;
    year: number;
    month: number;
  }>(sql`select id, office_id, subject_type, subject_id, year, month from duty_violations
    where company_id = ${world.companyId} and status = 'pending'
      and (year, month) < (${current.year}, ${current.month})
    order by year, month, occurred_at, id`);
  const decisions = pending.map((v) => {
    const officeIndex = world.offices.findIndex((o) => o.id === v.office_id);
    const own = officeIndex >= 0 && world.staff[directors[officeIndex]].id === v.subject_id;
    const decider = actorOf(world, officeIndex < 0 || own ? 'manager' : directors[officeIndex]);
    const problem =
      decisionProblem(
        { status: 'pending', subjectType: v.subject_type, subjectId: v.subject_id },
        decider.userId,
      ) ?? (canManageInOffice(decider, v.office_id) ? null : 'office_out_of_scope');
    if (problem) throw new Error(`demo paperwork: violation ${v.id} cannot be decided: ${problem}`);
    const next = { year: v.month === 12 ? v.year + 1 : v.year, month: v.month === 12 ? 1 : v.month + 1 };
    const waived = r() < 0.15;
    return {
      id: v.id,
      status: waived ? 'waived' : 'confirmed',
      by: decider.userId,
      at: localAt(world, ymDate(next, 3 + Math.floor(r() * 5)), 10, Math.floor(r() * 300)),
      reason: waived ? '经核实系业主原因延误，不予处罚。' : null,
    };
  });
  if (decisions.length)
    await db.execute(sql`update duty_violations v set status = d.status, decided_by_id = d.by,
        decided_at = d.at, decision_reason = d.reason, version = v.version + 1
      from jsonb_to_recordset(${JSON.stringify(decisions)}::jsonb)
        as d(id uuid, status text, by uuid, at timestamptz, reason text)
      where v.id = d.id and v.company_id = ${world.companyId} and v.status = 'pending'`);
  // PROBLEM-1, PROBLEM-2: detected two months ago and closed with measures; detected again now.
  const problems = problemsService(deps);
  const earlier = new Date(now.getTime() - 60 * DAY);
  clock.set(earlier);
  await detectProblems(db, clock, { companyId: world.companyId });
  const reviewed = (await problems.list(actorOf(world, 'manager'), { limit: 200, status: 'open' })).items;
  for (const p of reviewed) {
    const officeIndex = world.offices.findIndex((o) => o.id === p.office?.id);
    const director = actorOf(world, directors[Math.max(0, officeIndex)]);
    const review = PROBLEM_REVIEWS[Math.floor(r() * PROBLEM_REVIEWS.length)];
    clock.set(new Date(earlier.getTime() + (1 + r() * 2) * DAY));
    const updated = await problems.update(director, p.id, {
      version: p.version,
      reviewDepartmentIds: [world.offices[Math.max(0, officeIndex)].departments.engineering],
      dueAt: new Date(earlier.getTime() + 20 * DAY).toISOString(),
      rootCause: review.rootCause,
      measures: review.measures,
    });
    clock.set(new Date(earlier.getTime() + (8 + r() * 10) * DAY));
    await problems.close(director, p.id, { version: updated.version });
  }
  clock.set(now);
  await detectProblems(db, clock, { companyId: world.companyId });
  const found = (await problems.list(actorOf(world, 'manager'), { limit: 200, status: 'open' })).items;
  for (const [k, p] of found.entries()) {
    if (k % 2) continue;
    const officeIndex = Math.max(
      0,
      world.offices.findIndex((o) => o.id === p.office?.id),
    );
    clock.set(new Date(Math.min(now.getTime(), new Date(p.detectedAt).getTime() + HOUR)));
    await problems.update(actorOf(world, directors[officeIndex]), p.id, {
      version: p.version,
      reviewDepartmentIds: [
        world.offices[officeIndex].departments.engineering,
        world.offices[officeIndex].departments.customerService,
      ],
      dueAt: new Date(now.getTime() + 14 * DAY).toISOString(),
    });
  }
}
