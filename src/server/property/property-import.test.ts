import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../domain/property/import';
import { readSpreadsheet, writeXlsx, type SheetCell } from './spreadsheet';

let t: TestApp;
let s: SeededCompany;
let community: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  community = await t.make.community({ companyId: s.company.id, officeId: s.office.id, name: '阳光花园' });
  await t.make.community({ companyId: s.company.id, officeId: s.otherOffice.id, name: '翠湖苑' });
  // another company's community: its name is unknown to this company
  const other = await t.make.company();
  await t.make.community({ companyId: other.id, name: '碧水湾' });
});
afterAll(() => t.close());

type Role = 'admin' | 'manager' | 'director' | 'agent';

function multipart(file: Buffer, filename: string) {
  const boundary = `----huiyin${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const xlsx = (rows: SheetCell[][]) => writeXlsx({ name: '房屋住户', header: IMPORT_COLUMNS, rows });
const csvText = (rows: SheetCell[][]) =>
  [IMPORT_COLUMNS, ...rows].map((r) => r.map((c) => (c === null ? '' : String(c))).join(',')).join('\r\n');

async function upload(
  mode: 'dry-run' | 'commit',
  file: Buffer,
  opts: { role?: Role; filename?: string; lang?: string } = {},
) {
  const body = multipart(file, opts.filename ?? 'rooms.xlsx');
  return s.as(opts.role ?? 'admin')({
    method: 'POST',
    url: `/api/property/import?mode=${mode}`,
    payload: body.payload,
    headers: { ...body.headers, ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
  });
}

async function counts() {
  const c = s.company.id;
  const { rows } = await t.database.db.execute<Record<string, number>>(sql`select
    (select count(*)::int from buildings where company_id = ${c}) as buildings,
    (select count(*)::int from building_units where company_id = ${c}) as units,
    (select count(*)::int from rooms where company_id = ${c}) as rooms,
    (select count(*)::int from residents where company_id = ${c}) as residents,
    (select count(*)::int from resident_phones where company_id = ${c}) as phones,
    (select count(*)::int from room_residents where company_id = ${c}) as links`);
  return rows[0];
}

/** Excel on a Chinese Windows saves CSV in GBK; Node can decode GBK but not encode it, so invert the decoder. */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = dec.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
  return Buffer.from(out);
}

// 3 rooms, 4 residents: 张伟 holds 101 and 102 (one person: same name, a shared phone); 103 is vacant.
const GOOD: SheetCell[][] = [
  ['阳光花园', '1号楼', '1单元', '101', 89.5, '已入住', '张伟', '138 1234 5678/0755-86001234转801', '业主'],
  ['阳光花园', '1号楼', '1单元', '101', null, '', '李娜', '+86 139 0000 1111', '家属'],
  ['阳光花园', '1号楼', '1单元', '102', '126.3', '入住', '张伟', '13812345678', 'owner'],
  ['阳光花园', '1号楼', '1单元', '102', null, null, '王芳', null, '租户'],
  ['阳光花园', '２号楼', '3单元', '103', null, '空置', null, null, null],
];

describe('import template (REGISTER-3: downloadable template)', () => {
  it.each(['xlsx', 'csv'] as const)(
    'the %s template parses back with the template header',
    async (format) => {
      const res = await s.as('director')({
        method: 'GET',
        url: `/api/property/import/template?format=${format}`,
      });
      expect(res.statusCode).toBe(200);
      const disposition = String(res.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''\S+$/);
      expect(decodeURIComponent(disposition.split("''")[1])).toBe(`房屋住户导入模板.${format}`);
      const sheet = await readSpreadsheet(res.rawPayload);
      expect(sheet.rows[0].cells).toEqual([...IMPORT_COLUMNS]);
      expect(sheet.rows).toHaveLength(3);
      // its example rows are valid (阳光花园 exists in this company)
      const dry = await upload('dry-run', res.rawPayload, { filename: `template.${format}` });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ rows: 2, errors: [], rooms: { create: 2, update: 0 } });
    },
  );

  it('needs property.import', async () => {
    const res = await s.as('agent')({ method: 'GET', url: '/api/property/import/template' });
    expect(res.statusCode).toBe(403);
  });
});

describe('import dry run and all-or-nothing commit (REGISTER-3)', () => {
  const BAD: SheetCell[][] = [
    GOOD[0],
    ['阳光花园', '1号楼', '', '104', 'abc', '出租', '', '13812345678', '朋友'],
    ['阳光花园', '1号楼', '1单元', '105', 70, '已入住', '赵强', '12345abc', '业主'],
    ['阳光花园', '1号楼', '1单元', '101', null, null, '张伟', null, null],
    ['碧水湾', '1号楼', '1单元', '101', null, null, '陈静', '13700000000', null],
  ];

  it('a dry run lists every bad row with its row number, column and reason, and writes nothing', async () => {
    const before = await counts();
    const res = await upload('dry-run', await xlsx(BAD));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ mode: 'dry-run', committed: false, rows: 5, errorCount: 8 });
    expect(body.errors).toEqual([
      { row: 3, column: '单元', message: '单元不能为空' },
      { row: 3, column: '面积', message: '面积必须是 0–100000 之间的数字' },
      { row: 3, column: '状态', message: '状态只能是“已入住”或“空置”' },
      { row: 3, column: '住户姓名', message: '填写了电话或关系时必须填写住户姓名' },
      { row: 3, column: '关系', message: '关系只能是“业主”“租户”或“家属”' },
      { row: 4, column: '电话', message: '电话“12345abc”格式不正确' },
      { row: 5, column: '住户姓名', message: '与第 2 行重复（同一小区、楼栋、单元、房号、住户）' },
      // 碧水湾 belongs to another company: unknown here, never revealed
      { row: 6, column: '小区', message: '小区“碧水湾”不存在，请先在物业资料中创建' },
    ]);
    expect(body.note).toMatch(/不会被删除/);
    expect(await counts()).toEqual(before);
  });

  it('errors are translated to the request language', async () => {
    const res = await upload('dry-run', await xlsx(BAD), { lang: 'en-US' });
    expect(res.json().errors[0]).toEqual({ row: 3, column: '单元', message: 'Unit is required' });
    expect(res.json().note).toMatch(/not deleted/);
  });

  it('a commit of a file with one bad row is refused with the error list and writes nothing', async () => {
    const before = await counts();
    const res = await upload('commit', await xlsx([...GOOD, ['阳光花园', '9号楼', '1单元', '901', -1]]));
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('rule_violation');
    expect(error.message).toBe('导入文件有 1 行错误，未导入任何数据');
    expect(error.details).toEqual({
      rule: 'import_has_errors',
      errorCount: 1,
      errors: [{ row: 7, column: '面积', message: '面积必须是 0–100000 之间的数字' }],
    });
    expect(await counts()).toEqual(before);
  });

  it('a commit of a good file creates buildings, units, rooms and residents with canonical phones', async () => {
    const before = await counts();
    const res = await upload('commit', await xlsx(GOOD));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      mode: 'commit',
      committed: true,
      rows: 5,
      rooms: { create: 3, update: 0 },
      residents: { create: 3, update: 0 },
      phones: { add: 3 },
      errors: [],
      errorCount: 0,
    });
    const after = await counts();
    expect({
      buildings: after.buildings - before.buildings,
      units: after.units - before.units,
      rooms: after.rooms - before.rooms,
      residents: after.residents - before.residents,
      phones: after.phones - before.phones,
      links: after.links - before.links,
    }).toEqual({ buildings: 2, units: 2, rooms: 3, residents: 3, phones: 3, links: 4 });

    const { rows } = await t.database.db.execute<{
      building: string;
      number: string;
      area: string | null;
      status: string;
      name: string | null;
      relation: string | null;
      phones: string | null;
    }>(sql`select b.name as building, r.number, r.area::text as area, r.status, p.name, rr.relation,
             (select string_agg(ph.canonical || coalesce('#' || ph.extension, ''), ' ' order by ph.canonical)
                from resident_phones ph where ph.resident_id = p.id) as phones
           from rooms r join buildings b on b.id = r.building_id
           left join room_residents rr on rr.room_id = r.id left join residents p on p.id = rr.resident_id
           where r.community_id = ${community.id} and r.number in ('101', '102', '103')
           order by r.number, p.name`);
    expect(rows).toEqual([
      {
        building: '1号楼',
        number: '101',
        area: '89.50',
        status: 'occupied',
        name: '张伟',
        relation: 'owner',
        phones: '075586001234#801 13812345678',
      },
      {
        building: '1号楼',
        number: '101',
        area: '89.50',
        status: 'occupied',
        name: '李娜',
        relation: 'family',
        phones: '13900001111',
      },
      {
        building: '1号楼',
        number: '102',
        area: '126.30',
        status: 'occupied',
        name: '张伟',
        relation: 'owner',
        phones: '075586001234#801 13812345678',
      },
      {
        building: '1号楼',
        number: '102',
        area: '126.30',
        status: 'occupied',
        name: '王芳',
        relation: 'tenant',
        phones: null,
      },
      {
        building: '2号楼',
        number: '103',
        area: null,
        status: 'vacant',
        name: null,
        relation: null,
        phones: null,
      },
    ]);
  });

  it('re-importing the same file is idempotent: counts unchanged, the dry run shows every row as an update', async () => {
    const before = await counts();
    const dry = await upload('dry-run', await xlsx(GOOD));
    expect(dry.json()).toMatchObject({
      rooms: { create: 0, update: 3 },
      residents: { create: 0, update: 3 },
      phones: { add: 0 },
      errors: [],
    });
    expect(dry.json().updates).toEqual([
      { row: 2, key: '阳光花园/1号楼/1单元/101', changes: [] },
      { row: 3, key: '阳光花园/1号楼/1单元/101', changes: [] },
      { row: 4, key: '阳光花园/1号楼/1单元/102', changes: [] },
      { row: 5, key: '阳光花园/1号楼/1单元/102', changes: [] },
      { row: 6, key: '阳光花园/2号楼/3单元/103', changes: [] },
    ]);
    const res = await upload('commit', await xlsx(GOOD));
    expect(res.statusCode).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it('a dry run lists the rows that update existing rooms with what they change', async () => {
    const corrected = GOOD.map((r) => [...r]);
    corrected[0][4] = 90; // 面积
    corrected[1][7] = '13900001111/13911112222'; // a second phone for 李娜
    corrected[3][8] = '家属'; // 王芳 is family, not tenant
    corrected.push(['阳光花园', '２号楼', '3单元', '103', null, '', '刘洋', '13600000000', '租户']);
    const res = await upload('dry-run', await xlsx(corrected));
    expect(res.json().updates.filter((u: { changes: string[] }) => u.changes.length)).toEqual([
      { row: 2, key: '阳光花园/1号楼/1单元/101', changes: ['area'] },
      { row: 3, key: '阳光花园/1号楼/1单元/101', changes: ['phone'] },
      { row: 5, key: '阳光花园/1号楼/1单元/102', changes: ['relation'] },
      { row: 7, key: '阳光花园/2号楼/3单元/103', changes: ['resident'] },
    ]);
    expect(res.json()).toMatchObject({ residents: { create: 1, update: 3 }, phones: { add: 2 } });
  });

  it('reads a UTF-8 .csv with a BOM, and a GBK .csv as Excel saves it', async () => {
    const text = csvText(GOOD);
    for (const file of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), gbk(text)]) {
      const res = await upload('dry-run', file, { filename: 'rooms.csv' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ rows: 5, errors: [], rooms: { create: 0, update: 3 } });
      expect(res.json().updates.every((u: { changes: string[] }) => u.changes.length === 0)).toBe(true);
    }
  });

  it('keeps 房号 with leading zeros and dashes as text in a .csv', async () => {
    const res = await upload(
      'dry-run',
      Buffer.from(
        csvText([
          ['阳光花园', '1号楼', '1单元', '0101'],
          ['阳光花园', '1号楼', '1单元', '2-1'],
        ]),
      ),
      {
        filename: 'rooms.csv',
      },
    );
    expect(res.json()).toMatchObject({ errors: [], rooms: { create: 2, update: 0 } });
  });
});

describe('import of bad files (never a 500)', () => {
  const rule = (res: {
    statusCode: number;
    json(): { error: { code: string; details?: { rule?: string } } };
  }) => [res.statusCode, res.json().error.code, res.json().error.details?.rule];

  it('random bytes, an empty file, a legacy .xls or a broken .xlsx are 422 bad file', async () => {
    const broken = (await xlsx(GOOD)).subarray(0, 500);
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      randomBytes(500),
    ]);
    for (const file of [randomBytes(4096), Buffer.alloc(0), xls, broken]) {
      for (const mode of ['dry-run', 'commit'] as const)
        expect(rule(await upload(mode, file))).toEqual([422, 'rule_violation', 'import_bad_file']);
    }
    const res = await upload('dry-run', randomBytes(100));
    expect(res.json().error.message).toBe('无法读取该文件，请上传 .xlsx 或 .csv 模板文件');
  });

  it('a wrong header names the missing columns', async () => {
    const res = await upload('dry-run', Buffer.from('小区,楼栋,房间,姓名\r\n阳光花园,1号楼,101,张伟\r\n'));
    expect(rule(res)).toEqual([422, 'rule_violation', 'import_bad_header']);
    expect(res.json().error.message).toBe(
      '表头不符合模板，缺少列：单元、房号、面积、状态、住户姓名、电话、关系',
    );
  });

  it('a header without data rows is empty; more than 60,000 rows are refused', async () => {
    expect(rule(await upload('dry-run', await xlsx([])))).toEqual([422, 'rule_violation', 'import_empty']);
    const lines = [IMPORT_COLUMNS.join(',')];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`阳光花园,1号楼,1单元,${i}`);
    const res = await upload('dry-run', Buffer.from(lines.join('\n')), { filename: 'big.csv' });
    expect(rule(res)).toEqual([422, 'rule_violation', 'import_too_many_rows']);
    expect(res.json().error.message).toBe('单次最多导入 60000 行');
  });

  it('a request without a file, or with a wrong mode, is a 400', async () => {
    const noFile = await s.as('admin')({
      method: 'POST',
      url: '/api/property/import?mode=dry-run',
      payload: { file: 'x' },
    });
    expect(noFile.statusCode).toBe(400);
    const body = multipart(await xlsx(GOOD), 'rooms.xlsx');
    const badMode = await s.as('admin')({ method: 'POST', url: '/api/property/import?mode=go', ...body });
    expect(badMode.statusCode).toBe(400);
    expect(badMode.json().error.fields).toHaveProperty(['querystring.mode']);
  });

  it('needs property.import', async () => {
    expect((await upload('dry-run', await xlsx(GOOD), { role: 'agent' })).statusCode).toBe(403);
  });
});

describe('import scope (ACCESS-2: a director imports into the communities of their offices)', () => {
  it("a director's rows for another office's community are row errors; a whole-company role may import them", async () => {
    const rows: SheetCell[][] = [
      ['翠湖苑', '5号楼', '1单元', '501', 100, '已入住', '孙丽', '13500000000', '业主'],
      ['阳光花园', '5号楼', '1单元', '501', 100, '已入住', '孙丽', '13500000000', '业主'],
    ];
    const before = await counts();
    const director = await upload('commit', await xlsx(rows), { role: 'director' });
    expect(director.statusCode).toBe(422);
    // the valid 阳光花园 row was not written either: all or nothing
    expect(await counts()).toEqual(before);
    expect(director.json().error.details.errors).toEqual([
      { row: 2, column: '小区', message: '小区“翠湖苑”不在您负责的管理处范围内' },
    ]);
    const manager = await upload('dry-run', await xlsx(rows), { role: 'manager' });
    expect(manager.json()).toMatchObject({ errors: [], rooms: { create: 2 } });
  });
});

describe('export (REGISTER-3: .xlsx in the import layout)', () => {
  async function exportAs(role: Role, query = '') {
    const res = await s.as(role)({ method: 'GET', url: `/api/property/export${query}` });
    expect(res.statusCode).toBe(200);
    return res;
  }

  it('exports the layout of the template, sheet 房屋住户, with a UTF-8 file name', async () => {
    const res = await exportAs('director', `?communityId=${community.id}`);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const name = decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]);
    expect(name).toMatch(/^房屋住户-阳光花园-\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['房屋住户']);
    const sheet = await readSpreadsheet(res.rawPayload);
    expect(sheet.rows[0].cells).toEqual([...IMPORT_COLUMNS]);
    expect(sheet.rows.slice(1).map((r) => r.cells)).toEqual(
      expect.arrayContaining([
        [
          '阳光花园',
          '1号楼',
          '1单元',
          '101',
          '89.5',
          '已入住',
          '张伟',
          '138 1234 5678/0755-86001234转801',
          '业主',
        ],
        ['阳光花园', '2号楼', '3单元', '103', '', '空置', '', '', ''],
      ]),
    );
  });

  it('export → re-import round-trips with zero changes', async () => {
    // a room made in the UI, with a resident holding two phones, is part of the round trip too
    const building = await t.make.building({ communityId: community.id, name: '8号楼' });
    const unit = await t.make.unit({ buildingId: building.id, name: '2单元' });
    const room = await t.make.room({ unitId: unit.id, number: '0801', area: '65.00' });
    await t.make.resident({
      name: '周杰',
      phones: ['021-64001234', '13311112222'],
      rooms: [{ roomId: room.id, relation: 'tenant' }],
    });

    const before = await counts();
    const exported = await exportAs('admin');
    const dry = await upload('dry-run', exported.rawPayload);
    const report = dry.json();
    expect(report.errors).toEqual([]);
    expect(report.rooms.create).toBe(0);
    expect(report.residents.create).toBe(0);
    expect(report.phones.add).toBe(0);
    expect(report.updates).toHaveLength(report.rows);
    expect(report.updates.filter((u: { changes: string[] }) => u.changes.length)).toEqual([]);
    expect((await upload('commit', exported.rawPayload)).statusCode).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it("respects scope: a director exports their offices' communities only; another office's id is 404", async () => {
    const other = await t.make.community({
      companyId: s.company.id,
      officeId: s.otherOffice.id,
      name: '绿地公馆',
    });
    const b = await t.make.building({ communityId: other.id, name: '1号楼' });
    await t.make.room({ unitId: (await t.make.unit({ buildingId: b.id, name: '1单元' })).id, number: '101' });

    const mine = await readSpreadsheet((await exportAs('director')).rawPayload);
    const communities = new Set(mine.rows.slice(1).map((r) => r.cells[0]));
    expect([...communities]).toEqual(['阳光花园']);
    const all = await readSpreadsheet((await exportAs('admin')).rawPayload);
    expect(new Set(all.rows.slice(1).map((r) => r.cells[0]))).toContain('绿地公馆');

    const res = await s.as('director')({
      method: 'GET',
      url: `/api/property/export?communityId=${other.id}`,
    });
    expect(res.statusCode).toBe(404);
    expect((await s.as('agent')({ method: 'GET', url: '/api/property/export' })).statusCode).toBe(403);
  });
});

describe('import in the OpenAPI document (API-6: everything is described by OpenAPI)', () => {
  it('lists the import, template and export routes; the import as multipart', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/property/import'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'mode', in: 'query' })]),
    );
    expect(JSON.stringify(doc.paths['/api/property/import'].post)).toContain('multipart/form-data');
    expect(doc.paths['/api/property/import/template'].get).toBeDefined();
    expect(doc.paths['/api/property/export'].get).toBeDefined();
  });
});
