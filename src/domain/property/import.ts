/**
 * Bulk import of the property register (REGISTER-3), the pure part: header matching, row validation and the
 * plan of what a file will create or update, computed against a snapshot of what is already stored.
 *
 * A row is one resident of one room; a room with three residents has three rows, a room without residents one
 * row with an empty name. A room is identified by 小区 + 楼栋 + 单元 + 房号, a resident by name + canonical
 * phone within the company, or by name within the room. That makes re-importing a corrected file safe:
 * existing rooms are updated, room–resident links upserted, new phones added.
 *
 * What a re-import does NOT do: it never deletes. Residents, phones and rooms that are missing from the file
 * stay as they are (a file is not a full replacement of the register); an empty 面积 or 状态 cell keeps the
 * stored value. Removals are made one by one in the property register.
 */
import { parsePhone, splitPhones } from './phone';

/** The template's columns, in order; the header row of a file must contain each of them (any order). */
export const IMPORT_COLUMNS = [
  '小区',
  '楼栋',
  '单元',
  '房号',
  '面积',
  '状态',
  '住户姓名',
  '电话',
  '关系',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Rows per file; 50,000 rooms is the largest onboarding expected, with a margin. */
export const MAX_IMPORT_ROWS = 60_000;

/** characters per cell */
export const COLUMN_MAX_LENGTH: Record<ImportColumn, number> = {
  小区: 100,
  楼栋: 50,
  单元: 50,
  房号: 30,
  面积: 30,
  状态: 20,
  住户姓名: 50,
  电话: 200,
  关系: 20,
};

/** square metres */
export const MAX_AREA = 100_000;

export type RoomStatus = 'occupied' | 'vacant';
export type Relation = 'owner' | 'tenant' | 'family';

/** The words written in files, export and template; parsing also accepts the synonyms below. */
export const STATUS_LABEL: Record<RoomStatus, string> = { occupied: '已入住', vacant: '空置' };
export const RELATION_LABEL: Record<Relation, string> = { owner: '业主', tenant: '租户', family: '家属' };

const STATUS_WORDS: Record<string, RoomStatus> = {
  已入住: 'occupied',
  入住: 'occupied',
  occupied: 'occupied',
  空置: 'vacant',
  vacant: 'vacant',
};
const RELATION_WORDS: Record<string, Relation> = {
  业主: 'owner',
  owner: 'owner',
  租户: 'tenant',
  tenant: 'tenant',
  家属: 'family',
  family: 'family',
};

/** One problem of one row; `key` is a message key of src/contracts/messages.ts, translated by the server. */
export interface RowIssue {
  /** the spreadsheet's row number: the header is row 1 */
  row: number;
  column?: ImportColumn;
  key: string;
  params?: Record<string, string | number>;
}

export interface ImportPhone {
  /** as written in the file */
  raw: string;
  canonical: string;
  extension: string | null;
}

/** A valid row, normalised. */
export interface ImportRow {
  row: number;
  community: string;
  building: string;
  unit: string;
  room: string;
  /** square metres, 2 decimals; null: the cell was empty (keep the stored value) */
  area: number | null;
  /** null: the cell was empty (keep the stored value; a new room is occupied when it has residents) */
  status: RoomStatus | null;
  /** null: a room-only row (a vacant room, or a room whose residents are not listed) */
  resident: { name: string; phones: ImportPhone[]; relation: Relation } | null;
}

export type RawRow = { row: number; cells: Record<ImportColumn, string> };

/**
 * Trims, folds full-width ASCII (Ｂ栋, １０１) to half-width, drops zero-width characters and collapses
 * whitespace: what people type in Excel on a Chinese keyboard.
 */
export function normalizeCell(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\s\u3000\u00A0]+/g, ' ')
    .trim();
}

/** The key of a room in messages and the dry-run list: 小区/楼栋/单元/房号. */
export const roomLabel = (r: Pick<ImportRow, 'community' | 'building' | 'unit' | 'room'>) =>
  `${r.community}/${r.building}/${r.unit}/${r.room}`;

