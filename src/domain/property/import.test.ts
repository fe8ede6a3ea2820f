import { describe, expect, it } from 'vitest';
import {
  IMPORT_COLUMNS,
  matchHeader,
  normalizeCell,
  parseRow,
  planImport,
  validateRows,
  type ExistingRegister,
  type ImportColumn,
  type ImportRow,
  type RawRow,
} from './import';

const COLS = IMPORT_COLUMNS;
/** A row from cells in template order. */
const raw = (row: number, ...cells: string[]): RawRow => ({
  row,
  cells: Object.fromEntries(COLS.map((c, i) => [c, cells[i] ?? ''])) as Record<ImportColumn, string>,
});
const good = (row: number, over: Partial<Record<ImportColumn, string>> = {}): RawRow => {
  const r = raw(row, '阳光花园', '1号楼', '1单元', '101', '89.5', '已入住', '张伟', '13812345678', '业主');
  return { row, cells: { ...r.cells, ...over } };
};
const keys = (r: RawRow) => parseRow(r).issues.map((i) => [i.column, i.key]);

describe('import header (REGISTER-3 template columns)', () => {
  it('finds the nine template columns in any order and tolerates spaces and full-width', () => {
    const m = matchHeader([
      '电话',
      ' 小区 ',
      '楼 栋',
      '单元',
      '房号',
      '面积',
      '状态',
      '住户姓名',
      '关系',
      '备注',
    ]);
    expect(m.ok).toBe(true);
    if (m.ok) expect(m.index).toMatchObject({ 电话: 0, 小区: 1, 楼栋: 2, 关系: 8 });
  });

  it('names the missing columns of a wrong header', () => {
    const m = matchHeader(['小区', '楼栋', '房间', '姓名']);
    expect(m).toEqual({ ok: false, missing: ['单元', '房号', '面积', '状态', '住户姓名', '电话', '关系'] });
  });
});

