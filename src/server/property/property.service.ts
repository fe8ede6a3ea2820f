/**
 * Rules of the property register (REGISTER-1): the office scope (a community belongs to an office; everything
 * below it inherits the office), names unique within their parent, deletes refused while children exist,
 * optimistic versions, phones stored raw + canonical, and masking of residents for viewers without
 * `residents.pii` (PRIV-1).
 */
import {
  can,
  canManageInOffice,
  canSeeOffice,
  officeScope,
  seesWholeCompany,
} from '../../domain/access/access';
import { DomainError, fieldError, notFound, ruleViolation, versionConflict } from '../../domain/errors';
import { maskName, maskPhone } from '../../domain/privacy/mask';
import { parsePhone } from '../../domain/property/phone';
import type { ListResult } from '../../contracts/common';
import type {
  Building,
  BuildingListQuery,
  BuildingUnit,
  BuildingUnitListQuery,
  Community,
  CommunityListQuery,
  CreateBuildingBody,
  CreateBuildingUnitBody,
  CreateCommunityBody,
  CreateResidentBody,
  CreateRoomBody,
  Resident,
  ResidentListQuery,
  Room,
  RoomDetail,
  RoomListQuery,
  UpdateBuildingBody,
  UpdateBuildingUnitBody,
  UpdateCommunityBody,
  UpdateResidentBody,
  UpdateRoomBody,
} from '../../contracts/property';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as repo from './property.repository';
import { pgErrorCode } from '../db/pg-errors';

/**
 * Runs a write; a unique violation (two people saving the same name at once, after our check passed) becomes
 * the same field error as the check, and a foreign-key violation (a parent deleted meanwhile) `in_use`.
 */
async function guarded<T>(write: () => Promise<T>, onDuplicate: Record<string, string>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw fieldError(onDuplicate);
    if (pgErrorCode(e) === '23503') throw ruleViolation('in_use');
    throw e;
  }
}

/** A delete refused because of children; `details.rule` stays `in_use`, the message names the children. */
const inUse = (messageKey: string, n: number) =>
  new DomainError('rule_violation', messageKey, { count: n }, { rule: 'in_use' });

const omitOffice = <T extends { officeId: string }>({ officeId: _o, ...rest }: T) => rest;

function formatPhone(p: repo.StoredPhone, pii: boolean): string {
  if (pii) return p.raw;
  const masked = maskPhone(p.canonical) ?? '';
  return p.extension ? `${masked}-${p.extension}` : masked;
}

/** A resident as a viewer may see them: masked unless `show` (the viewer holds `residents.pii`). */
export const toResident = (r: repo.ResidentRecord, show: boolean): Resident => ({
  id: r.id,
  name: show ? r.name : (maskName(r.name) ?? ''),
  phones: r.phones.map((p) => formatPhone(p, show)),
  rooms: r.rooms,
  note: show ? r.note : null,
  version: r.version,
});

