/**
 * SQL of the property register. Every query filters by company_id; list queries also take the actor's office
 * scope (communities belong to an office, everything below inherits it). Rows are mapped to camelCase here and
 * never leave this file as they are.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ListResult } from '../../contracts/common';
import type {
  Building,
  BuildingUnit,
  Community,
  ResidentRelation,
  Room,
  RoomStatus,
} from '../../contracts/property';
import { roomLabel } from '../../domain/property/room';
import type { Tx } from '../db/client';
import { cappedCount, cursorKey, defineCursor, likePattern, page } from '../db/paging';

export type Scope = 'all' | readonly string[];

/** `expr` (an office id) lies inside the scope. */
function inScope(scope: Scope, officeIdExpr: SQL): SQL {
  if (scope === 'all') return sql`true`;
  if (!scope.length) return sql`false`;
  return sql`${officeIdExpr} in (${sql.join(
    scope.map((o) => sql`${o}::uuid`),
    sql`, `,
  )})`;
}

/** Every property list is ordered by (sort_key, id), its sort key a text (never null: see naturalKey). */
const SORT_KEY_CURSOR = defineCursor([cursorKey.text, cursorKey.uuid]);

/**
 * A text key under which digit runs sort as numbers: each run is prefixed by its length (3 digits), so
 * "2号楼" → "0012号楼" sorts before "10号楼" → "00210号楼". Compared in the "C" collation: the same order on
 * every PostgreSQL whatever its locale.
 */
function naturalKey(expr: SQL): SQL {
  return sql`coalesce((select string_agg(case when x.m[1] ~ '^[0-9]' then lpad(length(x.m[1])::text, 3, '0') || x.m[1] else x.m[1] end, '' order by x.n)
    from regexp_matches(${expr}, '[0-9]+|[^0-9]+', 'g') with ordinality as x(m, n)), '')`;
}
/** Separates the parts of a composite natural key; sorts before every printable character. */
const SEP = sql`chr(1)`;

async function listPage<R, T extends { id: string }>(
  db: Tx,
  q: {
    /** select list, without "select" */
    columns: SQL;
    /** FROM … joins (no WHERE) */
    from: SQL;
    where: SQL;
    /** the single sort expression of the keyset, compared in the "C" collation */
    sortKey: SQL;
    limit: number;
    cursor?: string;
  },
  map: (row: R) => T,
): Promise<ListResult<T>> {
  const counted = await cappedCount(db, sql`${q.from} where ${q.where}`);
  const after = SORT_KEY_CURSOR.decode(q.cursor)?.key;
  const keyset = after
    ? sql` and (k.sort_key, k.id) > (${after[0]}::text collate "C", ${after[1]}::uuid)`
    : sql``;
  const { rows } = await db.execute<Record<string, unknown>>(sql`select * from (
      select ${q.columns}, (${q.sortKey}) collate "C" as sort_key ${q.from} where ${q.where}
    ) k where true${keyset} order by k.sort_key, k.id limit ${q.limit + 1}`);
  const keys = new Map<string, string>();
  const items = (rows as (R & { sort_key: string })[]).map((r) => {
    const item = map(r);
    keys.set(item.id, r.sort_key);
    return item;
  });
  return page(items, q.limit, (item) => SORT_KEY_CURSOR.encode([keys.get(item.id)!, item.id]), counted);
}

const count = (n: unknown) => Number(n ?? 0);

// ── communities ──────────────────────────────────────────────────────────────────────────────────────

type CommunityRow = {
  id: string;
  name: string;
  address: string | null;
  office_id: string;
  office_name: string;
  building_count: number;
  room_count: number;
  occupied_count: number;
  version: number;
};

const toCommunity = (r: CommunityRow): Community => ({
  id: r.id,
  name: r.name,
  address: r.address,
  office: { id: r.office_id, name: r.office_name },
  buildingCount: count(r.building_count),
  roomCount: count(r.room_count),
  occupiedCount: count(r.occupied_count),
  version: r.version,
});

