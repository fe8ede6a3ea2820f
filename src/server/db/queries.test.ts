/**
 * The tuned SQL, as it runs, beside the code (docs/adr/0021-sql-in-repositories-and-query-snapshots.md): each
 * repository's tuned statements are rendered from its own query builders with fixed sample parameters and compared
 * with src/server/db/queries/<repository>.sql (the case store's, src/server/cases/store/, in case-store.sql), so a
 * change to a statement shows in review as a change to that file.
 * A drift fails; `npx vitest run src/server/db/queries.test.ts -u` writes the files anew (CI never writes them).
 * No database: the builders only build.
 */
import { describe, expect, it } from 'vitest';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { CaseActor } from '../../domain/case/case';
import * as cases from '../cases/cases.repository';
import * as dailyResults from '../cases/daily-results.repository';
import * as firstAsk from '../accountability/first-ask-register.repository';
import * as rollups from '../reports/month-rollups.repository';
import * as problems from '../problems/problems.repository';
import * as summary from '../reports/summary.repository';
import * as deadlines from '../deadlines/deadlines.repository';
import * as storedDeadlines from '../deadlines/stored-deadlines.repository';
import * as dashboard from '../dashboard/dashboard.repository';
import * as accountability from '../accountability/accountability.repository';
import * as intake from '../cases/intake.repository';
import * as storeIntake from '../cases/store/intake';
import * as storeSweep from '../cases/store/sweep';
import * as storeClocks from '../cases/store/clocks';
import * as storeHistory from '../cases/store/history';
import * as auth from '../auth/auth.repository';
import * as notifications from '../notifications/notifications.repository';
import * as outbox from '../outbox/outbox.repository';
import * as quarterly from '../quarterly/quarterly.repository';
import * as propertyImport from '../property/property-import.repository';
import { cappedCountSql } from './paging';

const dialect = new PgDialect();

const COMPANY = '11111111-1111-4111-8111-111111111111';
const OFFICE = '22222222-2222-4222-8222-222222222222';
const USER = '33333333-3333-4333-8333-333333333333';
const DEPARTMENT = '44444444-4444-4444-8444-444444444444';
const CASE = '55555555-5555-4555-8555-555555555555';
const OTHER_OFFICE = '66666666-6666-4666-8666-666666666666';
const COMMUNITY = '77777777-7777-4777-8777-777777777777';
const OTHER_CASE = '88888888-8888-4888-8888-888888888888';
const CLOCK = '99999999-9999-4999-8999-999999999999';
const OTHER_CLOCK = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ROOM = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CATEGORY = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const NOW = new Date('2026-03-10T04:00:00.000Z');
/** Further sample ids where a statement takes rows of its own. */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** An agent of one office and member of one department: the case rule as a predicate, not `true`. */
const AGENT: CaseActor = {
  userId: USER,
  roles: ['agent'],
  officeIds: [OFFICE],
  departmentIds: [DEPARTMENT],
  headOfDepartmentIds: [],
};

const JANUARY: rollups.MonthPeriod = {
  year: 2026,
  month: 1,
  start: new Date('2025-12-31T16:00:00.000Z'),
  end: new Date('2026-01-31T16:00:00.000Z'),
};
const FEBRUARY: rollups.MonthPeriod = {
  year: 2026,
  month: 2,
  start: new Date('2026-01-31T16:00:00.000Z'),
  end: new Date('2026-02-28T16:00:00.000Z'),
};
const MARCH = {
  start: new Date('2026-02-28T16:00:00.000Z'),
  end: new Date('2026-03-31T16:00:00.000Z'),
  now: NOW,
};
const SCOPE: summary.SummaryScope = {
  companyId: COMPANY,
  officeId: OFFICE,
  start: FEBRUARY.start,
  end: FEBRUARY.end,
  now: NOW,
};

const param = (p: unknown) => (p instanceof Date ? p.toISOString() : p);