/** Parses the phones of a form: raw + canonical + extension, errors at `phones.<i>`, duplicates dropped. */
function parsePhones(phones: readonly string[]): repo.StoredPhone[] {
  const fields: Record<string, string> = {};
  const out: repo.StoredPhone[] = [];
  const seen = new Set<string>();
  phones.forEach((raw, i) => {
    const parsed = parsePhone(raw);
    if (!parsed.ok) {
      fields[`phones.${i}`] =
        parsed.reason === 'empty'
          ? 'field.required'
          : parsed.reason === 'area_code_required'
            ? 'field.phone_area_code_required'
            : 'field.phone_invalid';
      return;
    }
    const key = `${parsed.canonical}/${parsed.extension ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ raw, canonical: parsed.canonical, extension: parsed.extension });
  });
  if (Object.keys(fields).length) throw fieldError(fields);
  return out;
}

export const canSeePii = (actor: RequestActor) => can(actor, 'residents.pii');

export function propertyService({ db, clock }: AppDeps) {
  const pii = canSeePii;

  // ── reads with scope: another company's row and a row outside the actor's offices are both "not found" ──

  async function community(tx: Tx, actor: RequestActor, id: string) {
    const c = await repo.getCommunity(tx, actor.companyId, id);
    if (!c || !canSeeOffice(actor, c.office.id)) throw notFound();
    return c;
  }
  async function building(tx: Tx, actor: RequestActor, id: string) {
    const b = await repo.getBuilding(tx, actor.companyId, id);
    if (!b || !canSeeOffice(actor, b.officeId)) throw notFound();
    return b;
  }
  async function unit(tx: Tx, actor: RequestActor, id: string) {
    const u = await repo.getUnit(tx, actor.companyId, id);
    if (!u || !canSeeOffice(actor, u.officeId)) throw notFound();
    return u;
  }
  async function room(tx: Tx, actor: RequestActor, id: string) {
    const r = await repo.getRoom(tx, actor.companyId, id);
    if (!r || !canSeeOffice(actor, r.officeId)) throw notFound();
    return r;
  }
  async function resident(tx: Tx, actor: RequestActor, id: string) {
    const r = await repo.getResident(tx, actor.companyId, id, officeScope(actor));
    if (!r) throw notFound();
    return r;
  }

  /** A parent named in a body: missing or out of scope is a field error, not a 404 of the whole request. */
  async function parent<T>(field: string, load: () => Promise<T>): Promise<T> {
    try {
      return await load();
    } catch (e) {
      if (e instanceof DomainError && e.code === 'not_found') throw fieldError({ [field]: 'not_found' });
      throw e;
    }
  }

  /** An office a community is put in: of this company, and one the actor manages. */
  async function assertOffice(tx: Tx, actor: RequestActor, officeId: string) {
    if (!(await repo.officeExists(tx, actor.companyId, officeId)))
      throw fieldError({ officeId: 'not_found' });
    if (!canManageInOffice(actor, officeId)) throw fieldError({ officeId: 'rule.office_out_of_scope' });
  }

  /**
   * Staff of an office cannot see a resident without rooms (only company-wide roles can), so they may not leave
   * one behind: the resident keeps at least one room.
   */
  function assertKeepsRoom(actor: RequestActor, roomsAfter: number) {
    if (roomsAfter === 0 && !seesWholeCompany(actor))
      throw fieldError({ rooms: 'rule.resident_room_required' });
  }

  /** The rooms a resident is linked to: of this company, in scope, each once. */
  async function checkRoomLinks(tx: Tx, actor: RequestActor, links: CreateResidentBody['rooms']) {
    const found = new Map(
      (
        await repo.getRooms(
          tx,
          actor.companyId,
          links.map((l) => l.roomId),
        )
      ).map((r) => [r.id, r]),
    );
    const fields: Record<string, string> = {};
    const seen = new Set<string>();
    links.forEach((l, i) => {
      const r = found.get(l.roomId);
      if (!r || !canSeeOffice(actor, r.officeId)) fields[`rooms.${i}.roomId`] = 'not_found';
      else if (seen.has(l.roomId)) fields[`rooms.${i}.roomId`] = 'rule.room_listed_twice';
      seen.add(l.roomId);
    });
    if (Object.keys(fields).length) throw fieldError(fields);
  }

  return {
    // ── communities ──────────────────────────────────────────────────────────────────────────────────

    listCommunities: (actor: RequestActor, q: CommunityListQuery): Promise<ListResult<Community>> =>
      repo.listCommunities(db, actor.companyId, { ...q, scope: officeScope(actor) }),

    getCommunity: (actor: RequestActor, id: string) => community(db, actor, id),

    createCommunity: (actor: RequestActor, body: CreateCommunityBody) =>
      db.transaction(async (tx) => {
        await assertOffice(tx, actor, body.officeId);
        const id = await guarded(
          () =>
            repo.insertCommunity(tx, {
              companyId: actor.companyId,
              officeId: body.officeId,
              name: body.name,
              address: body.address || null,
            }),
          { name: 'rule.duplicate_name' },
        );
        return (await repo.getCommunity(tx, actor.companyId, id))!;
      }),

    updateCommunity: (actor: RequestActor, id: string, body: UpdateCommunityBody) =>
      db.transaction(async (tx) => {
        const current = await community(tx, actor, id);
        if (current.version !== body.version) throw versionConflict(current.version);
        if (body.officeId && body.officeId !== current.office.id)
          await assertOffice(tx, actor, body.officeId);
        const done = await guarded(
          () =>
            repo.updateCommunity(
              tx,
              actor.companyId,
              id,
              body.version,
              {
                officeId: body.officeId,
                name: body.name,
                address: body.address === '' ? null : body.address,
              },
              clock.now(),
            ),
          { name: 'rule.duplicate_name' },
        );
        if (!done) throw versionConflict((await community(tx, actor, id)).version);
        return (await repo.getCommunity(tx, actor.companyId, id))!;
      }),

    deleteCommunity: (actor: RequestActor, id: string) =>
      db.transaction(async (tx) => {
        await community(tx, actor, id);
        const n = await repo.childCount(tx, 'community', id);
        if (n) throw inUse('rule.in_use_buildings', n);
        await guarded(() => repo.deleteRow(tx, 'community', actor.companyId, id), {});
      }),

    // ── buildings ────────────────────────────────────────────────────────────────────────────────────

    async listBuildings(actor: RequestActor, q: BuildingListQuery): Promise<ListResult<Building>> {
      const res = await repo.listBuildings(db, actor.companyId, { ...q, scope: officeScope(actor) });
      return { ...res, items: res.items.map(omitOffice) };
    },

    getBuilding: async (actor: RequestActor, id: string): Promise<Building> =>
      omitOffice(await building(db, actor, id)),

    createBuilding: (actor: RequestActor, body: CreateBuildingBody) =>
      db.transaction(async (tx) => {
        await parent('communityId', () => community(tx, actor, body.communityId));
        await repo.lockRow(tx, 'community', body.communityId);
        const id = await guarded(
          () =>
            repo.insertBuilding(tx, {
              companyId: actor.companyId,
              communityId: body.communityId,
              name: body.name,
            }),
          { name: 'rule.duplicate_name' },
        );
        return omitOffice((await repo.getBuilding(tx, actor.companyId, id))!);
      }),

    updateBuilding: (actor: RequestActor, id: string, body: UpdateBuildingBody) =>
      db.transaction(async (tx) => {
        const current = await building(tx, actor, id);
        if (current.version !== body.version) throw versionConflict(current.version);
        const done = await guarded(
          () => repo.updateBuilding(tx, actor.companyId, id, body.version, { name: body.name }),
          { name: 'rule.duplicate_name' },
        );
        if (!done) throw versionConflict((await building(tx, actor, id)).version);
        return omitOffice((await repo.getBuilding(tx, actor.companyId, id))!);
      }),

    deleteBuilding: (actor: RequestActor, id: string) =>
      db.transaction(async (tx) => {
        await building(tx, actor, id);
        const n = await repo.childCount(tx, 'building', id);
        if (n) throw inUse('rule.in_use_units', n);
        await guarded(() => repo.deleteRow(tx, 'building', actor.companyId, id), {});
      }),

    // ── building units ───────────────────────────────────────────────────────────────────────────────

    async listUnits(actor: RequestActor, q: BuildingUnitListQuery): Promise<ListResult<BuildingUnit>> {
      const res = await repo.listUnits(db, actor.companyId, { ...q, scope: officeScope(actor) });
      return { ...res, items: res.items.map(omitOffice) };
    },

    getUnit: async (actor: RequestActor, id: string): Promise<BuildingUnit> =>
      omitOffice(await unit(db, actor, id)),

    createUnit: (actor: RequestActor, body: CreateBuildingUnitBody) =>
      db.transaction(async (tx) => {
        await parent('buildingId', () => building(tx, actor, body.buildingId));
        await repo.lockRow(tx, 'building', body.buildingId);
        const id = await guarded(
          () =>
            repo.insertUnit(tx, { companyId: actor.companyId, buildingId: body.buildingId, name: body.name }),
          { name: 'rule.duplicate_name' },
        );
        return omitOffice((await repo.getUnit(tx, actor.companyId, id))!);
      }),

    updateUnit: (actor: RequestActor, id: string, body: UpdateBuildingUnitBody) =>
      db.transaction(async (tx) => {
        const current = await unit(tx, actor, id);
        if (current.version !== body.version) throw versionConflict(current.version);
        const done = await guarded(
          () => repo.updateUnit(tx, actor.companyId, id, body.version, { name: body.name }),
          { name: 'rule.duplicate_name' },
        );
        if (!done) throw versionConflict((await unit(tx, actor, id)).version);
        return omitOffice((await repo.getUnit(tx, actor.companyId, id))!);
      }),

    deleteUnit: (actor: RequestActor, id: string) =>
      db.transaction(async (tx) => {
        await unit(tx, actor, id);
        const n = await repo.childCount(tx, 'unit', id);
        if (n) throw inUse('rule.in_use_rooms', n);
        await guarded(() => repo.deleteRow(tx, 'unit', actor.companyId, id), {});
      }),

    // ── rooms ────────────────────────────────────────────────────────────────────────────────────────

    async listRooms(actor: RequestActor, q: RoomListQuery): Promise<ListResult<Room>> {
      const res = await repo.listRooms(db, actor.companyId, { ...q, scope: officeScope(actor) });
      return { ...res, items: res.items.map(omitOffice) };
    },

    async getRoom(actor: RequestActor, id: string): Promise<RoomDetail> {
      const r = await room(db, actor, id);
      const show = pii(actor);
      const residents = await repo.roomResidents(db, id);
      return {
        ...omitOffice(r),
        residents: residents.map((p) => ({
          id: p.id,
          name: show ? p.name : (maskName(p.name) ?? ''),
          phones: p.phones.map((ph) => formatPhone(ph, show)),
          relation: p.relation,
        })),
      };
    },

    createRoom: (actor: RequestActor, body: CreateRoomBody) =>
      db.transaction(async (tx) => {
        const u = await parent('unitId', () => unit(tx, actor, body.unitId));
        await repo.lockRow(tx, 'unit', u.id);
        const id = await guarded(
          () =>
            repo.insertRoom(tx, {
              companyId: actor.companyId,
              communityId: u.communityId,
              buildingId: u.buildingId,
              unitId: u.id,
              number: body.number,
              area: body.area ?? null,
              status: body.status,
            }),
          { number: 'rule.room_exists' },
        );
        return omitOffice((await repo.getRoom(tx, actor.companyId, id))!);
      }),

    updateRoom: (actor: RequestActor, id: string, body: UpdateRoomBody) =>
      db.transaction(async (tx) => {
        const current = await room(tx, actor, id);
        if (current.version !== body.version) throw versionConflict(current.version);
        let target: { communityId: string; buildingId: string; unitId: string } | undefined;
        if (body.unitId && body.unitId !== current.unitId) {
          const u = await parent('unitId', () => unit(tx, actor, body.unitId!));
          await repo.lockRow(tx, 'unit', u.id);
          target = { communityId: u.communityId, buildingId: u.buildingId, unitId: u.id };
        }
        const done = await guarded(
          () =>
            repo.updateRoom(
              tx,
              actor.companyId,
              id,
              body.version,
              { unit: target, number: body.number, area: body.area, status: body.status },
              clock.now(),
            ),
          { number: 'rule.room_exists' },
        );
        if (!done) throw versionConflict((await room(tx, actor, id)).version);
        return omitOffice((await repo.getRoom(tx, actor.companyId, id))!);
      }),

    /** The room's links to residents go with it; the residents themselves stay. */
    deleteRoom: (actor: RequestActor, id: string) =>
      db.transaction(async (tx) => {
        await room(tx, actor, id);
        await guarded(() => repo.deleteRow(tx, 'room', actor.companyId, id), {});
      }),

    // ── residents ────────────────────────────────────────────────────────────────────────────────────

    async listResidents(actor: RequestActor, q: ResidentListQuery): Promise<ListResult<Resident>> {
      let phone: string | undefined;
      if (q.phone) {
        const parsed = parsePhone(q.phone);
        if (!parsed.ok) throw fieldError({ 'querystring.phone': 'field.phone_invalid' });
        phone = parsed.canonical;
      }
      const res = await repo.listResidents(db, actor.companyId, { ...q, phone, scope: officeScope(actor) });
      const show = pii(actor);
      return { ...res, items: res.items.map((r) => toResident(r, show)) };
    },

    getResident: async (actor: RequestActor, id: string) =>
      toResident(await resident(db, actor, id), pii(actor)),

    async createResident(actor: RequestActor, body: CreateResidentBody) {
      const phones = parsePhones(body.phones);
      const scope = officeScope(actor);
      assertKeepsRoom(actor, body.rooms.length);
      return db.transaction(async (tx) => {
        await checkRoomLinks(tx, actor, body.rooms);
        const id = await repo.insertResident(tx, {
          companyId: actor.companyId,
          name: body.name,
          note: body.note || null,
        });
        await repo.replacePhones(tx, actor.companyId, id, phones);
        await guarded(() => repo.replaceRoomLinks(tx, actor.companyId, id, body.rooms, scope), {});
        return toResident((await repo.getResident(tx, actor.companyId, id, 'all'))!, pii(actor));
      });
    },

    async updateResident(actor: RequestActor, id: string, body: UpdateResidentBody) {
      const phones = body.phones && parsePhones(body.phones);
      const scope = officeScope(actor);
      return db.transaction(async (tx) => {
        const current = await resident(tx, actor, id);
        if (current.version !== body.version) throw versionConflict(current.version);
        if (body.rooms) {
          assertKeepsRoom(actor, body.rooms.length + current.outOfScopeRooms);
          await checkRoomLinks(tx, actor, body.rooms);
        }
        const done = await repo.updateResident(
          tx,
          actor.companyId,
          id,
          body.version,
          { name: body.name, note: body.note === '' ? null : body.note },
          clock.now(),
        );
        if (!done) throw versionConflict((await resident(tx, actor, id)).version);
        if (phones) await repo.replacePhones(tx, actor.companyId, id, phones);
        if (body.rooms)
          await guarded(() => repo.replaceRoomLinks(tx, actor.companyId, id, body.rooms!, scope), {});
        // Read back in the actor's scope; a resident whose in-scope rooms were all removed is read company-wide.
        const after =
          (await repo.getResident(tx, actor.companyId, id, scope)) ??
          (await repo.getResident(tx, actor.companyId, id, 'all'))!;
        return toResident(after, pii(actor));
      });
    },

    /** A resident who also holds rooms outside the actor's offices is not theirs alone to delete. */
    deleteResident: (actor: RequestActor, id: string) =>
      db.transaction(async (tx) => {
        const current = await resident(tx, actor, id);
        if (current.outOfScopeRooms > 0) throw ruleViolation('office_out_of_scope');
        await repo.deleteRow(tx, 'resident', actor.companyId, id);
      }),
  };
}