const COMMUNITY_COLUMNS = sql`c.id, c.name, c.address, c.version, o.id as office_id, o.name as office_name,
  (select count(*)::int from buildings b where b.community_id = c.id) as building_count,
  (select count(*)::int from rooms r where r.community_id = c.id) as room_count,
  (select count(*)::int from rooms r where r.community_id = c.id and r.status = 'occupied') as occupied_count`;
const COMMUNITY_FROM = sql`from communities c join offices o on o.id = c.office_id`;

export async function getCommunity(db: Tx, companyId: string, id: string): Promise<Community | undefined> {
  const { rows } = await db.execute<CommunityRow>(
    sql`select ${COMMUNITY_COLUMNS} ${COMMUNITY_FROM} where c.company_id = ${companyId} and c.id = ${id}`,
  );
  return rows[0] && toCommunity(rows[0]);
}

export function listCommunities(
  db: Tx,
  companyId: string,
  f: { limit: number; cursor?: string; q?: string; officeId?: string; scope: Scope },
) {
  const conds: SQL[] = [sql`c.company_id = ${companyId}`, inScope(f.scope, sql`c.office_id`)];
  if (f.officeId) conds.push(sql`c.office_id = ${f.officeId}`);
  if (f.q) conds.push(sql`(c.name ilike ${likePattern(f.q)} or c.address ilike ${likePattern(f.q)})`);
  return listPage<CommunityRow, Community>(
    db,
    {
      columns: COMMUNITY_COLUMNS,
      from: COMMUNITY_FROM,
      where: sql.join(conds, sql` and `),
      sortKey: sql`c.name`,
      limit: f.limit,
      cursor: f.cursor,
    },
    toCommunity,
  );
}

export async function officeExists(db: Tx, companyId: string, officeId: string) {
  const { rows } = await db.execute(
    sql`select 1 from offices where company_id = ${companyId} and id = ${officeId}`,
  );
  return rows.length > 0;
}

export async function insertCommunity(
  db: Tx,
  v: { companyId: string; officeId: string; name: string; address: string | null },
) {
  const { rows } = await db.execute<{ id: string }>(
    sql`insert into communities (company_id, office_id, name, address)
      values (${v.companyId}, ${v.officeId}, ${v.name}, ${v.address}) returning id`,
  );
  return rows[0].id;
}