describe('import row validation (REGISTER-3: every bad row with its reason)', () => {
  it('a complete row is normalised: trimmed, full-width digits folded, canonical phones', () => {
    const r = parseRow(
      raw(
        2,
        ' 阳光花园 ',
        '１号楼',
        '１单元',
        '１０１',
        '８９．５',
        '已入住',
        ' 张伟 ',
        '１３８１２３４５６７８',
        '业主',
      ),
    );
    expect(r.issues).toEqual([]);
    expect(r.row).toEqual({
      row: 2,
      community: '阳光花园',
      building: '1号楼',
      unit: '1单元',
      room: '101',
      area: 89.5,
      status: 'occupied',
      resident: {
        name: '张伟',
        relation: 'owner',
        phones: [{ raw: '13812345678', canonical: '13812345678', extension: null }],
      },
    });
  });

  it.each([
    ['小区', 'import.community_required'],
    ['楼栋', 'import.building_required'],
    ['单元', 'import.unit_required'],
    ['房号', 'import.room_required'],
  ] as const)('an empty %s is an error (%s)', (column, key) => {
    expect(keys(good(3, { [column]: '  ' }))).toEqual([[column, key]]);
  });

  it.each(['abc', '-5', '100001', '1e3', '89.5.1'])('面积 “%s” is invalid', (area) => {
    expect(keys(good(4, { 面积: area }))).toEqual([['面积', 'import.area_invalid']]);
  });

  it('面积 may be empty, carry a unit, and is rounded to 2 decimals', () => {
    expect(parseRow(good(2, { 面积: '' })).row!.area).toBeNull();
    expect(parseRow(good(2, { 面积: '120㎡' })).row!.area).toBe(120);
    expect(parseRow(good(2, { 面积: '88.456 平方米' })).row!.area).toBe(88.46);
    expect(parseRow(good(2, { 面积: '0' })).row!.area).toBe(0);
  });

  it.each([
    ['已入住', 'occupied'],
    ['入住', 'occupied'],
    ['Occupied', 'occupied'],
    ['空置', 'vacant'],
    ['vacant', 'vacant'],
    ['', null],
  ])('状态 “%s” → %s', (word, status) => {
    expect(parseRow(good(2, { 状态: word })).row!.status).toBe(status);
  });

  it('an unknown 状态 is an error', () => {
    expect(keys(good(2, { 状态: '出租' }))).toEqual([['状态', 'import.status_invalid']]);
  });

  it.each([
    ['业主', 'owner'],
    ['owner', 'owner'],
    ['租户', 'tenant'],
    ['Tenant', 'tenant'],
    ['家属', 'family'],
    ['family', 'family'],
    ['', 'owner'],
  ])('关系 “%s” → %s', (word, relation) => {
    expect(parseRow(good(2, { 关系: word })).row!.resident!.relation).toBe(relation);
  });

  it('an unknown 关系 is an error', () => {
    expect(keys(good(2, { 关系: '朋友' }))).toEqual([['关系', 'import.relation_invalid']]);
  });

  it('several phones separated by / (and ／ ，), each canonical, duplicates dropped', () => {
    const r = parseRow(good(2, { 电话: '138 1234 5678 / 0755-86001234转801／+86 13812345678，95598' })).row!;
    expect(r.resident!.phones).toEqual([
      { raw: '138 1234 5678', canonical: '13812345678', extension: null },
      { raw: '0755-86001234转801', canonical: '075586001234', extension: '801' },
      { raw: '95598', canonical: '95598', extension: null },
    ]);
  });

  it('a bad phone is named in the error; a landline without area code says so', () => {
    const r = parseRow(good(5, { 电话: '13812345678/12345abc/86001234' }));
    expect(r.row).toBeNull();
    expect(r.issues).toEqual([
      { row: 5, column: '电话', key: 'import.phone_invalid', params: { phone: '12345abc' } },
      { row: 5, column: '电话', key: 'import.phone_area_code_required', params: { phone: '86001234' } },
    ]);
  });

  it('a phone or relation without a name is an error; a room-only row is fine', () => {
    expect(keys(good(2, { 住户姓名: '', 关系: '' }))).toEqual([
      ['住户姓名', 'import.name_required_with_phone'],
    ]);
    expect(keys(good(2, { 住户姓名: '', 电话: '' }))).toEqual([
      ['住户姓名', 'import.name_required_with_phone'],
    ]);
    const vacant = parseRow(good(2, { 住户姓名: '', 电话: '', 关系: '', 状态: '空置' }));
    expect(vacant.issues).toEqual([]);
    expect(vacant.row!.resident).toBeNull();
  });

  it('over-long cells are errors naming the column and the limit', () => {
    expect(parseRow(good(2, { 住户姓名: '张'.repeat(51) })).issues).toEqual([
      { row: 2, column: '住户姓名', key: 'import.too_long', params: { column: '住户姓名', max: 50 } },
    ]);
  });

  it('every faulty column of a row is reported, with the row number', () => {
    const r = parseRow(raw(9, '', '', '', '', 'x', 'y', '', '1', 'z'));
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([
      [9, '小区'],
      [9, '楼栋'],
      [9, '单元'],
      [9, '房号'],
      [9, '面积'],
      [9, '状态'],
      [9, '关系'],
      [9, '电话'],
      [9, '住户姓名'],
    ]);
  });

  it('cell normalisation folds full-width letters and drops zero-width characters', () => {
    expect(normalizeCell('\u200bＡ座\u3000 ３ 单元 ')).toBe('A座 3 单元');
  });
});

