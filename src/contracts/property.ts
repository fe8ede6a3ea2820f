/**
 * The property register (REGISTER-1): 小区 → 楼栋 → 单元 → 房号, and the residents attached to rooms.
 * Resident names and phones are personal data: viewers without `residents.pii` receive them masked.
 */
import { z } from 'zod';
import { MAX_RESIDENT_PHONES, RESIDENT_RELATIONS, ROOM_STATUSES } from '../domain/property/values';

export { MAX_RESIDENT_PHONES, RESIDENT_RELATIONS, ROOM_STATUSES };
import { ListQuery } from './common';

/**
 * Free text stored in PostgreSQL: trimmed, bounded, and without control characters (a NUL byte cannot be
 * stored in a text column and would otherwise surface as a database error).
 */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'field.invalid_format');
const Name = (max: number) => Text(max).min(1);

/** Search text of every property list; matched with ILIKE, wildcards escaped. */
const SearchText = Text(100).optional();

export const RoomStatus = z.enum(ROOM_STATUSES);
export type RoomStatus = z.infer<typeof RoomStatus>;

export const ResidentRelation = z.enum(RESIDENT_RELATIONS);
export type ResidentRelation = z.infer<typeof ResidentRelation>;

const Version = z.number().int().min(1);

// ── communities (小区) ────────────────────────────────────────────────────────────────────────────────

export const Community = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  office: z.object({ id: z.string(), name: z.string() }),
  buildingCount: z.number().int(),
  roomCount: z.number().int(),
  /** rooms with status `occupied`: the household count that complaint rates divide by (REPORT-4) */
  occupiedCount: z.number().int(),
  version: z.number().int(),
});
export type Community = z.infer<typeof Community>;

/** Ordered by name. */
export const CommunityListQuery = ListQuery.extend({ q: SearchText, officeId: z.uuid().optional() });
export type CommunityListQuery = z.infer<typeof CommunityListQuery>;

export const CreateCommunityBody = z.object({
  officeId: z.uuid(),
  name: Name(100),
  address: Text(200).optional(),
});
export type CreateCommunityBody = z.infer<typeof CreateCommunityBody>;

export const UpdateCommunityBody = z.object({
  version: Version,
  /** moving a community to another office: both offices must be in the actor's scope */
  officeId: z.uuid().optional(),
  name: Name(100).optional(),
  address: Text(200).nullable().optional(),
});
export type UpdateCommunityBody = z.infer<typeof UpdateCommunityBody>;

// ── buildings (楼栋) ──────────────────────────────────────────────────────────────────────────────────

export const Building = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  unitCount: z.number().int(),
  roomCount: z.number().int(),
  version: z.number().int(),
});
export type Building = z.infer<typeof Building>;

/** Ordered naturally by community name, then building name (2号楼 before 10号楼). */
export const BuildingListQuery = ListQuery.extend({ q: SearchText, communityId: z.uuid().optional() });
export type BuildingListQuery = z.infer<typeof BuildingListQuery>;

export const CreateBuildingBody = z.object({ communityId: z.uuid(), name: Name(50) });
export type CreateBuildingBody = z.infer<typeof CreateBuildingBody>;

export const UpdateBuildingBody = z.object({ version: Version, name: Name(50).optional() });
export type UpdateBuildingBody = z.infer<typeof UpdateBuildingBody>;

// ── building units (单元) ─────────────────────────────────────────────────────────────────────────────

export const BuildingUnit = z.object({
  id: z.string(),
  communityId: z.string(),
  buildingId: z.string(),
  name: z.string(),
  roomCount: z.number().int(),
  version: z.number().int(),
});
export type BuildingUnit = z.infer<typeof BuildingUnit>;

/** Ordered naturally by community, building, then unit name (2单元 before 10单元). */
export const BuildingUnitListQuery = ListQuery.extend({ q: SearchText, buildingId: z.uuid().optional() });
export type BuildingUnitListQuery = z.infer<typeof BuildingUnitListQuery>;

export const CreateBuildingUnitBody = z.object({ buildingId: z.uuid(), name: Name(50) });
export type CreateBuildingUnitBody = z.infer<typeof CreateBuildingUnitBody>;

export const UpdateBuildingUnitBody = z.object({ version: Version, name: Name(50).optional() });
export type UpdateBuildingUnitBody = z.infer<typeof UpdateBuildingUnitBody>;

// ── rooms (房号) ──────────────────────────────────────────────────────────────────────────────────────

/** square metres (建筑面积), two decimals are kept */
const Area = z.number().min(0).max(100_000);

export const Room = z.object({
  id: z.string(),
  /** "<community> <building><unit><number>", e.g. "翠湖花园 3号楼2单元501" */
  label: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  number: z.string(),
  /** square metres (建筑面积); null when unknown */
  area: z.number().nullable(),
  status: RoomStatus,
  residentCount: z.number().int(),
  version: z.number().int(),
});
export type Room = z.infer<typeof Room>;

export const RoomResident = z.object({
  id: z.string(),
  /** masked (张*) for viewers without `residents.pii` */
  name: z.string(),
  /** as given; masked (138****5678) for viewers without `residents.pii` */
  phones: z.array(z.string()),
  relation: ResidentRelation,
});
export type RoomResident = z.infer<typeof RoomResident>;