/** `-- name`, the statement as PostgreSQL receives it, then its parameters. */
function render(queries: Record<string, SQL | readonly SQL[]>): string {
  return Object.entries(queries)
    .map(([name, q]) => {
      const statements = (Array.isArray(q) ? q : [q]) as SQL[];
      return [
        `-- ${name}`,
        ...statements.map((s) => {
          const { sql, params } = dialect.sqlToQuery(s);
          const lines = params.map((p, i) => `--   $${i + 1} = ${JSON.stringify(param(p))}`);
          return [`${sql.trim()};`, ...(lines.length ? ['-- params:', ...lines] : [])].join('\n');
        }),
      ].join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

describe('tuned SQL snapshots (src/server/db/queries/)', () => {
  it('cases.repository: the cases list, its count and the search settings', async () => {
    const filtered = cases.caseListWhere(AGENT, {
      companyId: COMPANY,
      now: NOW,
      state: ['routed', 'in_progress'],
      callbackAssigneeId: [USER],
      overdue: 'true',
      receivedFrom: '2026-02-01T00:00:00.000Z',
    });
    const search = cases.caseListWhere(AGENT, { companyId: COMPANY, now: NOW, q: '电梯 困人' });
    // a director's daily results (CALLBACK-8): an office's general matters resolved on a local day
    const resultsOfDay = cases.caseListWhere(AGENT, {
      companyId: COMPANY,
      now: NOW,
      officeId: [OFFICE],
      severity: ['general'],
      resolvedBetween: [new Date('2026-02-01T16:00:00.000Z'), new Date('2026-02-02T16:00:00.000Z')],
    });
    await expect(
      render({
        'caseListPageSql (by arrival, first page, filtered)': cases.caseListPageSql(filtered, {
          sort: 'received',
          after: null,
          limit: 50,
        }),
        'caseListPageSql (by arrival, next page)': cases.caseListPageSql(filtered, {
          sort: 'received',
          after: [NOW, CASE],
          limit: 50,
        }),
        'caseListPageSql (by next due, after a case with a running clock)': cases.caseListPageSql(filtered, {
          sort: 'nextDue',
          after: [NOW, CASE],
          limit: 50,
        }),
        'caseListPageSql (by next due, after a case with none)': cases.caseListPageSql(filtered, {
          sort: 'nextDue',
          after: [null, CASE],
          limit: 50,
        }),
        'caseListCountSql (filtered)': cases.caseListCountSql(filtered),
        'caseListPageSql (search)': cases.caseListPageSql(search, {
          sort: 'received',
          after: null,
          limit: 50,
        }),
        'caseListCountSql (search)': cases.caseListCountSql(search),
        'caseListCountSql (an office, resolved on a day)': cases.caseListCountSql(resultsOfDay),
        SEARCH_SETTINGS: cases.SEARCH_SETTINGS,
        DENSE_SEARCH_SETTINGS: cases.DENSE_SEARCH_SETTINGS,
      }),
    ).toMatchFileSnapshot('./queries/cases.repository.sql');
  });

  it('month-rollups.repository: kept months, their computation and the trend', async () => {
    const key: rollups.RollupKey = { companyId: COMPANY, part: 'received', officeKey: OFFICE };
    const trend = rollups.trendSql(COMPANY);
    const received = (m: rollups.MonthPeriod) => rollups.oneMonth(m, summary.receivedCountsSql(SCOPE));
    const steps = rollups.createRowsSql(key, [JANUARY, FEBRUARY]);
    await expect(
      render({
        readStatesSql: rollups.readStatesSql(key, [JANUARY, FEBRUARY]),
        'createRowsSql (dropMoved)': steps.dropMoved,
        'createRowsSql (insert)': steps.insert,
        'createRowsSql (recordLockers)': steps.recordLockers,
        lockForComputeSql: rollups.lockForComputeSql(key, [FEBRUARY]),
        'computeAndStoreSql (trend, two months)': rollups.computeAndStoreSql(
          { companyId: COMPANY, part: 'trend', officeKey: rollups.COMPANY_KEY },
          [JANUARY, FEBRUARY],
          trend,
        ),
        'computeAndStoreSql (a summary part: oneMonth)': rollups.computeAndStoreSql(key, [FEBRUARY], () =>
          received(FEBRUARY),
        ),
        'computeLiveSql (trend)': rollups.computeLiveSql([FEBRUARY], trend),
        tryLockCompanySql: rollups.tryLockCompanySql(COMPANY),
        forgetCountedSql: rollups.forgetCountedSql(COMPANY, [JANUARY, FEBRUARY]),
      }),
    ).toMatchFileSnapshot('./queries/month-rollups.repository.sql');
  });

  it('summary.repository: the month’s grouped counts, its lists, names and drill-downs', async () => {
    const drill = (f: summary.DrillFilter) => summary.drillWhere(SCOPE, f, AGENT)!;
    const lateClocks = drill({ figure: 'clockLate', clock: 'resolve', communityId: COMMUNITY });
    const unsatisfied = drill({ figure: 'unsatisfied' });
    await expect(
      render({
        'receivedCountsSql (one office)': summary.receivedCountsSql(SCOPE),
        'receivedCountsSql (the whole company)': summary.receivedCountsSql({ ...SCOPE, officeId: null }),
        clockCountsSql: summary.clockCountsSql(SCOPE),
        eventCountsSql: summary.eventCountsSql(SCOPE),
        notableCasesSql: summary.notableCasesSql(SCOPE, 20),
        'unresolvedCasesSql (one ordered branch per open state)': summary.unresolvedCasesSql(SCOPE, 20),
        'communitiesSql (one office)': summary.communitiesSql(COMPANY, OFFICE),
        'communitiesSql (the whole company)': summary.communitiesSql(COMPANY, null),
        'explanationsSql (two cases)': summary.explanationsSql([CASE, OTHER_CASE]),
        knownNamesSql: summary.knownNamesSql(SCOPE),
        'drillPageSql (late clocks of a community, next page)': summary.drillPageSql(
          lateClocks,
          [NOW, CASE],
          50,
        ),
        'drillCount (late clocks of a community)': cappedCountSql(summary.drillCountFrom(lateClocks)),
        'drillPageSql (unsatisfied callbacks, first page)': summary.drillPageSql(unsatisfied, null, 50),
        detailRowsSql: summary.detailRowsSql(SCOPE, 20_000),
      }),
    ).toMatchFileSnapshot('./queries/summary.repository.sql');
  });

  it('problems.repository: detection over the window', async () => {
    const w: problems.Window = {
      companyId: COMPANY,
      since: new Date('2026-02-08T04:00:00.000Z'),
      until: NOW,
      kinds: ['complaint', 'repair'],
    };
    await expect(
      render({
        linkToOpenPlaceProblemsSql: problems.linkToOpenPlaceProblemsSql(w),
        placeCandidatesSql: problems.placeCandidatesSql(w, 3),
        textCasesSql: problems.textCasesSql(w, 50_000),
      }),
    ).toMatchFileSnapshot('./queries/problems.repository.sql');
  });

  it('deadlines: the sweep’s write of a batch and its audience, the overdue view of deadlines and case clocks', async () => {
    const overdue = (after: { dueAt: Date; afterId: string | null } | null, scope: 'all' | string[]) =>
      deadlines.overdueStoredSql(COMPANY, ['monthly_summary', 'quarterly_report'], scope, NOW, {
        after,
        limit: 51,
      });
    const office = overdue({ dueAt: NOW, afterId: CASE }, [OFFICE]);
    const all = overdue(null, 'all');
    const clocks = (after: { dueAt: Date; afterId: string | null } | null) =>
      deadlines.overdueCaseClocksSql(COMPANY, AGENT, NOW, { after, limit: 51 });
    const firstClocks = clocks(null);
    const afterClock = clocks({ dueAt: NOW, afterId: CLOCK });
    const afterDueTime = clocks({ dueAt: NOW, afterId: null });
    const audience = storedDeadlines.audienceStaffSql([COMPANY], [OFFICE, OFFICE], {
      roles: ['director'],
      departmentFunctions: ['finance'],
    });
    await expect(
      render({
        'deadlineSweepSql (two deadlines)': storedDeadlines.deadlineSweepSql([
          { id: CASE, warnedAt: NOW, breachedAt: null, remindersSent: 1, tier: 0, nextCheckAt: NOW },
          { id: USER, warnedAt: NOW, breachedAt: NOW, remindersSent: 0, tier: 1, nextCheckAt: null },
        ]),
        'overdueStoredSql (the whole company, first page)': [all.page, all.count],
        'overdueStoredSql (one office, after a deadline)': [office.page, office.count],
        'overdueCaseClocksSql (an agent, first page)': [firstClocks.page, firstClocks.count],
        'overdueCaseClocksSql (after a clock)': afterClock.page,
        'overdueCaseClocksSql (after every clock of a due time)': afterDueTime.page,
        'audienceStaffSql (staff, then the offices’ directors)': [audience.staff, audience.directors!],
      }),
    ).toMatchFileSnapshot('./queries/deadlines.repository.sql');
  });

  it('dashboard.repository: today’s counts and the current month', async () => {
    const company: dashboard.DashboardScope = { companyId: COMPANY, officeIds: 'all', communityId: null };
    const offices: dashboard.DashboardScope = {
      companyId: COMPANY,
      officeIds: [OFFICE, OTHER_OFFICE],
      communityId: null,
    };
    const community: dashboard.DashboardScope = {
      companyId: COMPANY,
      officeIds: [OFFICE],
      communityId: COMMUNITY,
    };
    const soon = new Date('2026-03-11T04:00:00.000Z');
    await expect(
      render({
        'todayCountsSql (the whole company: two index-only counts)': dashboard.todayCountsSql(
          company,
          NOW,
          soon,
        ),
        'todayCountsSql (one office and community)': dashboard.todayCountsSql(community, NOW, soon),
        'monthReceivedSql (the whole company)': dashboard.monthReceivedSql(company, MARCH),
        'monthReceivedSql (two offices)': dashboard.monthReceivedSql(offices, MARCH),
        'complaintsByCategorySql (one office and community)': dashboard.complaintsByCategorySql(
          community,
          MARCH,
        ),
        'monthClocksSql (the whole company: no join to cases)': dashboard.monthClocksSql(company, MARCH),
        'monthClocksSql (one office and community)': dashboard.monthClocksSql(community, MARCH),
        'monthEventsSql (the whole company: no join to cases)': dashboard.monthEventsSql(company, MARCH),
        'monthEventsSql (two offices)': dashboard.monthEventsSql(offices, MARCH),
        'occupiedHouseholdsSql (the whole company)': dashboard.occupiedHouseholdsSql(company),
        'occupiedHouseholdsSql (one office and community)': dashboard.occupiedHouseholdsSql(community),
      }),
    ).toMatchFileSnapshot('./queries/dashboard.repository.sql');
  });

  it('accountability.repository: the month’s duty facts, the ledger and the performance tallies', async () => {
    const facts = accountability.dutyFactsSql(COMPANY, FEBRUARY.start, FEBRUARY.end);
    const violation = (
      subjectType: 'user' | 'department',
      subjectId: string,
      caseId: string,
    ): Parameters<typeof accountability.insertViolationsSql>[2][number] => {
      const clock = subjectType === 'user' ? 'route' : 'resolve';
      return {
        kind: subjectType === 'user' ? 'first_responder_route_breached' : 'department_clock_breached',
        subjectType,
        subjectId,
        caseId,
        officeId: OFFICE,
        filedOfficeId: OFFICE,
        clockName: clock,
        occurredAt: NOW,
        amount: 50,
        evidence: { caseNumber: 'TS-2026-000123', timelineSeq: 4, clock, breachedAt: NOW.toISOString() },
      };
    };
    const filtered = accountability.listViolationsSql({
      companyId: COMPANY,
      year: 2026,
      month: 2,
      officeIds: [OFFICE],
      status: 'pending',
      kind: 'department_clock_breached',
      subjectType: 'department',
      subjectId: DEPARTMENT,
      limit: 50,
      after: [NOW, CASE],
    });
    const all = accountability.listViolationsSql({
      companyId: COMPANY,
      year: 2026,
      month: 2,
      officeIds: null,
      limit: 50,
      after: null,
    });
    const tally = [COMPANY, FEBRUARY.start, FEBRUARY.end, [USER], [DEPARTMENT]] as const;
    await expect(
      render({
        'dutyFactsSql (breaches, returns)': [facts.breaches, facts.returns],
        'insertViolationsSql (two rows)': accountability.insertViolationsSql(
          COMPANY,
          { year: 2026, month: 2 },
          [violation('user', USER, CASE), violation('department', DEPARTMENT, OTHER_CASE)],
        ),
        'getViolationSql (locked)': accountability.getViolationSql(COMPANY, CASE, { lock: true }),
        'listViolationsSql (every filter, next page; its capped count)': [
          filtered.page,
          cappedCountSql(filtered.fromWhere),
        ],
        'listViolationsSql (the whole company, first page)': all.page,
        clockTalliesSql: accountability.clockTalliesSql(...tally),
        firstReceivedSql: accountability.firstReceivedSql(...tally),
        outcomeTalliesSql: accountability.outcomeTalliesSql(...tally),
        monthViolationsSql: accountability.monthViolationsSql(COMPANY, 2026, 2, [USER, DEPARTMENT]),
      }),
    ).toMatchFileSnapshot('./queries/accountability.repository.sql');
  });

  it('intake.repository: the batched lookup and number draw', async () => {
    const input = (i: number): intake.IntakeLookupInput => ({
      companyId: COMPANY,
      actorId: USER,
      firstResponderId: USER,
      roomId: i === 0 ? ROOM : null,
      categoryId: i === 0 ? CATEGORY : null,
      aboutEmployeeId: null,
      attachmentIds: i === 0 ? [] : [CASE],
      fallbackOfficeId: OFFICE,
      emergency: i === 1,
    });
    await expect(
      render({
        'intakeLookupsSql (two intakes)': intake.intakeLookupsSql([input(0), input(1)]),
        'drawCaseNumbersSql (two counters, in key order)': intake.drawCaseNumbersSql([
          { companyId: COMPANY, prefix: 'BX', year: 2026, n: 1 },
          { companyId: COMPANY, prefix: 'TS', year: 2026, n: 2 },
        ]),
      }),
    ).toMatchFileSnapshot('./queries/intake.repository.sql');
  });

  it('the case store: the intake insert, an action’s clock upsert, the sweep’s lock and writes', async () => {
    const received = new Date('2026-03-10T03:58:00.000Z');
    const clock = (id: string, caseId: string): storeIntake.IntakeWrite['clocks'][number] => ({
      id,
      caseId,
      name: 'route',
      startedAt: received,
      dueAt: new Date('2026-03-10T04:28:00.000Z'),
      metAt: null,
      warnedAt: null,
      breachedAt: null,
      pausedAt: null,
      pausedMs: 0,
      stoppedAt: null,
      calendarUnknown: false,
      nextCheckAt: new Date('2026-03-10T04:22:00.000Z'),
    });
    const write = (id: string, onTheSpot: boolean): storeIntake.IntakeWrite => ({
      id,
      companyId: COMPANY,
      number: onTheSpot ? 'ZX-2026-000002' : 'TS-2026-000001',
      channel: 'phone',
      kind: onTheSpot ? 'inquiry' : 'complaint',
      severity: 'general',
      // an inquiry answered on the spot needs no callback (INTAKE-11): closed at intake
      closure: onTheSpot ? 'on_the_spot' : null,
      closedAt: onTheSpot ? NOW : null,
      categoryId: onTheSpot ? null : CATEGORY,
      repairType: null,
      visitAt: null,
      state: onTheSpot ? 'closed' : 'received',
      receivedAt: received,
      now: NOW,
      recordedById: USER,
      firstResponderId: USER,
      handlerId: null,
      officeId: OFFICE,
      officeDirectorId: null,
      communityId: onTheSpot ? null : COMMUNITY,
      roomId: onTheSpot ? null : ROOM,
      address: null,
      reporterName: onTheSpot ? null : '王女士',
      reporterPhone: onTheSpot ? null : '13800138000',
      reporterPhoneCanonical: onTheSpot ? null : '13800138000',
      reporterAnonymous: false,
      description: onTheSpot ? '咨询停车费' : '电梯困人',
      searchDocument: onTheSpot ? '咨询 停车费' : '电梯 困人',
      selfComplaint: false,
      aboutEmployeeId: null,
      serviceComplaint: false,
      callbackAssigneeId: null,
      resolvedAt: onTheSpot ? NOW : null,
      clocks: onTheSpot ? [] : [clock(CLOCK, id)],
      nextDueAt: onTheSpot ? null : new Date('2026-03-10T04:28:00.000Z'),
      calendarUnknown: false,
      entries: [
        { type: 'received', data: {}, actorId: USER, at: NOW },
        ...(onTheSpot ? [{ type: 'resolved', data: { result: '已解释' }, actorId: USER, at: NOW }] : []),
      ],
    });
    const intake = storeIntake.prepareIntake(write(CASE, false));
    const sweep = storeSweep.storeSweepSql({
      at: NOW,
      clocks: [
        { id: CLOCK, warnedAt: NOW, breachedAt: null, nextCheckAt: new Date('2026-03-10T04:28:00.000Z') },
        { id: OTHER_CLOCK, warnedAt: null, breachedAt: NOW, nextCheckAt: null },
      ],
      entries: [
        {
          caseId: CASE,
          companyId: COMPANY,
          seq: 3,
          type: 'clock_warned',
          data: '{"clock":"route"}',
          prevHash: 'a'.repeat(64),
          hash: 'b'.repeat(64),
        },
        {
          caseId: OTHER_CASE,
          companyId: COMPANY,
          seq: 7,
          type: 'clock_breached',
          data: '{"clock":"resolve"}',
          prevHash: 'c'.repeat(64),
          hash: 'd'.repeat(64),
        },
      ],
      cases: [
        { id: CASE, tier: 0, seq: 3, head: 'b'.repeat(64) },
        { id: OTHER_CASE, tier: 1, seq: 7, head: 'd'.repeat(64) },
      ],
    });
    await expect(
      render({
        'insertIntakesSql (two intakes: one with a clock, one resolved on the spot)':
          storeIntake.insertIntakesSql([
            storeIntake.prepareIntake(write(CASE, false)),
            storeIntake.prepareIntake(write(OTHER_CASE, true)),
          ]),
        'saveClockSql (one clock of a decided action)': storeClocks.saveClockSql(COMPANY, CASE, 'route', {
          ...clock(CLOCK, CASE),
          metAt: NOW,
          nextCheckAt: null,
        }),
        'lockDueClocksSql (every company)': storeSweep.lockDueClocksSql(NOW, 200),
        'lockDueClocksSql (one company)': storeSweep.lockDueClocksSql(NOW, 200, COMPANY),
        'storeSweepSql (two clocks, two entries, two cases)': [sweep.clocks, sweep.entries, sweep.cases],
        'storeHistoriesSql (the demo history: a case routed after its intake)':
          storeHistory.storeHistoriesSql([
            {
              row: {
                ...intake.stored.row,
                state: 'routed',
                version: 2,
                updatedAt: NOW,
                targetType: 'department',
                targetId: DEPARTMENT,
                departmentId: DEPARTMENT,
                residentToldAt: NOW,
              },
              clocks: [{ ...clock(CLOCK, CASE), metAt: NOW, nextCheckAt: null }],
              intakeHead: { seq: intake.stored.row.timelineSeq, hash: intake.stored.row.timelineHead },
              entries: [
                {
                  type: 'routed',
                  data: { target: { type: 'department', id: DEPARTMENT }, residentTold: { via: 'phone' } },
                  actorId: USER,
                  at: NOW,
                },
              ],
            },
          ]).query,
      }),
    ).toMatchFileSnapshot('./queries/case-store.sql');
  });

  it('auth.repository: the batched session lookup every signed-in request runs', async () => {
    await expect(
      render({
        'actorsBySessionsSql (two requests)': auth.actorsBySessionsSql([
          { idHash: 'e'.repeat(64), now: NOW, idleMs: 30 * 60_000 },
          { idHash: 'f'.repeat(64), now: new Date('2026-03-10T04:00:00.250Z'), idleMs: 30 * 60_000 },
        ]),
      }),
    ).toMatchFileSnapshot('./queries/auth.repository.sql');
  });

  it('notifications.repository: the batched inserts and a reader’s list', async () => {
    const first = notifications.listNotificationsSql(COMPANY, AGENT, {
      limit: 20,
      unread: false,
      after: null,
    });
    const unread = notifications.listNotificationsSql(COMPANY, AGENT, {
      limit: 20,
      unread: true,
      after: [NOW, CASE],
    });
    await expect(
      render({
        'insertNotificationRowsSql (two rows)': notifications.insertNotificationRowsSql(
          [
            {
              companyId: COMPANY,
              userId: USER,
              type: 'assigned',
              caseId: CASE,
              data: { number: 'TS-2026-000001' },
            },
            { companyId: COMPANY, userId: USER, type: 'queued', caseId: OTHER_CASE, data: {} },
          ],
          NOW,
        ),
        'listNotificationsSql (first page; its capped count)': [first.page, cappedCountSql(first.fromWhere)],
        'listNotificationsSql (unread, next page)': unread.page,
      }),
    ).toMatchFileSnapshot('./queries/notifications.repository.sql');
  });

  it('quarterly.repository: the quarter’s figures', async () => {
    const quarter: quarterly.FigureScope = {
      companyId: COMPANY,
      officeId: OFFICE,
      start: JANUARY.start,
      end: new Date('2026-03-31T16:00:00.000Z'),
      now: NOW,
    };
    await expect(
      render({
        receivedByKindSql: quarterly.receivedByKindSql(quarter),
        callbackCountsSql: quarterly.callbackCountsSql(quarter),
        eventCountsSql: quarterly.eventCountsSql(quarter),
      }),
    ).toMatchFileSnapshot('./queries/quarterly.repository.sql');
  });

  it('property-import.repository: the register a file touches, the set-based writes, the export', async () => {
    const register = propertyImport.loadRegisterSql(COMPANY, [COMMUNITY]);
    const [BUILDING, OTHER_BUILDING, UNIT, OTHER_UNIT, OTHER_ROOM, RESIDENT, OTHER_RESIDENT] = [
      1, 2, 3, 4, 5, 6, 7,
    ].map(id);
    await expect(
      render({
        'loadRegisterSql (buildings, units, rooms, links)': [
          register.buildings,
          register.units,
          register.rooms,
          register.links,
        ],
        residentPhonesSql: propertyImport.residentPhonesSql(COMPANY, ['13800138000'], [RESIDENT]),
        'importBuildingsSql (two rows)': propertyImport.importBuildingsSql(COMPANY, [
          { id: BUILDING, communityId: COMMUNITY, name: '3号楼' },
          { id: OTHER_BUILDING, communityId: COMMUNITY, name: '4号楼' },
        ]),
        'importUnitsSql (two rows)': propertyImport.importUnitsSql(COMPANY, [
          { id: UNIT, buildingId: BUILDING, name: '2单元' },
          { id: OTHER_UNIT, buildingId: BUILDING, name: '3单元' },
        ]),
        'importRoomsSql (two rows)': propertyImport.importRoomsSql(
          COMPANY,
          [
            {
              id: ROOM,
              communityId: COMMUNITY,
              buildingId: BUILDING,
              unitId: UNIT,
              number: '501',
              area: 89.5,
              status: 'occupied',
            },
            {
              id: OTHER_ROOM,
              communityId: COMMUNITY,
              buildingId: BUILDING,
              unitId: UNIT,
              number: '502',
              area: null,
              status: 'vacant',
            },
          ],
          NOW,
        ),
        'importRoomUpdatesSql (two rows)': propertyImport.importRoomUpdatesSql(
          COMPANY,
          [
            { id: ROOM, area: 90, status: null },
            { id: OTHER_ROOM, area: null, status: 'occupied' },
          ],
          NOW,
        ),
        'importResidentsSql (two rows)': propertyImport.importResidentsSql(
          COMPANY,
          [
            { id: RESIDENT, name: '王芳' },
            { id: OTHER_RESIDENT, name: '李强' },
          ],
          NOW,
        ),
        'importPhonesSql (two rows)': propertyImport.importPhonesSql(COMPANY, [
          { residentId: RESIDENT, raw: '138-0013-8000', canonical: '13800138000', extension: null },
          {
            residentId: OTHER_RESIDENT,
            raw: '0571-87654321转8001',
            canonical: '057187654321',
            extension: '8001',
          },
        ]),
        'importLinksSql (two rows)': propertyImport.importLinksSql(COMPANY, [
          { roomId: ROOM, residentId: RESIDENT, relation: 'owner' },
          { roomId: ROOM, residentId: OTHER_RESIDENT, relation: 'family' },
        ]),
        'exportRowsSql (the whole company)': propertyImport.exportRowsSql(COMPANY, { scopeOfficeIds: 'all' }),
        'exportRowsSql (one community, two offices in scope)': propertyImport.exportRowsSql(COMPANY, {
          communityId: COMMUNITY,
          scopeOfficeIds: [OFFICE, OTHER_OFFICE],
        }),
      }),
    ).toMatchFileSnapshot('./queries/property-import.repository.sql');
  });

  it('daily-results.repository: each office’s other results of a local day not yet listed (CALLBACK-8)', async () => {
    await expect(
      render({
        officeResultsSql: dailyResults.officeResultsSql(
          'Asia/Shanghai',
          '2026-03-09',
          new Date('2026-03-08T16:00:00.000Z'),
          new Date('2026-03-09T16:00:00.000Z'),
        ),
      }),
    ).toMatchFileSnapshot('./queries/daily-results.repository.sql');
  });

  it('first-ask-register.repository: a department’s matters of a month, as an agent may see them (FORM-2)', async () => {
    await expect(
      render({
        firstAskRowsSql: firstAsk.firstAskRowsSql(COMPANY, DEPARTMENT, FEBRUARY.start, FEBRUARY.end, AGENT),
      }),
    ).toMatchFileSnapshot('./queries/first-ask-register.repository.sql');
  });

  it('outbox.repository: the switched writes, the claim, the fenced results, the delivery record', async () => {
    const list = outbox.listMessagesSql(COMPANY, {
      limit: 20,
      after: null,
      status: 'failed',
      channel: 'sms',
    });
    await expect(
      render({
        'insertOutboxForNotificationsSql (an emergency and a webhook-only bell type)':
          outbox.insertOutboxForNotificationsSql(
            [
              {
                notificationId: id(11),
                type: 'emergency',
                params: { number: 'TS-2026-000001', kind: '报修' },
                expiresAt: new Date(NOW.getTime() + 7_200_000),
              },
              {
                notificationId: id(12),
                type: 'assigned',
                params: { number: 'TS-2026-000002' },
                expiresAt: NOW,
              },
            ],
            NOW,
          ),
        'enqueueSql (an on-call phone by switches; a test send on one channel)': outbox.enqueueSql(
          [
            {
              companyId: COMPANY,
              type: 'emergency_on_call',
              to: { kind: 'phone', phone: '13812345678' },
              caseId: CASE,
              params: { number: 'TS-2026-000001' },
              expiresAt: NOW,
            },
            {
              companyId: COMPANY,
              type: 'test',
              to: { kind: 'user', userId: USER },
              params: {},
              expiresAt: NOW,
              channels: ['webhook'],
            },
          ],
          NOW,
        ),
        'claimSql (200, lease 60 s)': outbox.claimSql(NOW, 200, 60_000),
        'recordResultsSql (a sent and a retried message)': outbox.recordResultsSql([
          {
            id: id(21),
            companyId: COMPANY,
            attempt: 1,
            status: 'sent',
            outcome: 'sent',
            code: 'OK',
            nextAttemptAt: null,
            startedAt: NOW,
            finishedAt: NOW,
            httpStatus: 200,
            providerMessageId: 'biz-1',
            detail: null,
          },
          {
            id: id(22),
            companyId: COMPANY,
            attempt: 3,
            status: 'pending',
            outcome: 'retry',
            code: 'http_503',
            nextAttemptAt: new Date(NOW.getTime() + 120_000),
            startedAt: NOW,
            finishedAt: NOW,
            httpStatus: 503,
            providerMessageId: null,
            detail: null,
          },
        ]),
        'listMessagesSql (failed SMS; its capped count)': [list.page, cappedCountSql(list.fromWhere)],
      }),
    ).toMatchFileSnapshot('./queries/outbox.repository.sql');
  });
});