/** Maps header cells to column positions; names the template columns that are missing. */
export function matchHeader(
  cells: readonly string[],
): { ok: true; index: Record<ImportColumn, number> } | { ok: false; missing: ImportColumn[] } {
  const position = new Map<string, number>();
  cells.forEach((c, i) => {
    const name = normalizeCell(c).replace(/\s+/g, '');
    if (name && !position.has(name)) position.set(name, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => !position.has(c));
  if (missing.length) return { ok: false, missing };
  return {
    ok: true,
    index: Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, position.get(c)!])) as Record<
      ImportColumn,
      number
    >,
  };
}

const AREA = /^(\d+(?:\.\d+)?)\s*(?:㎡|m²|m2|平方米|平米|平)?$/i;

/** Validates one row; returns the normalised row, or the issues (one per faulty column). */
export function parseRow(raw: RawRow): { row: ImportRow | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const cell = {} as Record<ImportColumn, string>;
  for (const column of IMPORT_COLUMNS) {
    cell[column] = normalizeCell(raw.cells[column] ?? '');
    if (cell[column].length > COLUMN_MAX_LENGTH[column])
      issues.push({
        row: raw.row,
        column,
        key: 'import.too_long',
        params: { column, max: COLUMN_MAX_LENGTH[column] },
      });
  }
  const issue = (column: ImportColumn, key: string, params?: Record<string, string | number>) =>
    issues.push({ row: raw.row, column, key, ...(params ? { params } : {}) });

  if (!cell.小区) issue('小区', 'import.community_required');
  if (!cell.楼栋) issue('楼栋', 'import.building_required');
  if (!cell.单元) issue('单元', 'import.unit_required');
  if (!cell.房号) issue('房号', 'import.room_required');

  let area: number | null = null;
  if (cell.面积) {
    const m = AREA.exec(cell.面积);
    const n = m ? Number(m[1]) : NaN;
    if (!Number.isFinite(n) || n > MAX_AREA) issue('面积', 'import.area_invalid');
    else area = Math.round(n * 100) / 100;
  }

  let status: RoomStatus | null = null;
  if (cell.状态) {
    status = STATUS_WORDS[cell.状态.toLowerCase()] ?? null;
    if (!status) issue('状态', 'import.status_invalid');
  }

  let relation: Relation = 'owner';
  if (cell.关系) {
    const r = RELATION_WORDS[cell.关系.toLowerCase()];
    if (r) relation = r;
    else issue('关系', 'import.relation_invalid');
  }

  const phones: ImportPhone[] = [];
  const seen = new Set<string>();
  for (const text of splitPhones(cell.电话)) {
    const parsed = parsePhone(text);
    if (!parsed.ok) {
      issue(
        '电话',
        parsed.reason === 'area_code_required' ? 'import.phone_area_code_required' : 'import.phone_invalid',
        { phone: text },
      );
      continue;
    }
    const key = `${parsed.canonical}\u0000${parsed.extension ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    phones.push({ raw: text, canonical: parsed.canonical, extension: parsed.extension });
  }

  const name = cell.住户姓名;
  if (!name && (cell.电话 || cell.关系)) issue('住户姓名', 'import.name_required_with_phone');

  if (issues.length) return { row: null, issues };
  return {
    row: {
      row: raw.row,
      community: cell.小区,
      building: cell.楼栋,
      unit: cell.单元,
      room: cell.房号,
      area,
      status,
      resident: name ? { name, phones, relation } : null,
    },
    issues,
  };
}

const SEP = '\u0000';
const roomKeyOf = (r: Pick<ImportRow, 'community' | 'building' | 'unit' | 'room'>) =>
  [r.community, r.building, r.unit, r.room].join(SEP);

/**
 * Validates every row and the rows against each other: one resident appears once per room, and the rows of
 * one room agree on 面积 and 状态 (an empty cell agrees with anything).
 */
export function validateRows(raws: readonly RawRow[]): { rows: ImportRow[]; issues: RowIssue[] } {
  const rows: ImportRow[] = [];
  const issues: RowIssue[] = [];
  const firstRowOf = new Map<string, number>();
  const roomValues = new Map<string, { area?: [number, number]; status?: [RoomStatus, number] }>();
  for (const raw of raws) {
    const parsed = parseRow(raw);
    if (!parsed.row) {
      issues.push(...parsed.issues);
      continue;
    }
    const row = parsed.row;
    const roomKey = roomKeyOf(row);
    const dupKey = roomKey + SEP + (row.resident?.name ?? '');
    const first = firstRowOf.get(dupKey);
    if (first !== undefined) {
      issues.push({
        row: row.row,
        column: '住户姓名',
        key: 'import.duplicate_row',
        params: { row: first },
      });
      continue;
    }
    const seen = roomValues.get(roomKey) ?? {};
    const conflicts: RowIssue[] = [];
    if (row.area !== null && seen.area && seen.area[0] !== row.area)
      conflicts.push({
        row: row.row,
        column: '面积',
        key: 'import.room_conflict',
        params: { row: seen.area[1], column: '面积' },
      });
    if (row.status !== null && seen.status && seen.status[0] !== row.status)
      conflicts.push({
        row: row.row,
        column: '状态',
        key: 'import.room_conflict',
        params: { row: seen.status[1], column: '状态' },
      });
    if (conflicts.length) {
      issues.push(...conflicts);
      continue;
    }
    firstRowOf.set(dupKey, row.row);
    if (row.area !== null && !seen.area) seen.area = [row.area, row.row];
    if (row.status !== null && !seen.status) seen.status = [row.status, row.row];
    roomValues.set(roomKey, seen);
    rows.push(row);
  }
  return { rows, issues };
}

// ---------------------------------------------------------------------------------------------------------
// Planning against what is stored

/** What is stored for the communities a file names (loaded by the server in a few queries). */
export interface ExistingRegister {
  /** the company's communities; `inScope`: the importer may manage it (its office is in their scope) */
  communities: readonly { id: string; name: string; inScope: boolean }[];
  buildings: readonly { id: string; communityId: string; name: string }[];
  units: readonly { id: string; buildingId: string; name: string }[];
  /** `area` in square metres */
  rooms: readonly { id: string; unitId: string; number: string; area: number | null; status: string }[];
  /** links of the rooms above, with the resident's name */
  roomResidents: readonly { roomId: string; residentId: string; name: string; relation: string }[];
  /**
   * phones of the company's residents whose canonical phone appears in the file, and of every resident of the
   * rooms above; with the resident's name
   */
  residentPhones: readonly {
    residentId: string;
    name: string;
    canonical: string;
    extension: string | null;
  }[];
}

/** What one row changes in an existing room. */
export type RowChange = 'area' | 'status' | 'resident' | 'relation' | 'phone';

export interface ImportPlan {
  /** rows that passed validation and name a known community in scope */
  plannedRows: number;
  buildings: { id: string; communityId: string; name: string }[];
  units: { id: string; buildingId: string; name: string }[];
  rooms: {
    id: string;
    communityId: string;
    buildingId: string;
    unitId: string;
    number: string;
    area: number | null;
    status: RoomStatus;
  }[];
  /** existing rooms whose 面积 or 状态 changes; null leaves the column as it is */
  roomUpdates: { id: string; area: number | null; status: RoomStatus | null }[];
  residents: { id: string; name: string }[];
  phones: { residentId: string; raw: string; canonical: string; extension: string | null }[];
  /** room–resident links to insert, or to update when the relation changed */
  links: { roomId: string; residentId: string; relation: Relation }[];
  summary: {
    rooms: { create: number; update: number };
    residents: { create: number; update: number };
    phones: { add: number };
  };
  /** every row whose room exists already, with what it changes there (nothing, on a re-import) */
  updates: { row: number; key: string; changes: RowChange[] }[];
  /** community unknown or out of the importer's scope */
  issues: RowIssue[];
}

const norm = (s: string) => normalizeCell(s);

/**
 * Plans the writes for valid rows. `newId` makes the ids of created rows (the server passes randomUUID), so
 * the writes need no round trips to learn them.
 *
 * Resident matching, for each row with a name, in this order:
 *  1. the room exists and already has a resident of that name → that resident;
 *  2. an earlier row of the file with the same name and a shared phone → the same person;
 *  3. a resident of the company with that name and one of the row's phones → that resident
 *     (one person holding several rooms);
 *  4. otherwise a new resident.
 * Rows matched by rule 1 are handled first, so their phones identify the person in the other rows whatever
 * the order of the file.
 */
export function planImport(
  rows: readonly ImportRow[],
  existing: ExistingRegister,
  newId: () => string,
): ImportPlan {
  const communities = new Map(existing.communities.map((c) => [norm(c.name), c]));
  const buildingIds = new Map(existing.buildings.map((b) => [b.communityId + SEP + norm(b.name), b.id]));
  const unitIds = new Map(existing.units.map((u) => [u.buildingId + SEP + norm(u.name), u.id]));
  const roomsByKey = new Map(existing.rooms.map((r) => [r.unitId + SEP + norm(r.number), r]));
  const roomResidentByName = new Map<string, { residentId: string; relation: string }>();
  for (const rr of existing.roomResidents) {
    const key = rr.roomId + SEP + norm(rr.name);
    if (!roomResidentByName.has(key)) roomResidentByName.set(key, rr);
  }
  const residentByNamePhone = new Map<string, string>();
  const storedPhones = new Set<string>();
  for (const p of existing.residentPhones) {
    const key = norm(p.name) + SEP + p.canonical;
    if (!residentByNamePhone.has(key)) residentByNamePhone.set(key, p.residentId);
    storedPhones.add(p.residentId + SEP + p.canonical + SEP + (p.extension ?? ''));
  }

  const plan: ImportPlan = {
    plannedRows: 0,
    buildings: [],
    units: [],
    rooms: [],
    roomUpdates: [],
    residents: [],
    phones: [],
    links: [],
    summary: { rooms: { create: 0, update: 0 }, residents: { create: 0, update: 0 }, phones: { add: 0 } },
    updates: [],
    issues: [],
  };

  // Rooms first: parents created as needed, 面积/状态 gathered per room.
  type RoomPlan = {
    id: string;
    existing: ExistingRegister['rooms'][number] | null;
    created: ImportPlan['rooms'][number] | null;
    firstRow: number;
    area: number | null;
    status: RoomStatus | null;
    hasResidents: boolean;
  };
  const roomPlans = new Map<string, RoomPlan>();
  const roomOfRow = new Map<ImportRow, RoomPlan>();
  for (const row of rows) {
    const community = communities.get(row.community);
    if (!community) {
      plan.issues.push({
        row: row.row,
        column: '小区',
        key: 'import.community_unknown',
        params: { name: row.community },
      });
      continue;
    }
    if (!community.inScope) {
      plan.issues.push({
        row: row.row,
        column: '小区',
        key: 'import.community_out_of_scope',
        params: { name: row.community },
      });
      continue;
    }
    plan.plannedRows++;
    const bKey = community.id + SEP + row.building;
    let buildingId = buildingIds.get(bKey);
    if (!buildingId) {
      buildingId = newId();
      buildingIds.set(bKey, buildingId);
      plan.buildings.push({ id: buildingId, communityId: community.id, name: row.building });
    }
    const uKey = buildingId + SEP + row.unit;
    let unitId = unitIds.get(uKey);
    if (!unitId) {
      unitId = newId();
      unitIds.set(uKey, unitId);
      plan.units.push({ id: unitId, buildingId, name: row.unit });
    }
    const rKey = unitId + SEP + row.room;
    let rp = roomPlans.get(rKey);
    if (!rp) {
      const stored = roomsByKey.get(rKey) ?? null;
      const id = stored?.id ?? newId();
      const created: ImportPlan['rooms'][number] | null = stored
        ? null
        : {
            id,
            communityId: community.id,
            buildingId,
            unitId,
            number: row.room,
            area: null,
            status: 'vacant',
          };
      if (created) plan.rooms.push(created);
      rp = {
        id,
        existing: stored,
        created,
        firstRow: row.row,
        area: null,
        status: null,
        hasResidents: false,
      };
      roomPlans.set(rKey, rp);
    }
    rp.area ??= row.area;
    rp.status ??= row.status;
    if (row.resident) rp.hasResidents = true;
    roomOfRow.set(row, rp);
  }

  const roomChanges = new Map<RoomPlan, RowChange[]>();
  for (const rp of roomPlans.values()) {
    if (rp.created) {
      rp.created.area = rp.area;
      rp.created.status = rp.status ?? (rp.hasResidents ? 'occupied' : 'vacant');
      continue;
    }
    if (!rp.existing) continue;
    const changes: RowChange[] = [];
    const storedArea = rp.existing.area === null ? null : Math.round(rp.existing.area * 100) / 100;
    const area = rp.area !== null && rp.area !== storedArea ? rp.area : null;
    const status = rp.status !== null && rp.status !== rp.existing.status ? rp.status : null;
    if (area !== null) changes.push('area');
    if (status !== null) changes.push('status');
    if (changes.length) plan.roomUpdates.push({ id: rp.id, area, status });
    roomChanges.set(rp, changes);
  }
  plan.summary.rooms = { create: plan.rooms.length, update: roomChanges.size };

  // Residents: rows matched inside their room first (rule 1), then the others (rules 2–4).
  const assigned = new Map<ImportRow, string>();
  const fileResidentByNamePhone = new Map<string, string>();
  const existingTouched = new Set<string>();
  const createdIds = new Set<string>();
  const remember = (row: ImportRow, residentId: string) => {
    assigned.set(row, residentId);
    for (const p of row.resident!.phones) {
      const key = row.resident!.name + SEP + p.canonical;
      if (!fileResidentByNamePhone.has(key)) fileResidentByNamePhone.set(key, residentId);
    }
  };
  const later: ImportRow[] = [];
  for (const row of rows) {
    const rp = roomOfRow.get(row);
    if (!rp || !row.resident) continue;
    const inRoom = rp.existing ? roomResidentByName.get(rp.id + SEP + row.resident.name) : undefined;
    if (inRoom) {
      existingTouched.add(inRoom.residentId);
      remember(row, inRoom.residentId);
    } else later.push(row);
  }
  for (const row of later) {
    const { name, phones } = row.resident!;
    let id: string | undefined;
    for (const p of phones) {
      id = fileResidentByNamePhone.get(name + SEP + p.canonical);
      if (id) break;
    }
    if (!id)
      for (const p of phones) {
        id = residentByNamePhone.get(name + SEP + p.canonical);
        if (id) {
          existingTouched.add(id);
          break;
        }
      }
    if (!id) {
      id = newId();
      createdIds.add(id);
      plan.residents.push({ id, name });
    }
    remember(row, id);
  }
  plan.summary.residents = { create: createdIds.size, update: existingTouched.size };

  // Links and phones, row by row, with what each row changes in an existing room.
  const linkByRoomResident = new Map(
    existing.roomResidents.map((rr) => [rr.roomId + SEP + rr.residentId, rr.relation]),
  );
  const plannedPhones = new Set<string>();
  for (const row of rows) {
    const rp = roomOfRow.get(row);
    if (!rp) continue;
    const changes: RowChange[] = rp.existing && rp.firstRow === row.row ? [...roomChanges.get(rp)!] : [];
    const residentId = assigned.get(row);
    if (residentId && row.resident) {
      const stored = linkByRoomResident.get(rp.id + SEP + residentId);
      if (stored === undefined) {
        changes.push('resident');
        plan.links.push({ roomId: rp.id, residentId, relation: row.resident.relation });
      } else if (stored !== row.resident.relation) {
        changes.push('relation');
        plan.links.push({ roomId: rp.id, residentId, relation: row.resident.relation });
      }
      let phoneAdded = false;
      for (const p of row.resident.phones) {
        const key = residentId + SEP + p.canonical + SEP + (p.extension ?? '');
        if (storedPhones.has(key) || plannedPhones.has(key)) continue;
        plannedPhones.add(key);
        plan.phones.push({ residentId, ...p });
        phoneAdded = true;
      }
      if (phoneAdded && !createdIds.has(residentId)) changes.push('phone');
    }
    if (rp.existing) plan.updates.push({ row: row.row, key: roomLabel(row), changes });
  }
  plan.summary.phones = { add: plan.phones.length };
  return plan;
}