/** Returns false when the version no longer matches (someone else changed the row in between). */
export async function updateCommunity(
  db: Tx,
  companyId: string,
  id: string,
  version: number,
  v: { officeId?: string; name?: string; address?: string | null },
  now: Date,
) {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = ${now.toISOString()}`];
  if (v.officeId !== undefined) sets.push(sql`office_id = ${v.officeId}`);
  if (v.name !== undefined) sets.push(sql`name = ${v.name}`);
  if (v.address !== undefined) sets.push(sql`address = ${v.address}`);
  const { rows } = await db.execute(
    sql`update communities set ${sql.join(sets, sql`, `)}
      where company_id = ${companyId} and id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

// ── buildings ────────────────────────────────────────────────────────────────────────────────────────

type BuildingRow = {
  id: string;
  community_id: string;
  office_id: string;
  name: string;
  unit_count: number;
  room_count: number;
  version: number;
};

export type BuildingWithOffice = Building & { officeId: string };

const toBuilding = (r: BuildingRow): BuildingWithOffice => ({
  id: r.id,
  communityId: r.community_id,
  officeId: r.office_id,
  name: r.name,
  unitCount: count(r.unit_count),
  roomCount: count(r.room_count),
  version: r.version,
});

const BUILDING_COLUMNS = sql`b.id, b.community_id, c.office_id, b.name, b.version,
  (select count(*)::int from building_units u where u.building_id = b.id) as unit_count,
  (select count(*)::int from rooms r where r.building_id = b.id) as room_count`;
const BUILDING_FROM = sql`from buildings b join communities c on c.id = b.community_id`;

export async function getBuilding(db: Tx, companyId: string, id: string) {
  const { rows } = await db.execute<BuildingRow>(
    sql`select ${BUILDING_COLUMNS} ${BUILDING_FROM} where b.company_id = ${companyId} and b.id = ${id}`,
  );
  return rows[0] && toBuilding(rows[0]);
}

export function listBuildings(
  db: Tx,
  companyId: string,
  f: { limit: number; cursor?: string; q?: string; communityId?: string; scope: Scope },
) {
  const conds: SQL[] = [sql`b.company_id = ${companyId}`, inScope(f.scope, sql`c.office_id`)];
  if (f.communityId) conds.push(sql`b.community_id = ${f.communityId}`);
  if (f.q) conds.push(sql`b.name ilike ${likePattern(f.q)}`);
  return listPage<BuildingRow, BuildingWithOffice>(
    db,
    {
      columns: BUILDING_COLUMNS,
      from: BUILDING_FROM,
      where: sql.join(conds, sql` and `),
      sortKey: sql`${naturalKey(sql`c.name`)} || ${SEP} || ${naturalKey(sql`b.name`)}`,
      limit: f.limit,
      cursor: f.cursor,
    },
    toBuilding,
  );
}

export async function insertBuilding(db: Tx, v: { companyId: string; communityId: string; name: string }) {
  const { rows } = await db.execute<{ id: string }>(
    sql`insert into buildings (company_id, community_id, name) values (${v.companyId}, ${v.communityId}, ${v.name})
      returning id`,
  );
  return rows[0].id;
}

export async function updateBuilding(
  db: Tx,
  companyId: string,
  id: string,
  version: number,
  v: { name?: string },
) {
  const sets: SQL[] = [sql`version = version + 1`];
  if (v.name !== undefined) sets.push(sql`name = ${v.name}`);
  const { rows } = await db.execute(
    sql`update buildings set ${sql.join(sets, sql`, `)}
      where company_id = ${companyId} and id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

// ── building units ───────────────────────────────────────────────────────────────────────────────────

type UnitRow = {
  id: string;
  community_id: string;
  building_id: string;
  office_id: string;
  name: string;
  room_count: number;
  version: number;
};

export type UnitWithOffice = BuildingUnit & { officeId: string };

const toUnit = (r: UnitRow): UnitWithOffice => ({
  id: r.id,
  communityId: r.community_id,
  buildingId: r.building_id,
  officeId: r.office_id,
  name: r.name,
  roomCount: count(r.room_count),
  version: r.version,
});

const UNIT_COLUMNS = sql`u.id, b.community_id, u.building_id, c.office_id, u.name, u.version,
  (select count(*)::int from rooms r where r.unit_id = u.id) as room_count`;
const UNIT_FROM = sql`from building_units u join buildings b on b.id = u.building_id
  join communities c on c.id = b.community_id`;

export async function getUnit(db: Tx, companyId: string, id: string) {
  const { rows } = await db.execute<UnitRow>(
    sql`select ${UNIT_COLUMNS} ${UNIT_FROM} where u.company_id = ${companyId} and u.id = ${id}`,
  );
  return rows[0] && toUnit(rows[0]);
}

export function listUnits(
  db: Tx,
  companyId: string,
  f: { limit: number; cursor?: string; q?: string; buildingId?: string; scope: Scope },
) {
  const conds: SQL[] = [sql`u.company_id = ${companyId}`, inScope(f.scope, sql`c.office_id`)];
  if (f.buildingId) conds.push(sql`u.building_id = ${f.buildingId}`);
  if (f.q) conds.push(sql`u.name ilike ${likePattern(f.q)}`);
  return listPage<UnitRow, UnitWithOffice>(
    db,
    {
      columns: UNIT_COLUMNS,
      from: UNIT_FROM,
      where: sql.join(conds, sql` and `),
      sortKey: sql`${naturalKey(sql`c.name`)} || ${SEP} || ${naturalKey(sql`b.name`)} || ${SEP} || ${naturalKey(sql`u.name`)}`,
      limit: f.limit,
      cursor: f.cursor,
    },
    toUnit,
  );
}

export async function insertUnit(db: Tx, v: { companyId: string; buildingId: string; name: string }) {
  const { rows } = await db.execute<{ id: string }>(
    sql`insert into building_units (company_id, building_id, name) values (${v.companyId}, ${v.buildingId}, ${v.name})
      returning id`,
  );
  return rows[0].id;
}

export async function updateUnit(
  db: Tx,
  companyId: string,
  id: string,
  version: number,
  v: { name?: string },
) {
  const sets: SQL[] = [sql`version = version + 1`];
  if (v.name !== undefined) sets.push(sql`name = ${v.name}`);
  const { rows } = await db.execute(
    sql`update building_units set ${sql.join(sets, sql`, `)}
      where company_id = ${companyId} and id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

// ── rooms ────────────────────────────────────────────────────────────────────────────────────────────

type RoomRow = {
  id: string;
  community_id: string;
  community_name: string;
  building_id: string;
  building_name: string;
  unit_id: string;
  unit_name: string;
  office_id: string;
  number: string;
  area: string | null;
  status: RoomStatus;
  resident_count: number;
  version: number;
};

export type RoomWithOffice = Room & { officeId: string };

/** "翠湖花园 3号楼2单元501": how staff and residents say a room. */
const toRoom = (r: RoomRow): RoomWithOffice => ({
  id: r.id,
  label: roomLabel(r.community_name, r.building_name, r.unit_name, r.number),
  communityId: r.community_id,
  communityName: r.community_name,
  buildingId: r.building_id,
  buildingName: r.building_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  officeId: r.office_id,
  number: r.number,
  area: r.area === null ? null : Number(r.area),
  status: r.status,
  residentCount: count(r.resident_count),
  version: r.version,
});

const ROOM_COLUMNS = sql`r.id, r.community_id, c.name as community_name, r.building_id, b.name as building_name,
  r.unit_id, u.name as unit_name, c.office_id, r.number, r.area::text as area, r.status, r.version,
  (select count(*)::int from room_residents rr where rr.room_id = r.id) as resident_count`;
const ROOM_FROM = sql`from rooms r join communities c on c.id = r.community_id
  join buildings b on b.id = r.building_id join building_units u on u.id = r.unit_id`;
/** The label without its space, for searching "3号楼2单元501" or "翠湖花园3号楼". */
const ROOM_SEARCH_TEXT = sql`replace(c.name || b.name || u.name || r.number, ' ', '')`;

export async function getRoom(db: Tx, companyId: string, id: string) {
  const { rows } = await db.execute<RoomRow>(
    sql`select ${ROOM_COLUMNS} ${ROOM_FROM} where r.company_id = ${companyId} and r.id = ${id}`,
  );
  return rows[0] && toRoom(rows[0]);
}

/** Rooms of the company among `ids` (for linking residents), with their office for the scope check. */
export async function getRooms(db: Tx, companyId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  const { rows } = await db.execute<RoomRow>(
    sql`select ${ROOM_COLUMNS} ${ROOM_FROM} where r.company_id = ${companyId} and r.id in (${sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})`,
  );
  return rows.map(toRoom);
}

export function listRooms(
  db: Tx,
  companyId: string,
  f: {
    limit: number;
    cursor?: string;
    q?: string;
    communityId?: string;
    buildingId?: string;
    unitId?: string;
    status?: RoomStatus;
    scope: Scope;
  },
) {
  const conds: SQL[] = [sql`r.company_id = ${companyId}`, inScope(f.scope, sql`c.office_id`)];
  if (f.communityId) conds.push(sql`r.community_id = ${f.communityId}`);
  if (f.buildingId) conds.push(sql`r.building_id = ${f.buildingId}`);
  if (f.unitId) conds.push(sql`r.unit_id = ${f.unitId}`);
  if (f.status) conds.push(sql`r.status = ${f.status}`);
  const q = f.q?.replace(/\s+/g, '');
  if (q) conds.push(sql`${ROOM_SEARCH_TEXT} ilike ${likePattern(q)}`);
  return listPage<RoomRow, RoomWithOffice>(
    db,
    {
      columns: ROOM_COLUMNS,
      from: ROOM_FROM,
      where: sql.join(conds, sql` and `),
      sortKey: sql`${naturalKey(sql`c.name`)} || ${SEP} || ${naturalKey(sql`b.name`)} || ${SEP} || ${naturalKey(sql`u.name`)} || ${SEP} || ${naturalKey(sql`r.number`)}`,
      limit: f.limit,
      cursor: f.cursor,
    },
    toRoom,
  );
}

export async function insertRoom(
  db: Tx,
  v: {
    companyId: string;
    communityId: string;
    buildingId: string;
    unitId: string;
    number: string;
    area: number | null;
    status: RoomStatus;
  },
) {
  const { rows } = await db.execute<{ id: string }>(
    sql`insert into rooms (company_id, community_id, building_id, unit_id, number, area, status)
      values (${v.companyId}, ${v.communityId}, ${v.buildingId}, ${v.unitId}, ${v.number},
        ${v.area === null ? null : String(v.area)}::numeric, ${v.status})
      returning id`,
  );
  return rows[0].id;
}

export async function updateRoom(
  db: Tx,
  companyId: string,
  id: string,
  version: number,
  v: {
    unit?: { communityId: string; buildingId: string; unitId: string };
    number?: string;
    area?: number | null;
    status?: RoomStatus;
  },
  now: Date,
) {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = ${now.toISOString()}`];
  if (v.unit)
    sets.push(
      sql`community_id = ${v.unit.communityId}, building_id = ${v.unit.buildingId}, unit_id = ${v.unit.unitId}`,
    );
  if (v.number !== undefined) sets.push(sql`number = ${v.number}`);
  if (v.area !== undefined) sets.push(sql`area = ${v.area === null ? null : String(v.area)}::numeric`);
  if (v.status !== undefined) sets.push(sql`status = ${v.status}`);
  const { rows } = await db.execute(
    sql`update rooms set ${sql.join(sets, sql`, `)}
      where company_id = ${companyId} and id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

// ── deletes and children ─────────────────────────────────────────────────────────────────────────────

const TABLES = {
  community: sql`communities`,
  building: sql`buildings`,
  unit: sql`building_units`,
  room: sql`rooms`,
  resident: sql`residents`,
} as const;

/** Deletes one row of the register; room_residents links and resident phones go with it (ON DELETE CASCADE). */
export async function deleteRow(db: Tx, what: keyof typeof TABLES, companyId: string, id: string) {
  const { rows } = await db.execute(
    sql`delete from ${TABLES[what]} where company_id = ${companyId} and id = ${id} returning id`,
  );
  return rows.length > 0;
}

/** Children that keep a row of the tree from being deleted. */
export async function childCount(db: Tx, of: 'community' | 'building' | 'unit', id: string) {
  const query =
    of === 'community'
      ? sql`select count(*)::int as n from buildings where community_id = ${id}`
      : of === 'building'
        ? sql`select count(*)::int as n from building_units where building_id = ${id}`
        : sql`select count(*)::int as n from rooms where unit_id = ${id}`;
  const { rows } = await db.execute<{ n: number }>(query);
  return count(rows[0]?.n);
}

/** Locks a parent row so a concurrent delete cannot remove it while a child is being added. */
export async function lockRow(db: Tx, what: 'community' | 'building' | 'unit', id: string) {
  await db.execute(sql`select 1 from ${TABLES[what]} where id = ${id} for share`);
}

// ── residents ────────────────────────────────────────────────────────────────────────────────────────

export interface StoredPhone {
  raw: string;
  canonical: string;
  extension: string | null;
}

export interface ResidentRecord {
  id: string;
  name: string;
  note: string | null;
  version: number;
  phones: StoredPhone[];
  /** the resident's rooms inside the scope the record was read with */
  rooms: { roomId: string; label: string; relation: ResidentRelation }[];
  /** how many of the resident's rooms lie outside that scope */
  outOfScopeRooms: number;
}

type ResidentRow = {
  id: string;
  name: string;
  note: string | null;
  version: number;
  phones: StoredPhone[];
  rooms: {
    roomId: string;
    relation: ResidentRelation;
    community: string;
    building: string;
    unit: string;
    number: string;
  }[];
  out_of_scope_rooms: number;
};

const toResident = (r: ResidentRow): ResidentRecord => ({
  id: r.id,
  name: r.name,
  note: r.note,
  version: r.version,
  phones: r.phones,
  rooms: r.rooms.map((x) => ({
    roomId: x.roomId,
    relation: x.relation,
    label: roomLabel(x.community, x.building, x.unit, x.number),
  })),
  outOfScopeRooms: count(r.out_of_scope_rooms),
});

// resident_phones has no position column: insertion order (ctid) keeps the first-given phone first, since
// phones are only ever replaced as a whole.
function residentColumns(scope: Scope) {
  const roomSortKey = sql`${naturalKey(sql`c.name`)} || ${SEP} || ${naturalKey(sql`b.name`)} || ${SEP} || ${naturalKey(sql`u.name`)} || ${SEP} || ${naturalKey(sql`ro.number`)}`;
  return sql`p.id, p.name, p.note, p.version,
    coalesce((select json_agg(json_build_object('raw', ph.raw, 'canonical', ph.canonical, 'extension', ph.extension) order by ph.ctid)
      from resident_phones ph where ph.resident_id = p.id), '[]'::json) as phones,
    coalesce((select json_agg(json_build_object('roomId', ro.id, 'relation', rr.relation, 'community', c.name,
        'building', b.name, 'unit', u.name, 'number', ro.number) order by (${roomSortKey}) collate "C")
      from room_residents rr join rooms ro on ro.id = rr.room_id join communities c on c.id = ro.community_id
      join buildings b on b.id = ro.building_id join building_units u on u.id = ro.unit_id
      where rr.resident_id = p.id and ${inScope(scope, sql`c.office_id`)}), '[]'::json) as rooms,
    (select count(*)::int from room_residents rr join rooms ro on ro.id = rr.room_id
      join communities c on c.id = ro.community_id
      where rr.resident_id = p.id and not (${inScope(scope, sql`c.office_id`)})) as out_of_scope_rooms`;
}

/** Visible: at least one room in scope; a resident without rooms only to company-wide roles. */
function residentVisible(scope: Scope): SQL {
  if (scope === 'all') return sql`true`;
  return sql`exists (select 1 from room_residents rr join rooms ro on ro.id = rr.room_id
    join communities c on c.id = ro.community_id where rr.resident_id = p.id and ${inScope(scope, sql`c.office_id`)})`;
}

export async function getResident(db: Tx, companyId: string, id: string, scope: Scope) {
  const { rows } = await db.execute<ResidentRow>(
    sql`select ${residentColumns(scope)} from residents p
      where p.company_id = ${companyId} and p.id = ${id} and ${residentVisible(scope)}`,
  );
  return rows[0] && toResident(rows[0]);
}

export async function listResidents(
  db: Tx,
  companyId: string,
  f: {
    limit: number;
    cursor?: string;
    q?: string;
    roomId?: string;
    communityId?: string;
    /** canonical form */
    phone?: string;
    scope: Scope;
  },
) {
  const conds: SQL[] = [sql`p.company_id = ${companyId}`, residentVisible(f.scope)];
  if (f.q) {
    const digits = f.q.replace(/\D/g, '');
    const byPhone =
      digits.length >= 3 && /^[\d\s+()\-－—]+$/.test(f.q)
        ? sql` or exists (select 1 from resident_phones ph where ph.resident_id = p.id and ph.canonical like ${likePattern(digits)})`
        : sql``;
    conds.push(sql`(p.name ilike ${likePattern(f.q)}${byPhone})`);
  }
  if (f.roomId)
    conds.push(
      sql`exists (select 1 from room_residents rr where rr.resident_id = p.id and rr.room_id = ${f.roomId})`,
    );
  if (f.communityId)
    conds.push(sql`exists (select 1 from room_residents rr join rooms ro on ro.id = rr.room_id
      where rr.resident_id = p.id and ro.community_id = ${f.communityId})`);
  if (f.phone)
    conds.push(
      sql`exists (select 1 from resident_phones ph where ph.company_id = ${companyId} and ph.resident_id = p.id and ph.canonical = ${f.phone})`,
    );
  return listPage<ResidentRow, ResidentRecord>(
    db,
    {
      columns: residentColumns(f.scope),
      from: sql`from residents p`,
      where: sql.join(conds, sql` and `),
      sortKey: sql`p.name`,
      limit: f.limit,
      cursor: f.cursor,
    },
    toResident,
  );
}

/** The residents of one room with their phones, for the room detail. */
export async function roomResidents(db: Tx, roomId: string) {
  const { rows } = await db.execute<{
    id: string;
    name: string;
    relation: ResidentRelation;
    phones: StoredPhone[];
  }>(sql`select p.id, p.name, rr.relation,
      coalesce((select json_agg(json_build_object('raw', ph.raw, 'canonical', ph.canonical, 'extension', ph.extension) order by ph.ctid)
        from resident_phones ph where ph.resident_id = p.id), '[]'::json) as phones
    from room_residents rr join residents p on p.id = rr.resident_id
    where rr.room_id = ${roomId}
    order by case rr.relation when 'owner' then 0 when 'tenant' then 1 else 2 end, p.name, p.id`);
  return rows;
}

export async function insertResident(db: Tx, v: { companyId: string; name: string; note: string | null }) {
  const { rows } = await db.execute<{ id: string }>(
    sql`insert into residents (company_id, name, note) values (${v.companyId}, ${v.name}, ${v.note}) returning id`,
  );
  return rows[0].id;
}

export async function updateResident(
  db: Tx,
  companyId: string,
  id: string,
  version: number,
  v: { name?: string; note?: string | null },
  now: Date,
) {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = ${now.toISOString()}`];
  if (v.name !== undefined) sets.push(sql`name = ${v.name}`);
  if (v.note !== undefined) sets.push(sql`note = ${v.note}`);
  const { rows } = await db.execute(
    sql`update residents set ${sql.join(sets, sql`, `)}
      where company_id = ${companyId} and id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

/** Phones are replaced as a whole, in the order given. */
export async function replacePhones(db: Tx, companyId: string, residentId: string, phones: StoredPhone[]) {
  await db.execute(sql`delete from resident_phones where resident_id = ${residentId}`);
  for (const p of phones)
    await db.execute(sql`insert into resident_phones (company_id, resident_id, raw, canonical, extension)
      values (${companyId}, ${residentId}, ${p.raw}, ${p.canonical}, ${p.extension})`);
}

/** Replaces the resident's links to rooms inside `scope`; links to rooms outside it stay as they are. */
export async function replaceRoomLinks(
  db: Tx,
  companyId: string,
  residentId: string,
  links: readonly { roomId: string; relation: ResidentRelation }[],
  scope: Scope,
) {
  await db.execute(sql`delete from room_residents rr using rooms ro, communities c
    where rr.resident_id = ${residentId} and ro.id = rr.room_id and c.id = ro.community_id
      and ${inScope(scope, sql`c.office_id`)}`);
  for (const l of links)
    await db.execute(sql`insert into room_residents (company_id, room_id, resident_id, relation)
      values (${companyId}, ${l.roomId}, ${residentId}, ${l.relation})
      on conflict (room_id, resident_id) do update set relation = excluded.relation`);
}
