/**
 * SQL of the bulk import and export. Reads load what a file touches in a handful of queries; writes are
 * set-based (`INSERT … SELECT FROM unnest(arrays)`), one statement per table whatever the number of rows, so
 * 20,000 rooms commit in seconds inside one transaction.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ExistingRegister, ImportPlan } from '../../domain/property/import';
import type { Tx } from '../db/client';

/** An array travels as one parameter (drizzle would otherwise expand it into a list). */
const arr = (values: readonly unknown[]) => sql.param(values);

/** Arbitrary constant: the first key of the per-company import lock (the second is the company). */
const IMPORT_LOCK_NAMESPACE = 7_243_002;

/** Serialises imports of one company: two commits planned against the same snapshot would collide. */
export async function lockCompanyImports(tx: Tx, companyId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_NAMESPACE}, hashtext(${companyId}))`);
}

export async function listCommunities(db: Tx, companyId: string) {
  const { rows } = await db.execute<{ id: string; name: string; office_id: string }>(
    sql`select id, name, office_id from communities where company_id = ${companyId}`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, officeId: r.office_id }));
}

/**
 * What is stored under `communityIds`, and the company's residents sharing a phone with the file
 * (`phones`: canonical forms).
 */
export async function loadRegister(
  db: Tx,
  companyId: string,
  communityIds: readonly string[],
  phones: readonly string[],
): Promise<Omit<ExistingRegister, 'communities'>> {
  if (!communityIds.length)
    return { buildings: [], units: [], rooms: [], roomResidents: [], residentPhones: [] };
  const q = loadRegisterSql(companyId, communityIds);
  const buildings = await db.execute<{ id: string; community_id: string; name: string }>(q.buildings);
  const units = await db.execute<{ id: string; building_id: string; name: string }>(q.units);
  const rooms = await db.execute<{
    id: string;
    unit_id: string;
    number: string;
    area: string | null;
    status: string;
  }>(q.rooms);
  const links = await db.execute<{ room_id: string; resident_id: string; name: string; relation: string }>(
    q.links,
  );
  const residentIds = [...new Set(links.rows.map((l) => l.resident_id))];
  const storedPhones = await db.execute<{
    resident_id: string;
    name: string;
    canonical: string;
    extension: string | null;
  }>(residentPhonesSql(companyId, phones, residentIds));
  return {
    buildings: buildings.rows.map((b) => ({ id: b.id, communityId: b.community_id, name: b.name })),
    units: units.rows.map((u) => ({ id: u.id, buildingId: u.building_id, name: u.name })),
    rooms: rooms.rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      number: r.number,
      area: r.area === null ? null : Number(r.area),
      status: r.status,
    })),
    roomResidents: links.rows.map((l) => ({
      roomId: l.room_id,
      residentId: l.resident_id,
      name: l.name,
      relation: l.relation,
    })),
    residentPhones: storedPhones.rows.map((p) => ({
      residentId: p.resident_id,
      name: p.name,
      canonical: p.canonical,
      extension: p.extension,
    })),
  };
}

/** The reads of loadRegister under `communityIds`: its buildings, units, rooms and room–resident links. */
export function loadRegisterSql(
  companyId: string,
  communityIds: readonly string[],
): { buildings: SQL; units: SQL; rooms: SQL; links: SQL } {
  const ids = arr(communityIds);
  return {
    buildings: sql`select id, community_id, name from buildings
        where company_id = ${companyId} and community_id = any(${ids}::uuid[])`,
    units: sql`select u.id, u.building_id, u.name from building_units u join buildings b on b.id = u.building_id
        where u.company_id = ${companyId} and b.community_id = any(${ids}::uuid[])`,
    rooms: sql`select id, unit_id, number, area::text as area, status from rooms
        where company_id = ${companyId} and community_id = any(${ids}::uuid[])`,
    links: sql`select rr.room_id, rr.resident_id, p.name, rr.relation
        from room_residents rr
        join rooms r on r.id = rr.room_id
        join residents p on p.id = rr.resident_id
        where r.company_id = ${companyId} and r.community_id = any(${ids}::uuid[])
        order by p.created_at, p.id`,
  };
}

/** The last read of loadRegister: phones shared with the file's, and those of the residents linked there. */
export function residentPhonesSql(
  companyId: string,
  phones: readonly string[],
  residentIds: readonly string[],
): SQL {
  return sql`select rp.resident_id, p.name, rp.canonical, rp.extension
        from resident_phones rp join residents p on p.id = rp.resident_id
        where rp.company_id = ${companyId}
          and (rp.canonical = any(${arr(phones)}::text[]) or rp.resident_id = any(${arr(residentIds)}::uuid[]))
        order by p.created_at, p.id`;
}

const SEP = '\u0000';

/** Records planned id → stored id for rows that already existed under their natural key. */
function remapBy<R extends { id: string }, P extends { id: string }>(
  returned: readonly R[],
  keyOfReturned: (r: R) => string,
  planned: readonly P[],
  keyOfPlanned: (p: P) => string,
  remap: Map<string, string>,
) {
  const byKey = new Map(planned.map((p) => [keyOfPlanned(p), p.id]));
  for (const r of returned) {
    const p = byKey.get(keyOfReturned(r));
    if (p && p !== r.id) remap.set(p, r.id);
  }
}

const col = <T, K extends keyof T>(rows: readonly T[], key: K) => arr(rows.map((r) => r[key]));

/**
 * Writes a plan. Buildings, units and rooms use ON CONFLICT on their natural keys: one created in the UI
 * since the plan was made is reused (its id replaces the planned one) instead of failing the import.
 */
export async function writePlan(tx: Tx, companyId: string, plan: ImportPlan, now: Date) {
  const remap = new Map<string, string>();
  const mapped = (id: string) => remap.get(id) ?? id;

  if (plan.buildings.length) {
    const b = plan.buildings;
    const { rows } = await tx.execute<{ id: string; community_id: string; name: string }>(
      importBuildingsSql(companyId, b),
    );
    remapBy(
      rows,
      (r) => r.community_id + SEP + r.name,
      b,
      (x) => x.communityId + SEP + x.name,
      remap,
    );
  }

  if (plan.units.length) {
    const units = plan.units.map((u) => ({ ...u, buildingId: mapped(u.buildingId) }));
    const { rows } = await tx.execute<{ id: string; building_id: string; name: string }>(
      importUnitsSql(companyId, units),
    );
    remapBy(
      rows,
      (r) => r.building_id + SEP + r.name,
      plan.units,
      (u) => mapped(u.buildingId) + SEP + u.name,
      remap,
    );
  }

  if (plan.rooms.length) {
    const rooms = plan.rooms;
    const { rows } = await tx.execute<{ id: string; unit_id: string; number: string }>(
      importRoomsSql(
        companyId,
        rooms.map((r) => ({ ...r, buildingId: mapped(r.buildingId), unitId: mapped(r.unitId) })),
        now,
      ),
    );
    remapBy(
      rows,
      (r) => r.unit_id + SEP + r.number,
      rooms,
      (r) => mapped(r.unitId) + SEP + r.number,
      remap,
    );
  }

  if (plan.roomUpdates.length) await tx.execute(importRoomUpdatesSql(companyId, plan.roomUpdates, now));
  if (plan.residents.length) await tx.execute(importResidentsSql(companyId, plan.residents, now));
  if (plan.phones.length) await tx.execute(importPhonesSql(companyId, plan.phones));
  if (plan.links.length)
    await tx.execute(
      importLinksSql(
        companyId,
        plan.links.map((x) => ({ ...x, roomId: mapped(x.roomId) })),
      ),
    );
}

// The statements of writePlan, one per table, their text the same whatever the number of rows. Ids that
// refer to rows written earlier in the plan come already mapped to the stored ids.

export function importBuildingsSql(companyId: string, b: ImportPlan['buildings']): SQL {
  return sql`insert into buildings (id, company_id, community_id, name)
          select x.id, ${companyId}, x.community_id, x.name
          from unnest(${col(b, 'id')}::uuid[], ${col(b, 'communityId')}::uuid[], ${col(b, 'name')}::text[])
               as x(id, community_id, name)
          on conflict (community_id, name) do update set name = excluded.name
          returning id, community_id, name`;
}

export function importUnitsSql(companyId: string, units: ImportPlan['units']): SQL {
  return sql`insert into building_units (id, company_id, building_id, name)
          select x.id, ${companyId}, x.building_id, x.name
          from unnest(${col(units, 'id')}::uuid[], ${col(units, 'buildingId')}::uuid[],
                      ${col(units, 'name')}::text[]) as x(id, building_id, name)
          on conflict (building_id, name) do update set name = excluded.name
          returning id, building_id, name`;
}

export function importRoomsSql(companyId: string, rooms: ImportPlan['rooms'], now: Date): SQL {
  return sql`insert into rooms (id, company_id, community_id, building_id, unit_id, number, area, status)
          select x.id, ${companyId}, x.community_id, x.building_id, x.unit_id, x.number, x.area, x.status
          from unnest(${col(rooms, 'id')}::uuid[], ${col(rooms, 'communityId')}::uuid[],
                      ${col(rooms, 'buildingId')}::uuid[], ${col(rooms, 'unitId')}::uuid[],
                      ${col(rooms, 'number')}::text[], ${col(rooms, 'area')}::numeric[], ${col(rooms, 'status')}::text[])
               as x(id, community_id, building_id, unit_id, number, area, status)
          on conflict (unit_id, number) do update
            set area = coalesce(excluded.area, rooms.area), status = excluded.status,
                updated_at = ${now}, version = rooms.version + 1
          returning id, unit_id, number`;
}

export function importRoomUpdatesSql(companyId: string, u: ImportPlan['roomUpdates'], now: Date): SQL {
  return sql`update rooms set area = coalesce(x.area, rooms.area), status = coalesce(x.status, rooms.status),
            updated_at = ${now}, version = rooms.version + 1
          from unnest(${col(u, 'id')}::uuid[], ${col(u, 'area')}::numeric[], ${col(u, 'status')}::text[])
               as x(id, area, status)
          where rooms.id = x.id and rooms.company_id = ${companyId}`;
}

export function importResidentsSql(companyId: string, residents: ImportPlan['residents'], now: Date): SQL {
  return sql`insert into residents (id, company_id, name, created_at, updated_at)
          select x.id, ${companyId}, x.name, ${now}, ${now}
          from unnest(${col(residents, 'id')}::uuid[], ${col(residents, 'name')}::text[]) as x(id, name)`;
}

export function importPhonesSql(companyId: string, p: ImportPlan['phones']): SQL {
  return sql`insert into resident_phones (company_id, resident_id, raw, canonical, extension)
          select ${companyId}, x.resident_id, x.raw, x.canonical, x.extension
          from unnest(${col(p, 'residentId')}::uuid[], ${col(p, 'raw')}::text[], ${col(p, 'canonical')}::text[],
                      ${col(p, 'extension')}::text[]) as x(resident_id, raw, canonical, extension)
          on conflict (resident_id, canonical, coalesce(extension, '')) do nothing`;
}

export function importLinksSql(companyId: string, l: ImportPlan['links']): SQL {
  return sql`insert into room_residents (room_id, resident_id, company_id, relation)
          select x.room_id, x.resident_id, ${companyId}, x.relation
          from unnest(${col(l, 'roomId')}::uuid[], ${col(l, 'residentId')}::uuid[],
                      ${col(l, 'relation')}::text[]) as x(room_id, resident_id, relation)
          on conflict (room_id, resident_id) do update set relation = excluded.relation
            where room_residents.relation is distinct from excluded.relation`;
}

export interface ExportRow {
  community: string;
  building: string;
  unit: string;
  number: string;
  /** square metres, as stored (numeric text) */
  area: string | null;
  status: string;
  residentName: string | null;
  relation: string | null;
  /** raw phones, joined by '/' */
  phones: string | null;
}

/** Every room (with each of its residents) of the communities in scope. */
export async function exportRows(
  db: Tx,
  companyId: string,
  f: { communityId?: string; scopeOfficeIds: 'all' | readonly string[] },
): Promise<ExportRow[]> {
  const { rows } = await db.execute<{
    community: string;
    building: string;
    unit: string;
    number: string;
    area: string | null;
    status: string;
    resident_name: string | null;
    relation: string | null;
    phones: string | null;
  }>(exportRowsSql(companyId, f));
  return rows.map((r) => ({
    community: r.community,
    building: r.building,
    unit: r.unit,
    number: r.number,
    area: r.area,
    status: r.status,
    residentName: r.resident_name,
    relation: r.relation,
    phones: r.phones,
  }));
}

export function exportRowsSql(
  companyId: string,
  f: { communityId?: string; scopeOfficeIds: 'all' | readonly string[] },
): SQL {
  return sql`select c.name as community, b.name as building, u.name as unit, r.number, r.area::text as area, r.status,
          p.name as resident_name, rr.relation,
          -- no column records the order phones were given in; ctid follows insertion order in practice
          (select string_agg(ph.raw, '/' order by ph.ctid) from resident_phones ph where ph.resident_id = p.id) as phones
        from rooms r
        join communities c on c.id = r.community_id
        join buildings b on b.id = r.building_id
        join building_units u on u.id = r.unit_id
        left join room_residents rr on rr.room_id = r.id
        left join residents p on p.id = rr.resident_id
        where r.company_id = ${companyId}
          ${f.communityId ? sql`and r.community_id = ${f.communityId}` : sql``}
          ${f.scopeOfficeIds === 'all' ? sql`` : sql`and c.office_id = any(${arr(f.scopeOfficeIds)}::uuid[])`}`;
}

export async function getCommunity(db: Tx, companyId: string, id: string) {
  const { rows } = await db.execute<{ id: string; name: string; office_id: string }>(
    sql`select id, name, office_id from communities where company_id = ${companyId} and id = ${id}`,
  );
  return rows[0] && { id: rows[0].id, name: rows[0].name, officeId: rows[0].office_id };
}
