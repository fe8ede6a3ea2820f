/**
 * Types of the API as the console reads them, from src/contracts (types only: the web bundle carries no zod).
 * The few enum value lists the UI iterates are repeated here and checked against the contracts at compile time.
 */
import type { Me } from '../../contracts/auth';
import type { DepartmentFunction, PartnerRelation, PartnerService } from '../../contracts/org';
import type { ResidentRelation, RoomStatus } from '../../contracts/property';

export type { ListResult } from '../../contracts/common';
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
