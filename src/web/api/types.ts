/**
 * Types of the API as the console reads them, from src/contracts (types only: the web bundle carries no zod).
 * The case desk's value lists come from src/contracts/values (zod-free, owned by the domain); the few lists not
 * moved there yet are repeated here and checked against the contracts at compile time.
 */
import type { DepartmentFunction, PartnerRelation, PartnerService } from '../../contracts/org';
import type { ResidentRelation, RoomStatus } from '../../contracts/property';
import type { NotificationType } from '../../contracts/notifications';

export type { ListResult } from '../../contracts/common';
export type { OverdueDeadline, OverdueDeadlineList } from '../../contracts/deadlines';
export type { CreateFeeItemBody, FeeItem, UpdateFeeItemBody } from '../../contracts/fee-items';
export type { ApiToken, Me } from '../../contracts/auth';
export type { CreateUserBody, UpdateUserBody, User } from '../../contracts/users';
export type {
  Company,
  CreateDepartmentBody,
  CreateOfficeBody,
  CreatePartnerUnitBody,
  Department,
  DepartmentFunction,
  Office,
  PartnerRelation,
  PartnerService,
  PartnerUnit,
  Ref,
  UpdateCompanyBody,
  UpdateDepartmentBody,
  UpdateOfficeBody,
  UpdatePartnerUnitBody,
} from '../../contracts/org';
export type {
  Building,
  BuildingUnit,
  Community,
  CreateBuildingBody,
  CreateBuildingUnitBody,
  CreateCommunityBody,
  CreateResidentBody,
  CreateRoomBody,
  Resident,
  ResidentRelation,
  ResidentRoom,
  Room,
  RoomDetail,
  RoomResident,
  RoomStatus,
  UpdateCommunityBody,
  UpdateResidentBody,
  UpdateRoomBody,
} from '../../contracts/property';
export type {
  ImportErrorsDetails,
  ImportReport,
  ImportRowError,
  ImportUpdate,
} from '../../contracts/property-import';

/** Compile-time check that a value list names every member of the union (and nothing else). */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(
    values: A & ([T] extends [A[number]] ? unknown : { missing: Exclude<T, A[number]> }),
  ) =>
    values;

export { ROLES as ROLE_VALUES } from '../../contracts/values/cases';
export const DEPARTMENT_FUNCTIONS = every<DepartmentFunction>()([
  'customer_service',
  'engineering',
  'quality',
  'finance',
  'security',
  'cleaning',
  'greening',
  'admin',
  'other',
]);
export const PARTNER_RELATIONS = every<PartnerRelation>()(['sister', 'external']);
export const PARTNER_SERVICES = every<PartnerService>()([
  'water',
  'power',
  'gas',
  'heating',
  'telecom',
  'municipal',
  'developer',
  'other',
]);
export const ROOM_STATUSES = every<RoomStatus>()(['occupied', 'vacant']);
export const RESIDENT_RELATIONS = every<ResidentRelation>()(['owner', 'tenant', 'family']);
/** src/contracts/property.ts MAX_RESIDENT_PHONES */
export const MAX_RESIDENT_PHONES = 5;

// ── cases (事项 / 工单) ──────────────────────────────────────────────────────────────────────────────

export type {
  ActionBody,
  Case,
  CaseClock,
  CaseDetail,
  CreateCase,
  TimelineEntry,
} from '../../contracts/cases';
export type { Category, CategoryTree } from '../../contracts/categories';
export type { Attachment } from '../../contracts/attachments';
export type { Notification, NotificationList, NotificationType } from '../../contracts/notifications';
export type { CallerLookup, CallerOpenCase } from '../../contracts/property';

// The case desk's values come from the domain through contracts/values (zod-free); no copy is kept here.
export * from '../../contracts/values/cases';
export { OPEN_STATES as OPEN_CASE_STATES } from '../../contracts/values/cases';

export const NOTIFICATION_TYPES = every<NotificationType>()([
  'queued',
  'assigned',
  'warning',
  'breach',
  'callback_due',
  'callback_result',
  'escalated',
  'problem_raised',
  'problem_assigned',
  'problem_overdue',
]);
