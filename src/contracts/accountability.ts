/**
 * Performance of people and departments and the duty ledger (LEDGER-1, 004 第十三条).
 */
import { z } from 'zod';
import { CLOCK_NAMES } from '../domain/policy/defaults';
import { SUBJECT_TYPES, VIOLATION_KINDS, VIOLATION_STATUSES } from '../domain/accountability/violations';
import { ListQuery } from './common';

const IsoTime = z.iso.datetime({ offset: true });
const Named = z.object({ id: z.string(), name: z.string() });

/** The month asked for, in the company's time zone; both default to the current month. */
const MonthQuery = z.object({
  officeId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
});

export const PerformanceQuery = MonthQuery;
export type PerformanceQuery = z.infer<typeof PerformanceQuery>;

/** Clocks that fell due in the month (their latest due time): met by then, or breached. */
export const ClockTally = z.object({
  onTime: z.number().int(),
  breached: z.number().int(),
});
export type ClockTally = z.infer<typeof ClockTally>;

export const SatisfactionTally = z.object({
  /** reached callbacks in the month that gave an answer */
  answered: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  unsatisfied: z.number().int(),
  /** (satisfied + basicallySatisfied) ÷ answered, 0–1; null when nobody answered */
  rate: z.number().nullable(),
});
export type SatisfactionTally = z.infer<typeof SatisfactionTally>;

export const ViolationTally = z.object({
  pending: z.number().int(),
  confirmed: z.number().int(),
  waived: z.number().int(),
  /** yuan of confirmed violations: the month's deduction */
  confirmedAmount: z.number().int(),
  /** yuan still waiting for the director's decision, shown apart */
  pendingAmount: z.number().int(),
});
export type ViolationTally = z.infer<typeof ViolationTally>;

export const PersonPerformance = z.object({
  user: z.object({ id: z.string(), name: z.string(), jobNumber: z.string().nullable(), active: z.boolean() }),
  /** with its office (null for a company department), so the ledger reads "翠湖管理处 · 工程部" */
  department: Named.extend({ office: Named.nullable() }).nullable(),
  /** cases received in the month with this person as 首问责任人 */
  casesFirstReceived: z.number().int(),
  /** `route` of the cases they first received, and `callback` of the callbacks they owed */
  firstResponderClocks: ClockTally,
  /** `dispatch`, `contact`, `verify`, `reply`, `resolve`, `corrective` of the cases they handle */
  handlerClocks: ClockTally,
  /** callbacks they owed that fell due in the month */
  callbacksOwed: z.number().int(),
  /** of those, made (the resident reached), on time or late */
  callbacksDone: z.number().int(),
  /** reopenings in the month (an unsatisfied callback or `reopen`) of the cases they handle */
  reopenCount: z.number().int(),
  /** callbacks answered in the month on the cases they handle */
  satisfaction: SatisfactionTally,
  violations: ViolationTally,
});
export type PersonPerformance = z.infer<typeof PersonPerformance>;

export const DepartmentPerformance = z.object({
  /** `office`: the department's office by name (null for a company department) */
  department: z.object({
    id: z.string(),
    name: z.string(),
    officeId: z.string().nullable(),
    office: Named.nullable(),
  }),
  /** cases received in the month by the department's members as 首问责任人 */
  casesFirstReceived: z.number().int(),
  /** `dispatch`, `verify`, `reply`, `resolve`, `corrective` of the cases routed to it */
  clocks: ClockTally,
  callbacksOwed: z.number().int(),
  callbacksDone: z.number().int(),
  reopenCount: z.number().int(),
  satisfaction: SatisfactionTally,
  violations: ViolationTally,
});
export type DepartmentPerformance = z.infer<typeof DepartmentPerformance>;

export const Performance = z.object({
  /** null: the whole company (managers) or all of the caller's offices */
  officeId: z.string().nullable(),
  year: z.number().int(),
  month: z.number().int(),
  /** the month in the company's time zone: [from, to) */
  from: IsoTime,
  to: IsoTime,
  /** the company's amounts (policy): yuan a first-responder violation, yuan a department violation */
  amounts: z.object({ firstResponder: z.number().int(), department: z.number().int() }),
  people: z.array(PersonPerformance),
  departments: z.array(DepartmentPerformance),
});
export type Performance = z.infer<typeof Performance>;

