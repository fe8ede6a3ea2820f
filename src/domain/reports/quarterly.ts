/**
 * The quarterly management-service report (管理服务报告; REPORT-5, 002 篇4 4.2.3): its deadlines, its
 * workflow, who may do each step, and when reminders go out. Pure: instants, zones and actors are arguments.
 *
 * Reading of the source. 002 篇4 4.2.3.1: "每季度首月各管理处应就上季度的物业服务、经营情况编制物业《管理服务报告》,10日前将
 * 管理服务情况部分发送公司审核,15日前将经营情况部分发送财务部审核" — in the FIRST MONTH OF EACH QUARTER an office writes
 * the report on the PREVIOUS quarter. So the report of quarter Q is prepared in the month after Q ends:
 *
 * | report | drafted from | service part (to the company) | finance part (to finance) | published |
 * |--------|--------------|-------------------------------|---------------------------|-----------|
 * | Q1 Y   | 1 April Y    | by 10 April                   | by 15 April               | by 20 April |
 * | Q2 Y   | 1 July Y     | by 10 July                    | by 15 July                | by 20 July |
 * | Q3 Y   | 1 October Y  | by 10 October                 | by 15 October             | by 20 October |
 * | Q4 Y   | 1 January Y+1| by 10 January Y+1             | by 15 January Y+1         | by 20 January Y+1 |
 *
 * 4.2.3.3: "…提交业主委员会主任签字、管理处主任签字,并盖管理处公章后应于首月20日前公布…将报告存放在管理处客服中心供业主查阅".
 * "N日前" is read as "by the end of day N, local time in the company's zone" (REPORT-5: "by the 10th"), in calendar
 * days: the source counts days of the month, not working days, so a deadline on a holiday is not moved.
 *
 * The company's review and approval (4.2.3.1 "发送公司分管领导审批", 4.2.3.3 "经公司审批后") is not a state of its own:
 * submitting a part sends it to the company or to finance; the signature step may be done by a manager.
 */
import { can, canSeeOffice, type Actor } from '../access/access';
import { endOfLocalDay, localDateOf, startOfLocalDay, zoneOffsetMs } from '../clock/deadlines';
import { addDays, formatIsoDate, parseIsoDate } from '../clock/working-calendar';

// ---------------------------------------------------------------------------------------------------------------
// Quarters and deadlines

export interface Quarter {
  year: number;
  /** 1–4 */
  quarter: number;
}

export function assertQuarter({ year, quarter }: Quarter): void {
  if (!Number.isInteger(year) || !Number.isInteger(quarter) || quarter < 1 || quarter > 4)
    throw new RangeError(`not a quarter: ${year} Q${quarter}`);
}

/** The quarter whose months contain local `at` in `timeZone`. */
export function quarterOf(at: Date, timeZone: string): Quarter {
  const { year, month } = parseIsoDate(localDateOf(at, timeZone));
  return { year, quarter: Math.ceil(month / 3) };
}

export function nextQuarter({ year, quarter }: Quarter): Quarter {
  assertQuarter({ year, quarter });
  return quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: quarter + 1 };
}