describe('import rows against each other (REGISTER-3: duplicates within the file)', () => {
  it('the same resident twice in one room is a duplicate naming the first row', () => {
    const { rows, issues } = validateRows([
      good(2),
      good(3, { 电话: '13900001111' }),
      good(4, { 住户姓名: '李娜' }),
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(issues).toEqual([{ row: 3, column: '住户姓名', key: 'import.duplicate_row', params: { row: 2 } }]);
  });

  it('two room-only rows of one room are duplicates; the same name in another room is not', () => {
    const vacant = { 住户姓名: '', 电话: '', 关系: '' };
    const { issues } = validateRows([
      good(2, vacant),
      good(3, vacant),
      good(4, { 房号: '102' }),
      good(5, { 房号: '１０２', 住户姓名: '张伟 ' }),
    ]);
    expect(issues.map((i) => [i.row, i.params])).toEqual([
      [3, { row: 2 }],
      [5, { row: 4 }],
    ]);
  });

  it('rows of one room must agree on 面积 and 状态; an empty cell agrees with anything', () => {
    const { rows, issues } = validateRows([
      good(2),
      good(3, { 住户姓名: '李娜', 面积: '', 状态: '' }),
      good(4, { 住户姓名: '王芳', 面积: '90' }),
      good(5, { 住户姓名: '刘洋', 状态: '空置' }),
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(issues).toEqual([
      { row: 4, column: '面积', key: 'import.room_conflict', params: { row: 2, column: '面积' } },
      { row: 5, column: '状态', key: 'import.room_conflict', params: { row: 2, column: '状态' } },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------

const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const EMPTY: ExistingRegister = {
  communities: [
    { id: 'c1', name: '阳光花园', inScope: true },
    { id: 'c2', name: '翠湖苑', inScope: false },
  ],
  buildings: [],
  units: [],
  rooms: [],
  roomResidents: [],
  residentPhones: [],
};
const rowsOf = (...raws: RawRow[]): ImportRow[] => {
  const v = validateRows(raws);
  expect(v.issues).toEqual([]);
  return v.rows;
};

describe('import plan (REGISTER-3: key 小区+楼栋+单元+房号; residents by name + phone)', () => {
  it('creates buildings, units, rooms and residents as needed; a new room without residents is vacant', () => {
    const plan = planImport(
      rowsOf(
        good(2),
        good(3, { 住户姓名: '李娜', 电话: '13900001111/13912345678', 关系: '家属' }),
        good(4, { 房号: '102', 住户姓名: '', 电话: '', 关系: '', 状态: '', 面积: '' }),
        good(5, { 楼栋: '2号楼', 房号: '201', 状态: '' }),
      ),
      EMPTY,
      ids(),
    );
    expect(plan.issues).toEqual([]);
    expect(plan.buildings.map((b) => b.name)).toEqual(['1号楼', '2号楼']);
    expect(plan.units).toHaveLength(2);
    expect(plan.rooms.map((r) => [r.number, r.status, r.area])).toEqual([
      ['101', 'occupied', 89.5],
      ['102', 'vacant', null],
      ['201', 'occupied', 89.5],
    ]);
    // 张伟 of 2号楼 201 has the same name and phone as in 101: the same person
    expect(plan.residents.map((r) => r.name)).toEqual(['张伟', '李娜']);
    expect(plan.phones).toHaveLength(3);
    expect(plan.links.map((l) => l.relation)).toEqual(['owner', 'family', 'owner']);
    expect(plan.summary).toEqual({
      rooms: { create: 3, update: 0 },
      residents: { create: 2, update: 0 },
      phones: { add: 3 },
    });
    expect(plan.updates).toEqual([]);
  });

  it('one person holding several rooms (same name, a shared phone) is one resident', () => {
    const plan = planImport(
      rowsOf(
        good(2),
        good(3, { 房号: '102', 电话: '13900001111/13812345678' }),
        good(4, { 房号: '103', 电话: '13700000000' }),
      ),
      EMPTY,
      ids(),
    );
    const residentOf = (room: string) =>
      plan.links.find((l) => l.roomId === plan.rooms.find((r) => r.number === room)!.id)!.residentId;
    expect(residentOf('101')).toBe(residentOf('102'));
    // the same name without a shared phone is another person
    expect(residentOf('103')).not.toBe(residentOf('101'));
    expect(plan.summary.residents.create).toBe(2);
    expect(plan.phones.map((p) => p.canonical).sort()).toEqual(['13700000000', '13812345678', '13900001111']);
  });

  it('unknown communities and communities outside the importer scope are row errors', () => {
    const plan = planImport(
      rowsOf(good(2, { 小区: '不存在小区' }), good(3, { 小区: '翠湖苑' }), good(4)),
      EMPTY,
      ids(),
    );
    expect(plan.issues).toEqual([
      { row: 2, column: '小区', key: 'import.community_unknown', params: { name: '不存在小区' } },
      { row: 3, column: '小区', key: 'import.community_out_of_scope', params: { name: '翠湖苑' } },
    ]);
    expect(plan.plannedRows).toBe(1);
    expect(plan.rooms).toHaveLength(1);
  });

  const STORED: ExistingRegister = {
    ...EMPTY,
    buildings: [{ id: 'b1', communityId: 'c1', name: '1号楼' }],
    units: [{ id: 'u1', buildingId: 'b1', name: '1单元' }],
    rooms: [
      { id: 'r101', unitId: 'u1', number: '101', area: 89.5, status: 'occupied' },
      { id: 'r102', unitId: 'u1', number: '102', area: null, status: 'vacant' },
    ],
    roomResidents: [{ roomId: 'r101', residentId: 'p1', name: '张伟', relation: 'owner' }],
    residentPhones: [
      { residentId: 'p1', name: '张伟', canonical: '13812345678', extension: null },
      { residentId: 'p9', name: '王芳', canonical: '13600000000', extension: null },
    ],
  };

  it('re-importing what is stored changes nothing and lists every row as an update', () => {
    const plan = planImport(
      rowsOf(good(2), good(3, { 房号: '102', 住户姓名: '', 电话: '', 关系: '', 状态: '空置', 面积: '' })),
      STORED,
      ids(),
    );
    expect(plan.buildings.length + plan.units.length + plan.rooms.length + plan.residents.length).toBe(0);
    expect(plan.roomUpdates.length + plan.phones.length + plan.links.length).toBe(0);
    expect(plan.summary).toEqual({
      rooms: { create: 0, update: 2 },
      residents: { create: 0, update: 1 },
      phones: { add: 0 },
    });
    expect(plan.updates).toEqual([
      { row: 2, key: '阳光花园/1号楼/1单元/101', changes: [] },
      { row: 3, key: '阳光花园/1号楼/1单元/102', changes: [] },
    ]);
  });

  it('a corrected file updates area and status, adds phones and changes relations in place', () => {
    const plan = planImport(
      rowsOf(
        good(2, { 面积: '90', 电话: '13812345678/13911112222', 关系: '租户' }),
        good(3, { 房号: '102', 住户姓名: '王芳', 电话: '13600000000', 状态: '已入住', 面积: '' }),
      ),
      STORED,
      ids(),
    );
    expect(plan.roomUpdates).toEqual([
      { id: 'r101', area: 90, status: null },
      { id: 'r102', area: null, status: 'occupied' },
    ]);
    expect(plan.phones).toEqual([
      { residentId: 'p1', raw: '13911112222', canonical: '13911112222', extension: null },
    ]);
    // 王芳 exists elsewhere in the company with that phone: linked, not created
    expect(plan.links).toEqual([
      { roomId: 'r101', residentId: 'p1', relation: 'tenant' },
      { roomId: 'r102', residentId: 'p9', relation: 'owner' },
    ]);
    expect(plan.residents).toEqual([]);
    expect(plan.updates).toEqual([
      { row: 2, key: '阳光花园/1号楼/1单元/101', changes: ['area', 'relation', 'phone'] },
      { row: 3, key: '阳光花园/1号楼/1单元/102', changes: ['status', 'resident'] },
    ]);
  });

  it('a name without phone matches the resident of that name in the room, and lends its identity to later rows', () => {
    const stored: ExistingRegister = { ...STORED, residentPhones: [] };
    // 张伟 of room 101 had no phone; the new file gives one and lists him in a new room 103 too (before 101)
    const plan = planImport(rowsOf(good(2, { 房号: '103', 面积: '' }), good(3)), stored, ids());
    expect(plan.residents).toEqual([]);
    expect(plan.links).toEqual([{ roomId: plan.rooms[0].id, residentId: 'p1', relation: 'owner' }]);
    expect(plan.phones).toEqual([
      { residentId: 'p1', raw: '13812345678', canonical: '13812345678', extension: null },
    ]);
  });

  it('stored names match after normalisation (全角 building names typed in the UI)', () => {
    const stored: ExistingRegister = {
      ...STORED,
      buildings: [{ id: 'b1', communityId: 'c1', name: '１号楼' }],
    };
    expect(planImport(rowsOf(good(2)), stored, ids()).buildings).toEqual([]);
  });
});