export const ViolationKind = z.enum(VIOLATION_KINDS);
export const ViolationStatus = z.enum(VIOLATION_STATUSES);
export const SubjectType = z.enum(SUBJECT_TYPES);

export const ViolationListQuery = ListQuery.extend({
  ...MonthQuery.shape,
  status: ViolationStatus.optional(),
  kind: ViolationKind.optional(),
  subjectType: SubjectType.optional(),
  subjectId: z.uuid().optional(),
});
export type ViolationListQuery = z.infer<typeof ViolationListQuery>;

/** The facts the violation was derived from: the breached clock or the `returned` timeline entry of the case. */
export const ViolationEvidence = z.object({
  caseNumber: z.string(),
  timelineSeq: z.number().int(),
  clock: z.enum(CLOCK_NAMES).optional(),
  dueAt: IsoTime.nullable().optional(),
  breachedAt: IsoTime.optional(),
  returnedAt: IsoTime.optional(),
  reason: z.string().nullable().optional(),
  actor: Named.nullable().optional(),
});
export type ViolationEvidence = z.infer<typeof ViolationEvidence>;

export const Violation = z.object({
  id: z.string(),
  kind: ViolationKind,
  status: ViolationStatus,
  subject: z.object({ type: SubjectType, id: z.string(), name: z.string() }),
  office: Named.nullable(),
  year: z.number().int(),
  month: z.number().int(),
  case: z.object({ id: z.string(), number: z.string() }),
  /** the breached clock; null for a return */
  clock: z.enum(CLOCK_NAMES).nullable(),
  evidence: ViolationEvidence,
  occurredAt: IsoTime,
  /** yuan (policy at derivation); counts only once confirmed */
  amount: z.number().int(),
  decidedBy: Named.nullable(),
  decidedAt: IsoTime.nullable(),
  decisionReason: z.string().nullable(),
  version: z.number().int(),
});
export type Violation = z.infer<typeof Violation>;

export const ConfirmViolationBody = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().max(1000).optional(),
});
export type ConfirmViolationBody = z.infer<typeof ConfirmViolationBody>;

/** The reason is required (checked by the service, so an unknown id answers 404 first). */
export const WaiveViolationBody = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().max(1000).optional(),
});
export type WaiveViolationBody = z.infer<typeof WaiveViolationBody>;

/** The 《首问负责制度登记表》 of a department and month (FORM-2, 004 第九条, 附表二). */
export const FirstAskRegisterQuery = z.object({
  departmentId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
});
export type FirstAskRegisterQuery = z.infer<typeof FirstAskRegisterQuery>;

/** One matter first received by a member of the department: the columns of 附表二. */
export const FirstAskRegisterRow = z.object({
  case: z.object({ id: z.string(), number: z.string() }),
  /** 日期: when it was received */
  receivedAt: z.string(),
  /** 业主姓名 / 联系电话, as the viewer may see them (masked, or absent for an anonymous reporter) */
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  /** 拟办事项: the matter, its first 200 characters */
  matter: z.string(),
  /** 首问人 */
  firstResponder: Named,
  /** 责任人: who handles it (null while nobody does) */
  handler: Named.nullable(),
  /** 处理情况: the case's state and the latest result, if resolved */
  state: z.string(),
  result: z.string().nullable(),
  /** 业主意见: the latest callback's answer */
  satisfaction: z.string().nullable(),
});
export type FirstAskRegisterRow = z.infer<typeof FirstAskRegisterRow>;

export const FirstAskRegister = z.object({
  department: Named.extend({ office: Named.nullable() }),
  year: z.number().int(),
  month: z.number().int(),
  rows: z.array(FirstAskRegisterRow),
});
export type FirstAskRegister = z.infer<typeof FirstAskRegister>;