export const RoomDetail = Room.extend({ residents: z.array(RoomResident) });
export type RoomDetail = z.infer<typeof RoomDetail>;

/**
 * Ordered naturally by community, building, unit and number (digit runs compare as numbers: 2号楼 before
 * 10号楼, 501 before 1001). `q` matches the room number or the label, spaces ignored ("3号楼2单元501").
 */
export const RoomListQuery = ListQuery.extend({
  q: SearchText,
  communityId: z.uuid().optional(),
  buildingId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  status: RoomStatus.optional(),
});
export type RoomListQuery = z.infer<typeof RoomListQuery>;

export const CreateRoomBody = z.object({
  unitId: z.uuid(),
  number: Name(30),
  area: Area.nullable().optional(),
  status: RoomStatus.default('occupied'),
});
export type CreateRoomBody = z.infer<typeof CreateRoomBody>;

export const UpdateRoomBody = z.object({
  version: Version,
  /** moving the room to another unit (a data-entry correction) */
  unitId: z.uuid().optional(),
  number: Name(30).optional(),
  area: Area.nullable().optional(),
  status: RoomStatus.optional(),
});
export type UpdateRoomBody = z.infer<typeof UpdateRoomBody>;

// ── residents (业主 / 住户) ───────────────────────────────────────────────────────────────────────────

export const ResidentRoom = z.object({
  roomId: z.string(),
  label: z.string(),
  relation: ResidentRelation,
});
export type ResidentRoom = z.infer<typeof ResidentRoom>;

export const Resident = z.object({
  id: z.string(),
  /** masked (张*) for viewers without `residents.pii` */
  name: z.string(),
  /** as given; masked (138****5678) for viewers without `residents.pii` */
  phones: z.array(z.string()),
  /** only the rooms inside the viewer's scope */
  rooms: z.array(ResidentRoom),
  /** null for viewers without `residents.pii`: a note may carry anything personal */
  note: z.string().nullable(),
  version: z.number().int(),
});
export type Resident = z.infer<typeof Resident>;

/**
 * Ordered by name. `phone` is compared in canonical form (REGISTER-4: "+86 138-1234-5678" finds
 * 13812345678); `q` matches the name or any part of a phone's digits.
 */
export const ResidentListQuery = ListQuery.extend({
  q: SearchText,
  roomId: z.uuid().optional(),
  communityId: z.uuid().optional(),
  phone: Text(40).optional(),
});
export type ResidentListQuery = z.infer<typeof ResidentListQuery>;

const Phones = z.array(Text(40)).max(MAX_RESIDENT_PHONES, 'field.too_many_phones');
const ResidentRoomsInput = z.array(z.object({ roomId: z.uuid(), relation: ResidentRelation })).max(50);

export const CreateResidentBody = z.object({
  name: Name(50),
  phones: Phones.default([]),
  rooms: ResidentRoomsInput.default([]),
  note: Text(500).optional(),
});
export type CreateResidentBody = z.infer<typeof CreateResidentBody>;

export const UpdateResidentBody = z.object({
  version: Version,
  name: Name(50).optional(),
  /** replaces every phone when given */
  phones: Phones.optional(),
  /** replaces the rooms inside the actor's scope when given; links to rooms outside it are kept */
  rooms: ResidentRoomsInput.optional(),
  note: Text(500).nullable().optional(),
});
export type UpdateResidentBody = z.infer<typeof UpdateResidentBody>;

// ── caller lookup (REGISTER-5) ────────────────────────────────────────────────────────────────────

/** Without a phone (the agent has not typed one yet) the answer is empty. */
export const CallerLookupQuery = z.object({
  phone: Text(40).optional(),
  /** the case being recorded, for the duplicate hint: its category and room (duplicates.ts in the domain) */
  categoryId: z.uuid().optional(),
  roomId: z.uuid().optional(),
});
export type CallerLookupQuery = z.infer<typeof CallerLookupQuery>;

/** An open case of the caller, for the intake screen's caller panel. */
export const CallerOpenCase = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.string(),
  state: z.string(),
  receivedAt: z.string(),
  categoryId: z.string().nullable(),
  roomId: z.string().nullable(),
  /** the first 100 characters: enough for the duplicate hint of the intake screen */
  summary: z.string(),
  /**
   * a likely duplicate of the case being recorded (same category, same room or caller, not closed, within 7 days
   * of now), judged by the domain's rule; false when the query names no category
   */
  likelyDuplicate: z.boolean(),
});
export type CallerOpenCase = z.infer<typeof CallerOpenCase>;

/**
 * Who is calling: residents holding the phone (canonical comparison, at most 20), their rooms inside the
 * viewer's scope, and their open cases. Masked like every resident response.
 */
/** A case of the same room and category closed recently (INTAKE-12): the new one may repeat it. */
export const CallerRecentlyClosed = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.string(),
  categoryId: z.string().nullable(),
  roomId: z.string().nullable(),
  closedAt: z.string(),
  summary: z.string(),
});

export const CallerLookup = z.object({
  residents: z.array(Resident),
  rooms: z.array(Room),
  openCases: z.array(CallerOpenCase),
  /** closed within the repeat window, same room and category as the case being recorded (needs both) */
  recentlyClosed: z.array(CallerRecentlyClosed),
});
export type CallerLookup = z.infer<typeof CallerLookup>;
