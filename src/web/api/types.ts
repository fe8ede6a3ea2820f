/**
 * Types of the API as the console reads them, from src/contracts (types only: the web bundle carries no zod), and
 * the value lists the UI iterates, from src/contracts/values (zod-free, owned by the domain): no copies here.
 */
export type { ListResult } from '../../contracts/common';
export type { DeadlineKind, OverdueDeadline, OverdueDeadlineList } from '../../contracts/deadlines';
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

export type { BindingRequest } from '../../contracts/residents';

// The organisation's and the register's value lists, owned by the domain (contracts/values, zod-free).
export { ROLES as ROLE_VALUES } from '../../contracts/values/cases';
export { DEPARTMENT_FUNCTIONS, PARTNER_RELATIONS, PARTNER_SERVICES } from '../../contracts/values/org';
export { MAX_RESIDENT_PHONES, RESIDENT_RELATIONS, ROOM_STATUSES } from '../../contracts/values/property';
export { BINDING_STATUSES, DECLINE_REASON_MAX } from '../../contracts/values/residents';

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

export { NOTIFICATION_TYPES } from '../../contracts/values/notifications';
