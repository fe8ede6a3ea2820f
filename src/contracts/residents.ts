/** The residents' own channel (H5): sign-in by phone and code, bindings to rooms (RESIDENT-1…3). */
import { z } from 'zod';
import { COMPANY_CODE_PATTERN, LOGIN_CODE_PATTERN } from '../domain/residents/sign-in';
import { BINDING_SOURCES, BINDING_STATUSES, DECLINE_REASON_MAX } from '../domain/residents/binding';
import { ListQuery, many } from './common';

export const CompanyCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(COMPANY_CODE_PATTERN, 'field.company_code_invalid');

/** A phone as the resident types it; the server reads it in canonical form and accepts only a mainland mobile. */
const ResidentPhone = z.string().trim().min(1).max(40);

export const ResidentCodeBody = z.object({ companyCode: CompanyCode, phone: ResidentPhone });
export type ResidentCodeBody = z.infer<typeof ResidentCodeBody>;

export const ResidentVerifyBody = z.object({
  companyCode: CompanyCode,
  phone: ResidentPhone,
  code: z.string().trim().regex(LOGIN_CODE_PATTERN, 'field.login_code_invalid'),
});
export type ResidentVerifyBody = z.infer<typeof ResidentVerifyBody>;

export const BindingStatus = z.enum(BINDING_STATUSES);
export const BindingSource = z.enum(BINDING_SOURCES);

/** A room as the resident sees it: its label only. */
export const ResidentRoom = z.object({
  roomId: z.string(),
  label: z.string(),
  communityId: z.string(),
});

export const ResidentBinding = z.object({
  id: z.string(),
  roomId: z.string(),
  label: z.string(),
  status: BindingStatus,
  source: BindingSource,
  /** a decline's reason */
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ResidentBinding = z.infer<typeof ResidentBinding>;

/** The signed-in resident: `rooms` bound now; `pendingBindings` waiting for the office; recent declines with why. */
export const ResidentMe = z.object({
  resident: z.object({ id: z.string(), phone: z.string() }),
  company: z.object({ code: z.string(), name: z.string(), shortName: z.string() }),
  rooms: z.array(ResidentRoom),
  pendingBindings: z.array(ResidentBinding),
  declinedBindings: z.array(ResidentBinding),
});
export type ResidentMe = z.infer<typeof ResidentMe>;

/** Community → building → unit: with neither id, the company's communities; with one, what lies under it. */
export const ResidentPlacesQuery = z.object({
  communityId: z.uuid().optional(),
  buildingId: z.uuid().optional(),
});
export const ResidentPlaces = z.object({
  level: z.enum(['community', 'building', 'unit']),
  items: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ResidentPlaces = z.infer<typeof ResidentPlaces>;

export const ResidentRoomsQuery = z.object({ unitId: z.uuid() });
export const ResidentRoomChoices = z.object({
  items: z.array(z.object({ id: z.string(), label: z.string() })),
});

export const ResidentBindingBody = z.object({ roomId: z.uuid() });
export const RoomIdParams = z.object({ roomId: z.uuid() });

// ── staff: the bindings inbox ──────────────────────────────────────────────────────────────────────────────
export const BindingRequestListQuery = ListQuery.extend({
  status: many(BindingStatus).optional(),
  officeId: z.uuid().optional(),
});
export type BindingRequestListQuery = z.infer<typeof BindingRequestListQuery>;

export const BindingRequest = z.object({
  id: z.string(),
  status: BindingStatus,
  source: BindingSource,
  room: z.object({ id: z.string(), label: z.string() }),
  officeId: z.string(),
  /** the account's phone: masked for roles that may not see residents' phones (PRIV-2) */
  phone: z.string(),
  reason: z.string().nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type BindingRequest = z.infer<typeof BindingRequest>;

export const ApproveBindingBody = z.object({ version: z.number().int().min(1) });
export const DeclineBindingBody = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1, 'field.required').max(DECLINE_REASON_MAX),
});
