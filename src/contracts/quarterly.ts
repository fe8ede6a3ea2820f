/**
 * The quarterly management-service report (管理服务报告; REPORT-5, 002 篇4 4.2.3): the report of a
 * quarter is prepared in the first month of the next one — service part to the company by the 10th, finance part
 * to finance by the 15th, signed and published by the 20th (src/domain/reports/quarterly.ts has the reading).
 */
import { z } from 'zod';
import { QUARTERLY_ACTIONS, QUARTERLY_STATUSES } from '../domain/reports/quarterly';
import { CaseKind } from './cases';

export const QuarterlyStatus = z.enum(QUARTERLY_STATUSES);
export type QuarterlyStatus = z.infer<typeof QuarterlyStatus>;
export const QuarterlyAction = z.enum(QUARTERLY_ACTIONS);
export type QuarterlyAction = z.infer<typeof QuarterlyAction>;

const Int = z.number().int();
const IsoTime = z.string();
const Version = z.number().int().min(1);

/**
 * Which report: an office and a quarter. Omitted office: the user's only office. Omitted year and quarter: the
 * report in preparation now (the previous quarter's); give both or neither.
 */
export const QuarterlyQuery = z.object({
  officeId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
});
export type QuarterlyQuery = z.infer<typeof QuarterlyQuery>;

/** A quotient with its parts; `value` is a fraction (0.8 = 80%), null when the denominator is 0. */
const Rate = z.object({ value: z.number().nullable(), numerator: Int, denominator: Int });

/**
 * The service figures, drafted from the cases (src/domain/metrics/rates.ts defines what is counted): cases
 * received in the quarter (company time zone) by kind; callbacks whose clock fell due in the quarter and were done;
 * answered callbacks and their satisfaction. Recomputed on every read while a draft; frozen when submitted.
 */
export const ServiceFigures = z.object({
  /** every case received in the quarter */
  received: Int,
  /** received minus invalid complaints and merged duplicates: what `byKind` counts */
  counted: Int,
  invalid: Int,
  merged: Int,
  /** every kind, zeros included, in the vocabulary's order */
  byKind: z.array(z.object({ kind: CaseKind, count: Int })),
  /** cases with a resolution recorded in the quarter */
  resolved: Int,
  callbacks: z.object({ due: Int, done: Int, rate: Rate }),
  satisfaction: z.object({
    answered: Int,
    satisfied: Int,
    basicallySatisfied: Int,
    unsatisfied: Int,
    /** (满意 + 基本满意) ÷ answered */
    rate: Rate,
  }),
});
export type ServiceFigures = z.infer<typeof ServiceFigures>;

const SectionText = z.string().trim().max(5000);
/** The editable text of the service part. */
export const ServiceSections = z.object({
  /** 工作概况 */
  overview: SectionText,
  /** 服务质量 */
  quality: SectionText,
  /** 下季度计划 */
  nextPlan: SectionText,
});
export type ServiceSections = z.infer<typeof ServiceSections>;

/** Yuan, zero or more, at most two decimals (分). */
const Yuan = z
  .number()
  .min(0)
  .max(100_000_000_000)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'field.money');

/** The finance part (经营情况), entered by finance; a figure is null until entered. */
export const FinanceFigures = z.object({
  incomeYuan: Yuan.nullable(),
  expenseYuan: Yuan.nullable(),
  /** 欠费 at the end of the quarter */
  arrearsYuan: Yuan.nullable(),
  notes: z.string().trim().max(2000).default(''),
});
export type FinanceFigures = z.infer<typeof FinanceFigures>;

const Person = z.object({ id: z.string(), name: z.string() });

export const QuarterlyReport = z.object({
  id: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  year: Int,
  quarter: Int,
  timeZone: z.string(),
  /** the quarter's instants, start inclusive, end exclusive */
  period: z.object({ start: IsoTime, end: IsoTime }),
  status: QuarterlyStatus,
  version: Int,
  deadlines: z.object({
    /** 00:00 local on the 1st of the next quarter's first month */
    draftFrom: IsoTime,
    /** end of the 10th, local */
    serviceDue: IsoTime,
    /** end of the 15th, local */
    financeDue: IsoTime,
    /** end of the 20th, local */
    publishDue: IsoTime,
  }),
  /** a due time has passed with the step not done */
  serviceOverdue: z.boolean(),
  financeOverdue: z.boolean(),
  publishOverdue: z.boolean(),
  draftedAt: IsoTime,
  service: z.object({
    figures: ServiceFigures,
    /** when the figures were computed: now while a draft, the submission once submitted */
    computedAt: IsoTime,
    frozen: z.boolean(),
    sections: ServiceSections,
    /** false: the sections are still the text drafted from the figures, redrafted on every read */
    sectionsEdited: z.boolean(),
    submittedAt: IsoTime.nullable(),
    submittedBy: Person.nullable(),
  }),
  finance: z.object({
    figures: FinanceFigures,
    /** income − expense; null while either is missing */
    balanceYuan: z.number().nullable(),
    enteredBy: Person.nullable(),
    enteredAt: IsoTime.nullable(),
    submittedAt: IsoTime.nullable(),
    submittedBy: Person.nullable(),
  }),
  signatures: z.object({
    /** the owners' committee chair (业主委员会主任) signs on paper; the name and date are recorded */
    chairName: z.string().nullable(),
    chairSignedAt: IsoTime.nullable(),
    /** the director's (or a manager's) sign-off, recorded by the system */
    director: Person.nullable(),
    directorSignedAt: IsoTime.nullable(),
  }),
  publishedAt: IsoTime.nullable(),
  publishedBy: Person.nullable(),
  allowedActions: z.array(QuarterlyAction),
});
export type QuarterlyReport = z.infer<typeof QuarterlyReport>;

export const QuarterlyVersionBody = z.object({ version: Version });
export type QuarterlyVersionBody = z.infer<typeof QuarterlyVersionBody>;

export const PutServiceBody = z.object({ version: Version, sections: ServiceSections });
export type PutServiceBody = z.infer<typeof PutServiceBody>;

export const PutFinanceBody = z.object({ version: Version, figures: FinanceFigures });
export type PutFinanceBody = z.infer<typeof PutFinanceBody>;

export const SignBody = z.object({
  version: Version,
  chairName: z.string().trim().min(1).max(50),
  /** when the chair signed the paper copy; not in the future, not before the report opened */
  chairSignedAt: z.iso.datetime({ offset: true }),
  /** the acting director confirms their own sign-off */
  directorSignature: z.literal(true),
});
export type SignBody = z.infer<typeof SignBody>;
