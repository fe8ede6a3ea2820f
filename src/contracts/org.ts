/**
 * The organisation register (ORG-1): the company itself, its offices (管理处), departments (部门 / 班组) and
 * partner units (兄弟单位 / 外单位). Shared by the server routes and the web pages.
 */
import { z } from 'zod';
import { DEPARTMENT_FUNCTIONS, PARTNER_RELATIONS, PARTNER_SERVICES } from '../domain/org/values';

export { DEPARTMENT_FUNCTIONS, PARTNER_RELATIONS, PARTNER_SERVICES };
import { ListQuery } from './common';

/** A filter given several times means "any of" (API-4). */
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1).max(20)]);

/** An optional free-text column: omitted leaves it alone (PATCH), null or '' clears it. */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const Name = z.string().trim().min(1).max(100);

/** A person or an office named in a response. */
export const Ref = z.object({ id: z.string(), name: z.string() });
export type Ref = z.infer<typeof Ref>;

// ---------------------------------------------------------------------------------------------------------------
// Company

/**
 * The IANA name for `tz` as the runtime's Intl knows it (`asia/shanghai` → `Asia/Shanghai`), or null when it is
 * not a time-zone name. Offsets such as `+08:00` are refused: deadlines need the zone's rules, not an offset.
 */
export function canonicalTimeZone(tz: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((tz) => canonicalTimeZone(tz) !== null, 'field.invalid_time_zone');

export const Company = z.object({
  id: z.string(),
  name: z.string(),
  /** used in the phone greeting "您好，<简称>物业" (INTAKE-3) */
  shortName: z.string(),
  /** IANA zone; deadlines and case-number years are computed in it (CLOCK-2) */
  timeZone: z.string(),
  version: z.number().int(),
});
export type Company = z.infer<typeof Company>;

export const UpdateCompanyBody = z.object({
  version: z.number().int().min(1),
  name: Name.optional(),
  shortName: z.string().trim().min(1).max(20).optional(),
  timeZone: TimeZone.optional(),
});
export type UpdateCompanyBody = z.infer<typeof UpdateCompanyBody>;

// ---------------------------------------------------------------------------------------------------------------
// Offices (管理处)

export const Office = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  /** 管理处主任 */
  director: Ref.nullable(),
  /** desk hours "HH:mm" in the company's time zone (MSG-6); closing at or before opening wraps past midnight */
  deskHours: z.object({ opens: z.string(), closes: z.string() }),
  /** the mobile an emergency outside desk hours is also sent to by SMS (MSG-6) */
  onCallPhone: z.string().nullable(),
  /** what still hangs off the office: an office with any of these cannot be deleted */
  counts: z.object({
    communities: z.number().int(),
    departments: z.number().int(),
    users: z.number().int(),
  }),
  version: z.number().int(),
});
export type Office = z.infer<typeof Office>;

export const CreateOfficeBody = z.object({
  name: Name,
  address: optionalText(200),
  /** stored as written; must parse as a phone number */
  phone: optionalText(40),
  directorId: z.uuid().nullable().optional(),
});
export type CreateOfficeBody = z.infer<typeof CreateOfficeBody>;

const DeskTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'field.desk_time');

export const UpdateOfficeBody = CreateOfficeBody.partial().extend({
  version: z.number().int().min(1),
  deskHours: z.object({ opens: DeskTime, closes: DeskTime }).optional(),
  /** a mainland mobile; null clears it */
  onCallPhone: z.string().trim().max(40).nullable().optional(),
});
export type UpdateOfficeBody = z.infer<typeof UpdateOfficeBody>;

export const OfficeListQuery = ListQuery;
export type OfficeListQuery = z.infer<typeof OfficeListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Departments (部门 / 班组)

export const DepartmentFunction = z.enum(DEPARTMENT_FUNCTIONS);
export type DepartmentFunction = z.infer<typeof DepartmentFunction>;

export const Department = z.object({
  id: z.string(),
  name: z.string(),
  function: DepartmentFunction,
  /** null: a company department (客服部, 工程部 …); otherwise the office whose team it is */
  office: Ref.nullable(),
  /** escalation and "report to your leader" go to the head */
  head: Ref.nullable(),
  /** users whose department this is (active or not): a department with members cannot be deleted */
  memberCount: z.number().int(),
  version: z.number().int(),
});
export type Department = z.infer<typeof Department>;

export const CreateDepartmentBody = z.object({
  name: Name,
  /** omitted or null: a company department */
  officeId: z.uuid().nullable().optional(),
  function: DepartmentFunction,
  /** an active employee of the same company */
  headId: z.uuid().nullable().optional(),
});
export type CreateDepartmentBody = z.infer<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = CreateDepartmentBody.partial().extend({
  version: z.number().int().min(1),
});
export type UpdateDepartmentBody = z.infer<typeof UpdateDepartmentBody>;

export const DepartmentListQuery = ListQuery.extend({
  officeId: z.uuid().optional(),
  function: oneOrMany(DepartmentFunction).optional(),
});
export type DepartmentListQuery = z.infer<typeof DepartmentListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Partner units (兄弟单位 / 外单位)

export const PartnerRelation = z.enum(PARTNER_RELATIONS);
export type PartnerRelation = z.infer<typeof PartnerRelation>;

export const PartnerService = z.enum(PARTNER_SERVICES);
export type PartnerService = z.infer<typeof PartnerService>;

export const PartnerUnit = z.object({
  id: z.string(),
  relation: PartnerRelation,
  service: PartnerService,
  name: z.string(),
  contactPerson: z.string().nullable(),
  /** as written (a hotline such as 95598 is fine) */
  phone: z.string().nullable(),
  address: z.string().nullable(),
  version: z.number().int(),
});
export type PartnerUnit = z.infer<typeof PartnerUnit>;

export const CreatePartnerUnitBody = z.object({
  relation: PartnerRelation,
  service: PartnerService,
  name: Name,
  contactPerson: optionalText(50),
  phone: optionalText(40),
  address: optionalText(200),
});
export type CreatePartnerUnitBody = z.infer<typeof CreatePartnerUnitBody>;

export const UpdatePartnerUnitBody = CreatePartnerUnitBody.partial().extend({
  version: z.number().int().min(1),
});
export type UpdatePartnerUnitBody = z.infer<typeof UpdatePartnerUnitBody>;

export const PartnerUnitListQuery = ListQuery.extend({
  relation: oneOrMany(PartnerRelation).optional(),
  service: oneOrMany(PartnerService).optional(),
});
export type PartnerUnitListQuery = z.infer<typeof PartnerUnitListQuery>;
