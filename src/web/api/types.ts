/**
 * Types of the API as the console reads them, from src/contracts (types only: the web bundle carries no zod).
 * The few enum value lists the UI iterates are repeated here and checked against the contracts at compile time.
 */
import type { Me } from '../../contracts/auth';
import type { DepartmentFunction, PartnerRelation, PartnerService } from '../../contracts/org';
import type { ResidentRelation, RoomStatus } from '../../contracts/property';
import type { Case, CaseClock, TimelineEntry } from '../../contracts/cases';
import type { NotificationType } from '../../contracts/notifications';

export type { ListResult } from '../../contracts/common';
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

export type Role = Me['user']['roles'][number];

/** Compile-time check that a value list names every member of the union (and nothing else). */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(
    values: A & ([T] extends [A[number]] ? unknown : { missing: Exclude<T, A[number]> }),
  ) =>
    values;

export const ROLE_VALUES = every<Role>()([
  'admin',
  'manager',
  'director',
  'supervisor',
  'agent',
  'technician',
  'auditor',
]);
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

// the contracts export these enums as zod values only: their types are read off the Case
export type CaseState = Case['state'];
export type CaseKind = Case['kind'];
export type Severity = Case['severity'];
export type Channel = Case['channel'];
export type RepairType = NonNullable<Case['repairType']>;
export type Satisfaction = NonNullable<Case['satisfaction']>;
export type ClockName = CaseClock['name'];
export type CaseAction = Case['allowedActions'][number];
export type TimelineType = TimelineEntry['type'];
export type RouteTargetType = NonNullable<Case['target']>['type'];
export type CallbackMethod = 'phone' | 'visit';
export type ReplyVia = 'phone' | 'sms' | 'visit' | 'letter' | 'app';

export const CASE_STATES = every<CaseState>()([
  'received',
  'routed',
  'in_progress',
  'waiting',
  'resolved',
  'closed',
]);
/** api.md "any open": every state but resolved and closed */
export const OPEN_CASE_STATES = [
  'received',
  'routed',
  'in_progress',
  'waiting',
] as const satisfies readonly CaseState[];
export const CASE_KINDS = every<CaseKind>()([
  'complaint',
  'repair',
  'inquiry',
  'suggestion',
  'praise',
  'other',
]);
export const SEVERITIES = every<Severity>()(['emergency', 'major', 'general']);
export const CHANNELS = every<Channel>()([
  'phone',
  'visit',
  'letter',
  'email',
  'fax',
  'wechat',
  'app',
  'web',
  'mailbox',
  'callback',
  'hotline',
]);
export const REPAIR_TYPES = every<RepairType>()(['private', 'shared', 'quality']);
export const CLOCK_NAMES = every<ClockName>()([
  'dispatch',
  'contact',
  'route',
  'verify',
  'reply',
  'resolve',
  'callback',
  'corrective',
]);
export const SATISFACTIONS = every<Satisfaction>()(['satisfied', 'basically_satisfied', 'unsatisfied']);
export const CALLBACK_METHODS = every<CallbackMethod>()(['phone', 'visit']);
export const REPLY_VIAS = every<ReplyVia>()(['phone', 'sms', 'visit', 'letter', 'app']);
export const ROUTE_TARGET_TYPES = every<RouteTargetType>()([
  'department',
  'sisterUnit',
  'externalUnit',
  'leader',
]);
export const CASE_ACTIONS = every<CaseAction>()([
  'route',
  'assign',
  'accept',
  'recordContact',
  'return',
  'wait',
  'resume',
  'extend',
  'reply',
  'resolve',
  'callback',
  'reopen',
  'close',
  'invalidate',
  'merge',
  'escalate',
  'comment',
  'assignCallback',
]);
export const TIMELINE_TYPES = every<TimelineType>()([
  'received',
  'routed',
  'assigned',
  'accepted',
  'contact_recorded',
  'returned',
  'waiting',
  'resumed',
  'extended',
  'replied',
  'resolved',
  'callback',
  'reopened',
  'closed',
  'invalidated',
  'merged',
  'escalated',
  'commented',
  'clock_warned',
  'clock_breached',
  'attachment_added',
  'pii_revealed',
  'callback_assigned',
]);
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