export function previousQuarter({ year, quarter }: Quarter): Quarter {
  assertQuarter({ year, quarter });
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

/** Negative when `a` is earlier. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year - b.year || a.quarter - b.quarter;
}

/** The first month (1, 4, 7, 10) of a quarter. */
const firstMonthOf = (q: Quarter) => (q.quarter - 1) * 3 + 1;

/**
 * The instants of a local quarter: 00:00 on the 1st of its first month to 00:00 on the 1st of the next quarter,
 * local time (end exclusive). A case belongs to the quarter of its `receivedAt` read in the company's zone.
 */
export function quarterRange(q: Quarter, timeZone: string): { start: Date; end: Date } {
  assertQuarter(q);
  const next = nextQuarter(q);
  return {
    start: startOfLocalDay(formatIsoDate(q.year, firstMonthOf(q), 1), timeZone),
    end: startOfLocalDay(formatIsoDate(next.year, firstMonthOf(next), 1), timeZone),
  };
}

/** The month in which the report of `q` is prepared: the first month of the next quarter (4.2.3.1 "每季度首月"). */
export function reportMonth(q: Quarter): { year: number; month: number } {
  const next = nextQuarter(q);
  return { year: next.year, month: firstMonthOf(next) };
}

/** Days of the report month (4.2.3.1, 4.2.3.3). */
export const SERVICE_DUE_DAY = 10;
export const FINANCE_DUE_DAY = 15;
export const PUBLISH_DUE_DAY = 20;

export interface QuarterlyDeadlines {
  /** 00:00 local on the 1st of the report month: the report may be drafted from then on */
  draftFrom: Date;
  /** end of the 10th, local: the service part (管理服务情况) is submitted to the company */
  serviceDue: Date;
  /** end of the 15th, local: the finance part (经营情况) is submitted to finance */
  financeDue: Date;
  /** end of the 20th, local: signed, stamped and published */
  publishDue: Date;
}

export function quarterlyDeadlines(q: Quarter, timeZone: string): QuarterlyDeadlines {
  assertQuarter(q);
  const { year, month } = reportMonth(q);
  const day = (d: number) => formatIsoDate(year, month, d);
  return {
    draftFrom: startOfLocalDay(day(1), timeZone),
    serviceDue: endOfLocalDay(day(SERVICE_DUE_DAY), timeZone),
    financeDue: endOfLocalDay(day(FINANCE_DUE_DAY), timeZone),
    publishDue: endOfLocalDay(day(PUBLISH_DUE_DAY), timeZone),
  };
}

/** The quarter whose report is being prepared at `now`: the quarter before the current one. */
export function reportQuarterAt(now: Date, timeZone: string): Quarter {
  return previousQuarter(quarterOf(now, timeZone));
}

/** Whether the report of `q` may be drafted at `now` (its draft date has come). */
export function isReportOpen(q: Quarter, now: Date, timeZone: string): boolean {
  return now.getTime() >= quarterlyDeadlines(q, timeZone).draftFrom.getTime();
}

// ---------------------------------------------------------------------------------------------------------------
// Workflow

/** draft → service_submitted → finance_submitted → signed (both signatures recorded) → published */
export const QUARTERLY_STATUSES = [
  'draft',
  'service_submitted',
  'finance_submitted',
  'signed',
  'published',
] as const;
export type QuarterlyStatus = (typeof QUARTERLY_STATUSES)[number];

export const QUARTERLY_ACTIONS = [
  'editService',
  'submitService',
  'editFinance',
  'submitFinance',
  'sign',
  'publish',
] as const;
export type QuarterlyAction = (typeof QUARTERLY_ACTIONS)[number];

/** Message keys `rule.<name>` (src/contracts/messages.ts) of a step taken out of order. */
export type QuarterlyOrderRule =
  | 'quarterly_service_locked'
  | 'quarterly_finance_locked'
  | 'quarterly_service_first'
  | 'quarterly_finance_first'
  | 'quarterly_already_signed'
  | 'quarterly_sign_first'
  | 'quarterly_already_published';

interface Step {
  from: readonly QuarterlyStatus[];
  to?: QuarterlyStatus;
  /** the rule broken when the report has not reached `from` yet */
  early?: QuarterlyOrderRule;
  /** the rule broken when the report is already past `from` */
  late: QuarterlyOrderRule;
}

const STEPS: Record<QuarterlyAction, Step> = {
  editService: { from: ['draft'], late: 'quarterly_service_locked' },
  submitService: { from: ['draft'], to: 'service_submitted', late: 'quarterly_service_locked' },
  // Finance may enter its figures while the service part is still being written; it submits after it.
  editFinance: { from: ['draft', 'service_submitted'], late: 'quarterly_finance_locked' },
  submitFinance: {
    from: ['service_submitted'],
    to: 'finance_submitted',
    early: 'quarterly_service_first',
    late: 'quarterly_finance_locked',
  },
  sign: {
    from: ['finance_submitted'],
    to: 'signed',
    early: 'quarterly_finance_first',
    late: 'quarterly_already_signed',
  },
  publish: {
    from: ['signed'],
    to: 'published',
    early: 'quarterly_sign_first',
    late: 'quarterly_already_published',
  },
};

const rank = (s: QuarterlyStatus) => QUARTERLY_STATUSES.indexOf(s);

export type StepDecision = { ok: true; to: QuarterlyStatus } | { ok: false; rule: QuarterlyOrderRule };

/** Whether `action` may be taken in `status`, and the status it leads to (edits keep the status). */
export function decideStep(status: QuarterlyStatus, action: QuarterlyAction): StepDecision {
  const step = STEPS[action];
  if (step.from.includes(status)) return { ok: true, to: step.to ?? status };
  const early = rank(status) < Math.min(...step.from.map(rank));
  return { ok: false, rule: early && step.early ? step.early : step.late };
}

/** The three text sections of the service part. */
export interface ServiceSections {
  /** 工作概况 */
  overview: string;
  /** 服务质量 */
  quality: string;
  /** 下季度计划 */
  nextPlan: string;
}
export const SERVICE_SECTIONS = ['overview', 'quality', 'nextPlan'] as const;

/** Sections still blank: the service part is submitted only with all three written. */
export function missingSections(s: ServiceSections): (keyof ServiceSections)[] {
  return SERVICE_SECTIONS.filter((k) => !s[k]?.trim());
}

/** The finance part (经营情况): yuan, with at most two decimals; null until finance enters it. */
export interface FinanceFigures {
  incomeYuan: number | null;
  expenseYuan: number | null;
  /** 欠费 at the end of the quarter */
  arrearsYuan: number | null;
  notes: string;
}

/** Figures still missing: the finance part is submitted only with income, expense and arrears entered. */
export function missingFigures(f: FinanceFigures | null): ('incomeYuan' | 'expenseYuan' | 'arrearsYuan')[] {
  const keys = ['incomeYuan', 'expenseYuan', 'arrearsYuan'] as const;
  return keys.filter((k) => f?.[k] == null);
}

/** income − expense, rounded to the fen; null while either is missing. */
export function balanceYuan(f: FinanceFigures | null): number | null {
  if (f?.incomeYuan == null || f.expenseYuan == null) return null;
  return Math.round((f.incomeYuan - f.expenseYuan) * 100) / 100;
}

/** Whether each due date has passed with its step not done (a step done late is done, not overdue). */
export function overdueFlags(
  d: QuarterlyDeadlines,
  status: QuarterlyStatus,
  now: Date,
): { serviceOverdue: boolean; financeOverdue: boolean; publishOverdue: boolean } {
  const t = now.getTime();
  return {
    serviceOverdue: isStepPending('service', status) && t > d.serviceDue.getTime(),
    financeOverdue: isStepPending('finance', status) && t > d.financeDue.getTime(),
    publishOverdue: isStepPending('publish', status) && t > d.publishDue.getTime(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Who may do what

/**
 * The acting user with what the rules need besides roles and offices: the function of their department and that
 * department's office (null: a company department such as 财务部).
 */
export interface QuarterlyActor extends Actor {
  department: { function: string; officeId: string | null } | null;
}

/** The office a report belongs to, with its recorded director (offices.director_id). */
export interface ReportOffice {
  id: string;
  directorId: string | null;
}

/**
 * Finance users (ours, REPORT-6): whoever holds `reports.finance` (admin and manager, company-wide) and every
 * member of a department whose function is `finance` — a company finance department (财务部) covers every office,
 * an office's own finance team covers that office. No role of its own: finance staff keep their usual role.
 */
export function isFinanceFor(actor: QuarterlyActor, officeId: string): boolean {
  if (can(actor, 'reports.finance') && canSeeOffice(actor, officeId)) return true;
  const d = actor.department;
  return d?.function === 'finance' && (d.officeId == null || d.officeId === officeId);
}

/** Reads the report in full: `reports.read` within the office scope, or finance for that office. */
export function canReadReport(actor: QuarterlyActor, officeId: string): boolean {
  return (can(actor, 'reports.read') && canSeeOffice(actor, officeId)) || isFinanceFor(actor, officeId);
}

/**
 * Reads a published report: besides the readers above, every staff member of the office — the copy kept at the
 * service centre for owners to read (4.2.3.3).
 */
export function canReadPublished(actor: QuarterlyActor, officeId: string): boolean {
  return canReadReport(actor, officeId) || canSeeOffice(actor, officeId);
}

/**
 * The director's signature and the publication: the office's recorded director, or — when none is recorded — a
 * director of that office; a manager may act for the company. Nobody else signs for the office.
 */
export function isActingDirector(actor: QuarterlyActor, office: ReportOffice): boolean {
  if (actor.roles.includes('manager')) return true;
  if (office.directorId) return office.directorId === actor.userId;
  return actor.roles.includes('director') && actor.officeIds.includes(office.id);
}

/** The message key of the refusal when `mayAct` says no. */
export const FORBIDDEN_KEYS = {
  service: 'forbidden.quarterly_service',
  finance: 'forbidden.quarterly_finance',
  director: 'forbidden.quarterly_director',
} as const;

/** Who may take `action` on the report of `office`; null when allowed, else the refusal's message key. */
export function refusal(
  actor: QuarterlyActor,
  action: QuarterlyAction,
  office: ReportOffice,
): (typeof FORBIDDEN_KEYS)[keyof typeof FORBIDDEN_KEYS] | null {
  switch (action) {
    case 'editService':
    case 'submitService':
      // The office prepares its service part: its director or customer-service supervisor (客服主管).
      return actor.roles.some((r) => r === 'director' || r === 'supervisor') &&
        actor.officeIds.includes(office.id)
        ? null
        : FORBIDDEN_KEYS.service;
    case 'editFinance':
    case 'submitFinance':
      return isFinanceFor(actor, office.id) ? null : FORBIDDEN_KEYS.finance;
    case 'sign':
    case 'publish':
      return isActingDirector(actor, office) ? null : FORBIDDEN_KEYS.director;
  }
}

/** The actions the actor may take now (the UI shows these buttons). */
export function allowedActions(
  status: QuarterlyStatus,
  actor: QuarterlyActor,
  office: ReportOffice,
): QuarterlyAction[] {
  return QUARTERLY_ACTIONS.filter((a) => decideStep(status, a).ok && refusal(actor, a, office) === null);
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders

/** The steps with a due date: service part, finance part, publication. */
export const REMINDER_STEPS = ['service', 'finance', 'publish'] as const;
export type ReminderStep = (typeof REMINDER_STEPS)[number];

/**
 * When reminders go out (ours): 3 days and 1 day before the due date, on the day itself, and once the day after
 * when the step is still not done (overdue) — each at 09:00 local time, the start of the office's working day.
 */
export const REMINDER_OFFSETS = [
  { label: 'd-3', days: -3 },
  { label: 'd-1', days: -1 },
  { label: 'd0', days: 0 },
  { label: 'overdue', days: 1 },
] as const;
export const REMINDER_HOUR = 9;

export interface Reminder {
  /** unique within a report: `<step>:<label>`, e.g. `finance:d-1` */
  key: string;
  step: ReminderStep;
  label: (typeof REMINDER_OFFSETS)[number]['label'];
  /** when it goes out */
  at: Date;
  /** the step's due time (end of the due day, local) */
  dueAt: Date;
  overdue: boolean;
}

/** Whether a step is still to be done in `status`. */
export function isStepPending(step: ReminderStep, status: QuarterlyStatus): boolean {
  switch (step) {
    case 'service':
      return status === 'draft';
    case 'finance':
      return status === 'draft' || status === 'service_submitted';
    case 'publish':
      return status !== 'published';
  }
}

/** `hour`:00 local on `date` (a wall-clock reading; the offset is taken at that instant, so DST is respected). */
function atLocalHour(date: string, hour: number, timeZone: string): Date {
  const midnight = startOfLocalDay(date, timeZone);
  const guess = new Date(midnight.getTime() + hour * 3_600_000);
  return new Date(guess.getTime() + zoneOffsetMs(midnight, timeZone) - zoneOffsetMs(guess, timeZone));
}

/** Every reminder of the report of `q`, earliest first. */
export function reminderSchedule(q: Quarter, timeZone: string): Reminder[] {
  const d = quarterlyDeadlines(q, timeZone);
  const { year, month } = reportMonth(q);
  const dueDay: Record<ReminderStep, [number, Date]> = {
    service: [SERVICE_DUE_DAY, d.serviceDue],
    finance: [FINANCE_DUE_DAY, d.financeDue],
    publish: [PUBLISH_DUE_DAY, d.publishDue],
  };
  const out: Reminder[] = [];
  for (const step of REMINDER_STEPS) {
    const [day, dueAt] = dueDay[step];
    for (const o of REMINDER_OFFSETS)
      out.push({
        key: `${step}:${o.label}`,
        step,
        label: o.label,
        at: atLocalHour(addDays(formatIsoDate(year, month, day), o.days), REMINDER_HOUR, timeZone),
        dueAt,
        overdue: o.label === 'overdue',
      });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** A step of the report as a deadline of the engine: its window and its reminder instants (earliest first). */
export interface QuarterlyStepDeadline {
  step: ReminderStep;
  startedAt: Date;
  dueAt: Date;
  remindAt: Date[];
  /** how many of `remindAt` are already sent or passed over (from the reminders a report recorded before) */
  remindersSent: number;
}

/**
 * The deadlines of the report of `q`, one per step: from its draft date to the step's due time, reminded on the
 * reminder days. `sent` lists reminder keys already sent (reports drafted before the deadline engine kept them).
 */
export function quarterlyStepDeadlines(
  q: Quarter,
  timeZone: string,
  sent: ReadonlySet<string> = new Set(),
): QuarterlyStepDeadline[] {
  const { draftFrom } = quarterlyDeadlines(q, timeZone);
  const schedule = reminderSchedule(q, timeZone);
  return REMINDER_STEPS.map((step) => {
    const reminders = schedule.filter((r) => r.step === step);
    const lastSent = reminders.map((r) => sent.has(r.key)).lastIndexOf(true);
    return {
      step,
      startedAt: draftFrom,
      dueAt: reminders[0].dueAt,
      remindAt: reminders.map((r) => r.at),
      remindersSent: lastSent + 1,
    };
  });
}
