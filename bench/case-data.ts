/**
 * The case-desk benchmark's data set: one company with 3 offices, 100 communities of 300 rooms, its
 * staff and departments, then `scale` cases over 3 years with their clocks and timelines — written by set-based
 * SQL (INSERT … SELECT over generate_series, in chunks of CHUNK cases), never through the API.
 *
 * What is realistic and what is not:
 * - Kinds, states, severities and channels follow a property desk's usual proportions; open cases are the recent
 *   ones (a case received a year ago is almost always closed). Descriptions are composed from a list of real
 *   complaints and repairs (漏水, 电梯困人, 噪音扰民 …) plus an optional remark.
 * - search_vector is built as the app builds it: to_tsvector('simple', jieba tokens of number, description and
 *   address). jieba runs once per phrase here (the tokens are joined in SQL), not once per case; the phrases and
 *   remarks are split by punctuation, so the tokens equal those of the whole text (checked on a sample).
 * - Case numbers are consistent with case_sequences: increasing per prefix and year in order of receivedAt.
 * - Clocks follow intake and the lifecycle (route, verify, dispatch, reply, resolve, callback); those of closed
 *   cases are met (a few late, so breached), running clocks have next_check_at as the app sets it, and clocks
 *   that ran out before the data's "now" are already warned and breached as the sweeper would have left them.
 *   The newest case is received 3 hours before generation starts, so no generated clock falls due during the run.
 * - Timeline hashes are NOT a valid chain for the bulk rows (md5-derived 64-hex strings; prev_hash = the previous
 *   row's hash, so the shape is right): computing SHA-256 chains for millions of rows is not what is measured, and
 *   the bench never verifies a bulk case's chain.
 * - Indexes of cases, case_clocks and case_timeline (those the migrations define) are dropped before the load and
 *   rebuilt after it, then VACUUM ANALYZE; the GIN index is the real one.
 */
import fs from 'node:fs';
import pg from 'pg';
import { sha256, newApiToken } from '../src/server/auth/tokens';
import { ensureCategories } from '../src/server/categories/categories.service';
import type { Database } from '../src/server/db/client';
import { apiTokens } from '../src/server/db/schema';
import { factories } from '../src/server/seed/factories';
import { chineseName, mobile, rng } from '../src/server/seed/people';
import { searchDocument, searchTokens } from '../src/server/cases/search-text';
import type { CaseKind, RepairType } from '../src/domain/case/case';

export const YEARS = 3;
export const COMMUNITIES = 100;
const BUILDINGS = 5;
const UNITS = 2;
const FLOORS = 15;
const DOORS = 2;
export const ROOMS_PER_COMMUNITY = BUILDINGS * UNITS * FLOORS * DOORS;
const CHUNK = 50_000;
const PEOPLE = 20_000;
/** the newest generated case is this long before "now", so no generated clock falls due while the bench runs */
const NEWEST_CASE_AGE_S = 3 * 3600;

/** Disk the data set needs: about 4 GB per million cases (tables, indexes, WAL), plus a margin. */
export function requiredDiskBytes(scale: number): number {
  return 1024 ** 3 + Math.ceil((scale / 1_000_000) * 4 * 1024 ** 3);
}

/** Refuses to start when `dir`'s file system has less free space than the data set needs. */
export function checkFreeDisk(dir: string, scale: number): { free: number; required: number } {
  const st = fs.statfsSync(dir);
  const free = Number(st.bavail) * Number(st.bsize);
  const required = requiredDiskBytes(scale);
  if (free < required)
    throw new Error(
      `Not enough free disk for BENCH_SCALE=${scale}: ${gb(free)} free in ${dir}, ${gb(required)} needed ` +
        `(about 4 GB per million cases). Free some space or lower BENCH_SCALE.`,
    );
  return { free, required };
}

export const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

type DeptFn = 'cs' | 'eng' | 'sec' | 'env';

interface Phrase {
  kind: CaseKind;
  text: string;
  /** default category code (src/domain/policy/categories.ts) */
  category: string;
  repairType?: RepairType;
  emergency?: boolean;
  /** how often it comes, relative to the other phrases of its kind */
  weight: number;
  dept: DeptFn;
}

/** What residents report, by kind; the text a desk agent types. */
export const PHRASES: Phrase[] = [
  {
    kind: 'repair',
    text: '卫生间漏水，楼下天花板渗水',
    category: 'facility_repair.water_electric',
    repairType: 'private',
    weight: 6,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '厨房下水道堵塞，污水往上返',
    category: 'facility_repair.water_electric',
    repairType: 'private',
    weight: 4,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '楼道灯不亮，晚上上下楼看不清',
    category: 'facility_repair.public_lighting',
    repairType: 'shared',
    weight: 4,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '电梯困人，有老人被困在轿厢里',
    category: 'facility_repair.lift',
    repairType: 'shared',
    emergency: true,
    weight: 1,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '电梯异响，运行时晃动明显',
    category: 'facility_repair.lift',
    repairType: 'shared',
    weight: 2,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '单元门门禁坏了，刷卡打不开',
    category: 'facility_repair.doors_windows',
    repairType: 'shared',
    weight: 3,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '家里跳闸停电，总闸合不上',
    category: 'facility_repair.water_electric',
    repairType: 'private',
    weight: 2,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '水管爆管，阳台一直在漏水',
    category: 'facility_repair.water_electric',
    repairType: 'private',
    emergency: true,
    weight: 1,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '外墙渗水，卧室墙面发霉',
    category: 'facility_repair.water_electric',
    repairType: 'quality',
    weight: 2,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '可视对讲没有声音，访客按门铃听不到',
    category: 'facility_repair.doors_windows',
    repairType: 'shared',
    weight: 1,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '地下车库积水，车辆进出困难',
    category: 'facility_repair.water_electric',
    repairType: 'shared',
    weight: 1,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '充电桩无法充电，屏幕显示故障',
    category: 'facility_repair.water_electric',
    repairType: 'shared',
    weight: 1,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '窗户关不严，下雨天往屋里进水',
    category: 'facility_repair.doors_windows',
    repairType: 'quality',
    weight: 1,
    dept: 'eng',
  },
  {
    kind: 'repair',
    text: '屋面防水失效，顶楼漏水',
    category: 'facility_repair.water_electric',
    repairType: 'quality',
    weight: 1,
    dept: 'eng',
  },
  {
    kind: 'complaint',
    text: '楼上装修噪音扰民，中午休息时间还在施工',
    category: 'environment.noise',
    weight: 4,
    dept: 'cs',
  },
  {
    kind: 'complaint',
    text: '停车位被占，自己的车位被外来车辆停了',
    category: 'public_order.parking',
    weight: 3,
    dept: 'sec',
  },
  {
    kind: 'complaint',
    text: '楼道垃圾两天没人清理，保洁不及时',
    category: 'environment.sanitation',
    weight: 3,
    dept: 'env',
  },
  {
    kind: 'complaint',
    text: '维修师傅上门态度差，推诿不处理',
    category: 'property_service.attitude',
    weight: 2,
    dept: 'cs',
  },
  {
    kind: 'complaint',
    text: '报修三天了还没有人上门',
    category: 'property_service.timeliness',
    weight: 2,
    dept: 'cs',
  },
  {
    kind: 'complaint',
    text: '夜间犬吠严重，影响休息',
    category: 'environment.noise',
    weight: 1,
    dept: 'sec',
  },
  { kind: 'complaint', text: '高空抛物，楼下车辆被砸', category: 'security', weight: 1, dept: 'sec' },
  { kind: 'complaint', text: '消防通道被占道堆放杂物', category: 'security', weight: 1, dept: 'sec' },
  { kind: 'complaint', text: '绿化带被人为破坏，物业没人管', category: 'greening', weight: 1, dept: 'env' },
  { kind: 'complaint', text: '邻居违建，侵占公共楼道', category: 'neighbour_dispute', weight: 1, dept: 'cs' },
  {
    kind: 'inquiry',
    text: '物业费咨询，想了解今年的收费标准',
    category: 'convenience_services',
    weight: 5,
    dept: 'cs',
  },
  {
    kind: 'inquiry',
    text: '咨询停车位月租价格和办理流程',
    category: 'public_order.parking',
    weight: 3,
    dept: 'cs',
  },
  { kind: 'inquiry', text: '询问小区停水通知的具体时间', category: 'municipal.water', weight: 2, dept: 'cs' },
  {
    kind: 'inquiry',
    text: '咨询装修申请需要哪些材料',
    category: 'convenience_services',
    weight: 2,
    dept: 'cs',
  },
  { kind: 'inquiry', text: '咨询维修基金使用流程', category: 'convenience_services', weight: 1, dept: 'cs' },
  { kind: 'suggestion', text: '建议小区增加充电桩', category: 'convenience_services', weight: 2, dept: 'cs' },
  { kind: 'suggestion', text: '建议增设儿童游乐设施', category: 'leisure_facilities', weight: 1, dept: 'cs' },
  { kind: 'suggestion', text: '建议晚上加强巡逻', category: 'security', weight: 1, dept: 'sec' },
  {
    kind: 'praise',
    text: '表扬维修师傅认真负责，及时修好了水管',
    category: 'property_service.attitude',
    weight: 2,
    dept: 'cs',
  },
  { kind: 'praise', text: '表扬保洁阿姨工作细致', category: 'cleaning', weight: 1, dept: 'cs' },
  { kind: 'other', text: '小区宠物未拴绳，存在安全隐患', category: 'other', weight: 1, dept: 'sec' },
  { kind: 'other', text: '快递柜故障，取不出包裹', category: 'convenience_services', weight: 1, dept: 'cs' },
  {
    kind: 'other',
    text: '燃气味道很重，怀疑燃气泄漏',
    category: 'municipal.gas',
    emergency: true,
    weight: 1,
    dept: 'eng',
  },
];

/** A remark after the matter, or none (the empty one comes half the time). */
const REMARKS = [
  '',
  '',
  '',
  '',
  '',
  '',
  '请尽快处理',
  '已经反映过一次了',
  '业主情绪比较激动',
  '希望物业给个说法',
  '业主下午在家',
  '请师傅上门前电话联系',
];

/** Public places: a case without a room has one of these as its address. */
const PLACES = [
  '1号楼电梯厅',
  '2号楼电梯厅',
  '3号楼一楼大堂',
  '4号楼楼道',
  '5号楼地下室',
  '地下车库',
  '小区东门',
  '小区南门',
  '中心花园',
  '儿童游乐区',
  '垃圾站',
  '消防通道',
];

/** The shares of each kind, state age buckets and so on, in one place. */
const KIND_SHARES: [CaseKind, number][] = [
  ['repair', 0.45],
  ['complaint', 0.15],
  ['inquiry', 0.25],
  ['suggestion', 0.05],
  ['praise', 0.03],
  ['other', 0.07],
];

const COMMUNITY_A = ['阳光', '翠湖', '锦绣', '碧水', '金地', '万科', '华润', '保利', '龙湖', '绿城'];
const COMMUNITY_B = ['花园', '苑', '华庭', '名郡', '新城', '家园', '雅居', '公馆', '湾', '府'];

export interface CaseData {
  companyId: string;
  /** the generation's "now" */
  t0: Date;
  offices: { id: string; name: string; communityIds: string[] }[];
  /** the desk agent's office (offices[0]) */
  deskOfficeId: string;
  /** agents (not service users) per office, for intake's firstResponderId */
  agentsByOffice: Map<string, string[]>;
  /** rooms to report from, with their office */
  rooms: { id: string; officeId: string }[];
  /** API tokens: the hotline integration (a service user, agent role, every office); a desk agent of offices[0]; a manager */
  tokens: { intake: string; desk: string; manager: string };
  /** a few existing case numbers, to search by number */
  sampleNumbers: string[];
  counts: { cases: number; clocks: number; timeline: number; runningClocks: number; openCases: number };
  /** milliseconds */
  timings: { orgMs: number; loadMs: number; indexMs: number; vacuumMs: number; totalMs: number };
  /** bytes of the database after the load */
  databaseBytes: number;
  /** sampled cases whose search_vector equals the one the app computes */
  searchCheck: { sampled: number; identical: number };
}

const since = (start: number) => Math.round(performance.now() - start);

/**
 * Generates the data set in `database` (migrated, empty). `superuser`: the connection may set
 * session_replication_role (skips FK triggers during the load) and checkpoint.
 */
export async function generateCaseData(
  database: Database,
  opts: { scale: number; log?: (line: string) => void; t0?: Date },
): Promise<CaseData> {
  const log = opts.log ?? (() => {});
  const scale = opts.scale;
  const t0 = opts.t0 ?? new Date();
  const started = performance.now();
  const next = rng(20_261_124);

  // --- organisation (few rows: through the factories, like the demo seed) ---------------------------------
  const make = factories(database.db);
  const company = await make.company({ name: '汇银物业服务有限公司', shortName: '汇银' });
  await ensureCategories(database.db, company.id);
  const officeNames = ['第一管理处', '第二管理处', '第三管理处'];
  const offices: CaseData['offices'] = [];
  const officeRows: {
    id: string;
    director: string;
    agents: string[];
    techs: string[];
    depts: Record<DeptFn, string>;
  }[] = [];
  const agentsByOffice = new Map<string, string[]>();
  for (const name of officeNames) {
    const office = await make.office({ companyId: company.id, name, phone: '0755-86001234' });
    const dept = async (n: string, fn: string) =>
      (await make.department({ companyId: company.id, officeId: office.id, name: n, function: fn })).id;
    const depts = {
      cs: await dept('客服中心', 'customer_service'),
      eng: await dept('工程维修组', 'engineering'),
      sec: await dept('秩序维护部', 'security'),
      env: await dept('环境部', 'cleaning'),
    };
    const user = async (
      roles: ('director' | 'supervisor' | 'agent' | 'technician')[],
      departmentId: string,
    ) =>
      (
        await make.user({
          companyId: company.id,
          roles,
          officeIds: [office.id],
          departmentId,
          name: chineseName(next),
          phone: mobile(next),
        })
      ).id;
    const director = await user(['director'], depts.cs);
    await database.pool.query('update offices set director_id = $1 where id = $2', [director, office.id]);
    await database.pool.query('update departments set head_id = $1 where id = $2', [
      await user(['supervisor'], depts.cs),
      depts.cs,
    ]);
    const agents: string[] = [];
    for (let i = 0; i < 6; i++) agents.push(await user(['agent'], depts.cs));
    const techs: string[] = [];
    for (let i = 0; i < 8; i++) techs.push(await user(['technician'], depts.eng));
    offices.push({ id: office.id, name, communityIds: [] });
    officeRows.push({ id: office.id, director, agents, techs, depts });
    agentsByOffice.set(office.id, agents);
  }
  const manager = await make.user({ companyId: company.id, roles: ['manager'], name: chineseName(next) });
  await make.user({ companyId: company.id, roles: ['admin'], name: chineseName(next) });
  const service = await make.user({
    companyId: company.id,
    roles: ['agent'],
    isService: true,
    name: '呼叫中心接口',
    officeIds: offices.map((o) => o.id),
  });
  const token = async (userId: string, name: string) => {
    const value = newApiToken();
    await database.db
      .insert(apiTokens)
      .values({ companyId: company.id, userId, name, tokenHash: sha256(value), prefix: value.slice(0, 8) });
    return value;
  };
  const tokens = {
    intake: await token(service.id, '呼叫中心'),
    desk: await token(officeRows[0].agents[0], '坐席'),
    manager: await token(manager.id, '经理'),
  };

  const client = new pg.Client({ connectionString: database.url, application_name: 'huiyin-bench-load' });
  await client.connect();
  const q = (text: string, values?: unknown[]) => client.query(text, values);
  try {
    // --- communities, buildings, units, rooms (set-based) ----------------------------------------------------
    const communityNames = COMMUNITY_A.flatMap((a) => COMMUNITY_B.map((b) => a + b)).slice(0, COMMUNITIES);
    const { rows: communityRows } = await q(
      `insert into communities (company_id, office_id, name, address)
       select $1, ($2::uuid[])[1 + (i - 1) % array_length($2::uuid[], 1)], n, '深圳市南山区' || n || '路' || i || '号'
       from unnest($3::text[]) with ordinality as t(n, i)
       returning id, office_id`,
      [company.id, offices.map((o) => o.id), communityNames],
    );
    for (const c of communityRows) offices.find((o) => o.id === c.office_id)!.communityIds.push(c.id);
    await q(
      `insert into buildings (company_id, community_id, name)
       select $1, c.id, b || '号楼' from communities c, generate_series(1, ${BUILDINGS}) b where c.company_id = $1`,
      [company.id],
    );
    await q(
      `insert into building_units (company_id, building_id, name)
       select $1, b.id, u || '单元' from buildings b, generate_series(1, ${UNITS}) u where b.company_id = $1`,
      [company.id],
    );
    await q(
      `insert into rooms (company_id, community_id, building_id, unit_id, number, area, status)
       select $1, b.community_id, b.id, u.id, f || lpad(d::text, 2, '0'), round((60 + random() * 90)::numeric, 2),
         case when random() < 0.1 then 'vacant' else 'occupied' end
       from building_units u join buildings b on b.id = u.building_id, generate_series(1, ${FLOORS}) f,
         generate_series(1, ${DOORS}) d
       where u.company_id = $1`,
      [company.id],
    );

    // --- lookup tables for the generator (temporary, this connection only) ------------------------------------
    await q('select setseed(0.2026)');
    await q(
      `create temp table bench_office as
      select o.oidx, o.id as office_id, o.director, o.agents, o.techs, o.cs, o.eng, o.sec, o.env
      from jsonb_to_recordset($1::jsonb) as o(oidx int, id uuid, director uuid, agents uuid[], techs uuid[], cs uuid, eng uuid, sec uuid, env uuid)`,
      [
        JSON.stringify(
          officeRows.map((o, oidx) => ({
            oidx,
            id: o.id,
            director: o.director,
            agents: o.agents,
            techs: o.techs,
            ...o.depts,
          })),
        ),
      ],
    );
    await q(
      `create temp table bench_comm as
      select (row_number() over (order by c.name) - 1)::int as cidx, c.id as community_id, o.oidx
      from communities c join bench_office o on o.office_id = c.office_id where c.company_id = $1`,
      [company.id],
    );
    await q(`create temp table bench_rooms as
      select bc.cidx, (row_number() over (partition by bc.cidx order by r.id) - 1)::int as k, r.id as room_id
      from rooms r join bench_comm bc on bc.community_id = r.community_id`);
    await q('create unique index on bench_rooms (cidx, k)');
    const cats = new Map(
      (
        await q('select code, id from categories where company_id = $1 and code is not null', [company.id])
      ).rows.map((r) => [r.code as string, r.id as string]),
    );
    const phraseRows: unknown[] = [];
    const kindCounts = new Map<string, number>();
    for (const p of PHRASES) {
      const tokens = searchTokens(p.text).join(' ');
      for (let w = 0; w < p.weight; w++) {
        const k = kindCounts.get(p.kind) ?? 0;
        kindCounts.set(p.kind, k + 1);
        phraseRows.push({
          kind: p.kind,
          k,
          text: p.text,
          tokens,
          category_id: cats.get(p.category) ?? null,
          repair_type: p.repairType ?? null,
          emergency: !!p.emergency,
          dept: p.dept,
        });
      }
    }
    await q(
      `create temp table bench_phrases as select * from jsonb_to_recordset($1::jsonb)
      as p(kind text, k int, text text, tokens text, category_id uuid, repair_type text, emergency boolean, dept text)`,
      [JSON.stringify(phraseRows)],
    );
    await q(
      `create temp table bench_kinds as select * from jsonb_to_recordset($1::jsonb) as k(kind text, n int)`,
      [JSON.stringify([...kindCounts].map(([kind, n]) => ({ kind, n })))],
    );
    // The app's tokens are a set over the whole text: a word of the remark or the address already in the phrase (or
    // the number) keeps its first place only. Joined parts are de-duplicated the same way.
    await q(`create function pg_temp.first_words(text) returns text language sql immutable as $$
      select string_agg(w, ' ' order by o) from (
        select w, min(o) as o from unnest(string_to_array($1, ' ')) with ordinality as u(w, o) group by w) d $$`);
    const list = (items: string[]) =>
      JSON.stringify(items.map((text, k) => ({ k, text, tokens: text ? searchTokens(text).join(' ') : '' })));
    await q(
      `create temp table bench_remarks as select * from jsonb_to_recordset($1::jsonb) as r(k int, text text, tokens text)`,
      [list(REMARKS)],
    );
    await q(
      `create temp table bench_places as select * from jsonb_to_recordset($1::jsonb) as r(k int, text text, tokens text)`,
      [list(PLACES)],
    );
    const people = Array.from({ length: PEOPLE }, (_, k) => ({
      k,
      name: chineseName(next),
      phone: mobile(next),
    }));
    await q(
      `create temp table bench_people as select * from jsonb_to_recordset($1::jsonb) as p(k int, name text, phone text)`,
      [JSON.stringify(people)],
    );
    for (const t of [
      'bench_office',
      'bench_comm',
      'bench_rooms',
      'bench_phrases',
      'bench_kinds',
      'bench_remarks',
      'bench_places',
      'bench_people',
    ])
      await q(`analyze ${t}`);
    const orgMs = since(started);
    log(
      `organisation: 3 offices, ${COMMUNITIES} communities, ${COMMUNITIES * ROOMS_PER_COMMUNITY} rooms, staff (${orgMs} ms)`,
    );

    // --- bulk load ----------------------------------------------------------------------------------------------
    const loadStarted = performance.now();
    let replica = false;
    try {
      await q('set session_replication_role = replica');
      replica = true;
    } catch {
      log('not a superuser: foreign keys are checked during the load (slower)');
    }
    await q('set synchronous_commit = off');
    await q("set work_mem = '256MB'");
    await q("set maintenance_work_mem = '1GB'");

    // Drop the indexes the migrations define on the three big tables; rebuilt after the load.
    const { rows: indexDefs } =
      await q(`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class t on t.oid = i.indrelid
      where t.relname in ('cases', 'case_clocks', 'case_timeline') and t.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`);
    const { rows: pkDefs } =
      await q(`select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
      from pg_constraint c where c.contype = 'p' and c.conrelid in ('case_clocks'::regclass, 'case_timeline'::regclass)`);
    for (const i of indexDefs) await q(`drop index ${i.name}`);
    for (const c of pkDefs) await q(`alter table ${c.tbl} drop constraint ${c.name}`);

    await q(`create temp table bench_chunk (
      id uuid, g int, received_at timestamptz, kind text, state text, channel text, severity text, category_id uuid,
      repair_type text, description text, tokens text, address text, office_id uuid, community_id uuid, room_id uuid,
      first_responder uuid, handler_id uuid, department_id uuid, reporter_name text, reporter_phone text,
      anonymous boolean, routed_at timestamptz, accepted_at timestamptz, replied_at timestamptz, waiting_at timestamptz,
      resolved_at timestamptz, closed_at timestamptz, satisfaction text, prefix text, year int, round2 text,
      not_reached boolean, director uuid)`);
    await q(`create temp table bench_clk (case_id uuid, name text, started_at timestamptz, due_at timestamptz,
      met_at timestamptz, warned_at timestamptz, breached_at timestamptz, paused_at timestamptz, next_check_at timestamptz)`);
    await q(
      `create temp table bench_tl (case_id uuid, seq int, at timestamptz, actor_id uuid, type text, data jsonb)`,
    );

    const end = t0.getTime() / 1000 - NEWEST_CASE_AGE_S;
    const start = end - YEARS * 365 * 86_400;
    const step = (end - start) / scale;
    const kindCase = (() => {
      let acc = 0;
      const parts = KIND_SHARES.map(
        ([kind, share]) => `when s.r_kind < ${(acc += share).toFixed(4)} then '${kind}'`,
      );
      return `case ${parts.join(' ')} else 'other' end`;
    })();
    const prefixCase = `case k.kind when 'complaint' then 'TS' when 'repair' then 'BX' when 'inquiry' then 'ZX'
      when 'suggestion' then 'JY' when 'praise' then 'BY' else 'QT' end`;
    const T0 = `'${t0.toISOString()}'::timestamptz`;
    // Minutes → interval; each lifecycle step is capped to a share of the case's age so nothing lies after "now".
    const after = (from: string, minutes: string, share: number) =>
      `${from} + least((${minutes}) * 60, a.age_s * ${share}) * interval '1 second'`;

    let done = 0;
    for (let lo = 1; lo <= scale; lo += CHUNK) {
      const hi = Math.min(scale, lo + CHUNK - 1);
      const chunkStarted = performance.now();
      await q('truncate bench_chunk, bench_clk, bench_tl');
      await q(
        `insert into bench_chunk
        select gen_random_uuid(), s.g, s.received_at, k.kind, st.state, ch.channel,
          case when p.emergency then 'emergency' when s.r_sev < case k.kind when 'complaint' then 0.25 else 0.08 end then 'major' else 'general' end,
          p.category_id, case when k.kind = 'repair' then p.repair_type end,
          p.text || case when rm.text <> '' then '，' || rm.text || '。' else '' end,
          pg_temp.first_words(p.tokens || case when rm.tokens <> '' then ' ' || rm.tokens else '' end
            || coalesce(' ' || pl.tokens, '')),
          pl.text, o.office_id, c.community_id, r.room_id,
          o.agents[1 + s.fr_k % array_length(o.agents, 1)],
          case when st.state in ('received', 'routed') then null
               when k.kind = 'repair' or p.dept = 'eng' then o.techs[1 + s.tech_k % array_length(o.techs, 1)]
               else o.agents[1 + s.fr_k % array_length(o.agents, 1)] end,
          case when st.state = 'received' then null
               else case p.dept when 'eng' then o.eng when 'sec' then o.sec when 'env' then o.env else o.cs end end,
          pe.name, pe.phone, k.kind = 'complaint' and s.r_anon < 0.1,
          t1.routed_at, t2.accepted_at, t3.replied_at, t4.waiting_at, t5.resolved_at, t6.closed_at,
          case when t6.closed_at is null then null when s.r_sat < 0.85 then 'satisfied'
               when s.r_sat < 0.97 then 'basically_satisfied' else 'unsatisfied' end,
          ${prefixCase}, extract(year from s.received_at at time zone 'Asia/Shanghai')::int,
          case when t6.closed_at is null then null when s.r_sat >= 0.97 then 'unsatisfied' when s.r_sat < 0.015 then 'reopened' end,
          t5.resolved_at is not null and s.r_reply >= 0.9, o.director
        from (
          select g, to_timestamp($1::float8 + (g - 1 + random()) * $2::float8) as received_at,
            random() as r_kind, random() as r_state, random() as r_chan, random() as r_sev, random() as r_room,
            floor(random() * ${COMMUNITIES})::int as cidx, random() as r_ph, floor(random() * ${REMARKS.length})::int as rm_k,
            floor(random() * ${PLACES.length})::int as pl_k, floor(random() * ${PEOPLE})::int as pe_k, random() as r_anon,
            floor(random() * 1000)::int as fr_k, floor(random() * 1000)::int as tech_k,
            random() as x1, random() as x2, random() as x3, random() as x4, random() as x5, random() as x6,
            random() as r_sat, random() as r_reply
          from generate_series($3::int, $4::int) g
        ) s
        cross join lateral (select ${kindCase} as kind) k
        cross join lateral (select extract(epoch from ${T0} - s.received_at) as age_s) a
        cross join lateral (select case
          when a.age_s > 30 * 86400 then case when s.r_state < 0.997 then 'closed' when s.r_state < 0.9985 then 'in_progress' else 'waiting' end
          when a.age_s > 7 * 86400 then case when s.r_state < 0.80 then 'closed' when s.r_state < 0.85 then 'resolved'
            when s.r_state < 0.93 then 'in_progress' when s.r_state < 0.98 then 'waiting' else 'routed' end
          when a.age_s > 86400 then case when s.r_state < 0.45 then 'closed' when s.r_state < 0.65 then 'resolved'
            when s.r_state < 0.85 then 'in_progress' when s.r_state < 0.90 then 'waiting' when s.r_state < 0.97 then 'routed' else 'received' end
          else case when s.r_state < 0.10 then 'closed' when s.r_state < 0.25 then 'resolved' when s.r_state < 0.50 then 'in_progress'
            when s.r_state < 0.55 then 'waiting' when s.r_state < 0.80 then 'routed' else 'received' end
          end as state) st
        cross join lateral (select case when s.r_chan < 0.55 then 'phone' when s.r_chan < 0.70 then 'wechat' when s.r_chan < 0.80 then 'app'
          when s.r_chan < 0.90 then 'visit' when s.r_chan < 0.95 then 'hotline' when s.r_chan < 0.97 then 'web'
          when s.r_chan < 0.985 then 'letter' when s.r_chan < 0.995 then 'email' else 'mailbox' end as channel) ch
        join bench_kinds kn on kn.kind = k.kind
        join bench_phrases p on p.kind = k.kind and p.k = floor(s.r_ph * kn.n)::int
        join bench_remarks rm on rm.k = s.rm_k
        join bench_comm c on c.cidx = s.cidx
        join bench_office o on o.oidx = c.oidx
        left join bench_rooms r on s.r_room < 0.8 and r.cidx = s.cidx and r.k = floor(s.r_room / 0.8 * ${ROOMS_PER_COMMUNITY})::int
        left join bench_places pl on s.r_room >= 0.8 and pl.k = s.pl_k
        join bench_people pe on pe.k = s.pe_k
        cross join lateral (select case when st.state <> 'received' then ${after('s.received_at', '2 + 70 * s.x1 ^ 4', 0.2)} end as routed_at) t1
        cross join lateral (select case when st.state not in ('received', 'routed') then ${after('t1.routed_at', '5 + 120 * s.x2 ^ 2', 0.2)} end as accepted_at) t2
        cross join lateral (select case when st.state in ('resolved', 'closed') or (st.state in ('in_progress', 'waiting') and s.r_reply < 0.5)
          then ${after('s.received_at', '30 + 1500 * s.x3 ^ 2', 0.5)} end as replied_at) t3
        cross join lateral (select case when st.state = 'waiting' then ${after('t2.accepted_at', '30 + 600 * s.x4', 0.2)} end as waiting_at) t4
        cross join lateral (select case when st.state in ('resolved', 'closed')
          then ${after('greatest(t2.accepted_at, t3.replied_at)', '30 + 12000 * s.x5 ^ 3', 0.2)} end as resolved_at) t5
        cross join lateral (select case when st.state = 'closed' then ${after('t5.resolved_at', '60 + 3000 * s.x6 ^ 2', 0.15)} end as closed_at) t6`,
        [start, step, lo, hi],
      );
      await q('analyze bench_chunk');

      // Clocks: started, due and met from the lifecycle; warned/breached/next_check_at as the app and sweeper leave them.
      await q(
        `insert into bench_clk
        select v.case_id, v.name, v.started_at, v.due_at, v.met_at,
          case when coalesce(v.met_at, v.paused_at, ${T0}) > w.warn_at then w.warn_at + interval '20 seconds' end,
          case when coalesce(v.met_at, v.paused_at, ${T0}) > v.due_at then v.due_at + interval '30 seconds' end,
          v.paused_at,
          case when v.met_at is not null or v.paused_at is not null or v.due_at < ${T0} then null
               when w.warn_at < ${T0} then v.due_at else w.warn_at end
        from bench_chunk b
        cross join lateral (values
          (b.id, 'route', b.received_at, b.received_at + interval '60 minutes', b.routed_at, null::timestamptz),
          (b.id, case when b.kind = 'complaint' then 'verify' end, b.received_at, b.received_at + interval '8 hours', b.accepted_at, null),
          (b.id, case when b.kind = 'repair' and b.routed_at is not null then 'dispatch' end, b.routed_at,
            b.routed_at + interval '5 minutes', case when b.accepted_at is not null then least(b.accepted_at, b.routed_at + interval '3 minutes') end, null),
          (b.id, 'reply', b.received_at, b.received_at + interval '24 hours', b.replied_at, null),
          (b.id, 'resolve', b.received_at, b.received_at + interval '7 days', b.resolved_at, b.waiting_at),
          (b.id, case when b.resolved_at is not null then 'callback' end, b.resolved_at, b.resolved_at + interval '2 days', b.closed_at, null)
        ) v(case_id, name, started_at, due_at, met_at, paused_at)
        cross join lateral (select v.started_at + (v.due_at - v.started_at) * 0.8 as warn_at) w
        where v.name is not null`,
      );

      // Timeline: 1–6 entries (received, routed, accepted, waiting, replied, resolved, callback as the state has them), in order.
      await q(
        `insert into bench_tl
        select v.case_id, row_number() over (partition by v.case_id order by v.at, v.ord)::int, v.at, v.actor_id, v.type, v.data
        from (select v.* from bench_chunk b
        cross join lateral (values
          (b.id, 1, b.received_at + interval '20 seconds', b.first_responder, 'received', jsonb_build_object('channel', b.channel,
            'kind', b.kind, 'severity', b.severity, 'receivedAt', to_char(b.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'firstResponderId', b.first_responder, 'recordedById', b.first_responder)),
          (b.id, 2, b.routed_at, b.first_responder, case when b.routed_at is not null then 'routed' end,
            jsonb_strip_nulls(jsonb_build_object('target', jsonb_build_object('type', 'department', 'id', b.department_id),
              'handlerId', case when b.kind = 'repair' then b.handler_id end))),
          (b.id, 4, b.accepted_at, b.handler_id, case when b.accepted_at is not null then 'accepted' end, '{}'::jsonb),
          (b.id, 5, b.waiting_at, b.handler_id, case when b.waiting_at is not null then 'waiting' end,
            jsonb_build_object('reason', '等待配件到货，已告知业主')),
          (b.id, 6, b.replied_at, b.handler_id, case when b.replied_at is not null then 'replied' end,
            jsonb_build_object('via', 'phone', 'message', '已电话联系业主，说明处理进度和预计完成时间')),
          (b.id, 7, b.resolved_at, b.handler_id, case when b.resolved_at is not null then 'resolved' end,
            jsonb_build_object('result', '已处理完毕，业主现场确认')),
          (b.id, 8, b.resolved_at + (coalesce(b.closed_at, ${T0}) - b.resolved_at) * 0.2, b.first_responder,
            case when b.not_reached then 'callback' end,
            jsonb_build_object('method', 'phone', 'reached', false, 'outcome', 'not_reached')),
          (b.id, 9, b.resolved_at + (b.closed_at - b.resolved_at) * 0.4,
            case when b.round2 = 'unsatisfied' then b.first_responder else b.director end,
            case b.round2 when 'unsatisfied' then 'callback' when 'reopened' then 'reopened' end,
            case b.round2 when 'unsatisfied' then jsonb_build_object('method', 'phone', 'reached', true,
                'satisfaction', 'unsatisfied', 'reason', '维修后问题依旧，业主不认可处理结果', 'outcome', 'reopened', 'reopenCount', 1)
              else jsonb_build_object('reason', '业主反映问题复发，重新处理', 'handlerId', b.handler_id, 'reopenCount', 1) end),
          (b.id, 10, b.resolved_at + (b.closed_at - b.resolved_at) * 0.7, b.handler_id,
            case when b.round2 is not null then 'resolved' end,
            jsonb_build_object('result', '已再次上门处理，问题已解决')),
          (b.id, 11, b.closed_at, case when b.round2 = 'unsatisfied' then b.director else b.first_responder end,
            case when b.closed_at is null then null when b.round2 = 'unsatisfied' then 'closed' else 'callback' end,
            case when b.round2 = 'unsatisfied' then jsonb_build_object('reason', '业主诉求超出物业服务范围，已当面解释，经主任审核关闭')
              else jsonb_build_object('method', 'phone', 'reached', true, 'satisfaction', b.satisfaction, 'outcome', 'closed') end)
        ) v(case_id, ord, at, actor_id, type, data)
        where v.type is not null
        union all
        select k.case_id, 12, least(k.breached_at, ${T0}), null::uuid, 'clock_breached',
          jsonb_build_object('clock', k.name, 'dueAt', to_char(k.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        from bench_clk k where k.breached_at is not null) v`,
      );
      await q('analyze bench_clk');
      await q('analyze bench_tl');

      const hash = (id: string, seq: string) =>
        `md5(${id}::text || ':' || ${seq}) || md5(${seq} || ':' || ${id}::text)`;
      await q(
        `insert into cases (id, company_id, number, channel, kind, severity, category_id, repair_type, state, received_at,
          created_at, updated_at, recorded_by_id, first_responder_id, handler_id, department_id, target_type, target_id,
          office_id, community_id, room_id, address, reporter_name, reporter_phone, reporter_phone_canonical,
          reporter_anonymous, description, search_vector, reply_count, closure, escalation_tier, satisfaction,
          resolved_at, closed_at, next_due_at, timeline_seq, timeline_head, version, reopen_count)
        select b.id, $1, n.number, b.channel, b.kind, b.severity, b.category_id, b.repair_type, b.state, b.received_at,
          b.received_at + interval '20 seconds', greatest(b.received_at, b.routed_at, b.accepted_at, b.replied_at, b.waiting_at, b.resolved_at, b.closed_at),
          b.first_responder, b.first_responder, b.handler_id, b.department_id,
          case when b.department_id is not null then 'department' end, b.department_id,
          b.office_id, b.community_id, b.room_id, b.address, b.reporter_name, b.reporter_phone, b.reporter_phone, b.anonymous,
          b.description,
          to_tsvector('simple', pg_temp.first_words(lower(b.prefix || '-' || b.year) || ' ' || n.seq_text || ' ' || b.tokens)),
          (b.replied_at is not null)::int,
          case when b.round2 = 'unsatisfied' then 'director' when b.closed_at is not null then 'callback' end,
          coalesce(k.tier, 0), b.satisfaction,
          case when b.round2 is not null then b.resolved_at + (b.closed_at - b.resolved_at) * 0.7 else b.resolved_at end,
          b.closed_at, k.next_due_at, t.seq, ${hash('b.id', 't.seq')}, t.seq, (b.round2 is not null)::int
        from bench_chunk b
        join (
          select x.id, x.prefix || '-' || x.year || '-' || d.seq_text as number, d.seq_text
          from (
            select b.id, b.prefix, b.year,
              coalesce(sq.last_value, 0) + row_number() over (partition by b.prefix, b.year order by b.received_at, b.g) as seq
            from bench_chunk b left join case_sequences sq on sq.company_id = $1 and sq.prefix = b.prefix and sq.year = b.year
          ) x
          cross join lateral (select case when x.seq < 1000000 then lpad(x.seq::text, 6, '0') else x.seq::text end as seq_text) d
        ) n on n.id = b.id
        left join (
          select case_id, min(due_at) filter (where met_at is null and paused_at is null) as next_due_at,
            least(3, count(*) filter (where breached_at is not null))::int as tier
          from bench_clk group by case_id
        ) k on k.case_id = b.id
        join (select case_id, max(seq) as seq from bench_tl group by case_id) t on t.case_id = b.id`,
        [company.id],
      );
      await q(
        `insert into case_sequences (company_id, prefix, year, last_value)
        select $1, prefix, year, count(*) from bench_chunk group by prefix, year
        on conflict (company_id, prefix, year) do update set last_value = case_sequences.last_value + excluded.last_value`,
        [company.id],
      );
      await q(
        `insert into case_clocks (company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at, paused_at, next_check_at)
        select $1, case_id, name, started_at, due_at, met_at, warned_at, breached_at, paused_at, next_check_at from bench_clk`,
        [company.id],
      );
      await q(
        `insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
        select case_id, seq, $1, at, actor_id, type, data,
          case when seq = 1 then repeat('0', 64) else ${hash('case_id', '(seq - 1)')} end, ${hash('case_id', 'seq')}
        from bench_tl`,
        [company.id],
      );
      done = hi;
      const elapsed = performance.now() - loadStarted;
      log(
        `cases ${done.toLocaleString('en-US')} / ${scale.toLocaleString('en-US')} (chunk ${since(chunkStarted)} ms, ` +
          `eta ${Math.round(((elapsed / done) * (scale - done)) / 1000)} s)`,
      );
    }
    await q('drop table bench_chunk, bench_clk, bench_tl');
    if (replica) await q('set session_replication_role = origin');
    const loadMs = since(loadStarted);

    const indexStarted = performance.now();
    for (const c of pkDefs) await q(`alter table ${c.tbl} add constraint ${c.name} ${c.def}`);
    for (const i of indexDefs) {
      const s = performance.now();
      await q(i.def);
      log(`index ${i.name} (${since(s)} ms)`);
    }
    const indexMs = since(indexStarted);
    const vacuumStarted = performance.now();
    await q('vacuum (analyze)');
    try {
      await q('checkpoint');
    } catch {
      // not allowed for this role: the next timed checkpoint writes it
    }
    const vacuumMs = since(vacuumStarted);

    // Numbers and case_sequences must agree: per prefix and year, numbers 1…last_value, each once.
    const { rows: seqCheck } = await q(
      `select count(*)::int as bad from (select * from case_sequences where company_id = $1) s
       full join (select split_part(number, '-', 1) as prefix, split_part(number, '-', 2)::int as year,
           max(split_part(number, '-', 3)::int) as top, count(*) as n
         from cases where company_id = $1 group by 1, 2) x on x.prefix = s.prefix and x.year = s.year
       where s.last_value is distinct from x.top or x.top is distinct from x.n`,
      [company.id],
    );
    if (seqCheck[0].bad)
      throw new Error(`generator bug: ${seqCheck[0].bad} case_sequences rows disagree with the numbers`);

    const { rows: countRows } = await q(`select
        (select count(*) from cases)::int as cases,
        (select count(*) from case_clocks)::int as clocks,
        (select count(*) from case_timeline)::int as timeline,
        (select count(*) from case_clocks where next_check_at is not null)::int as running,
        (select count(*) from cases where state not in ('resolved', 'closed'))::int as open,
        pg_database_size(current_database())::float8 as bytes`);
    const { rows: roomRows } = await q(
      `select r.id, cm.office_id from rooms r join communities cm on cm.id = r.community_id
       where r.company_id = $1 and r.status = 'occupied' order by random() limit 3000`,
      [company.id],
    );
    // The bulk search vectors must be what the app would store for the same case.
    const { rows: sample } = await q(
      `select number, description, address, search_vector::text as v from cases order by random() limit 200`,
    );
    let identical = 0;
    for (const s of sample) {
      const { rows } = await q(`select to_tsvector('simple', $1)::text as v`, [
        searchDocument(s.number, s.description, s.address),
      ]);
      if (rows[0].v === s.v) identical++;
    }
    if (identical !== sample.length)
      throw new Error(
        `generator bug: ${sample.length - identical} of ${sample.length} sampled search vectors differ from the app's`,
      );
    const totalMs = since(started);
    return {
      companyId: company.id,
      t0,
      offices,
      deskOfficeId: offices[0].id,
      agentsByOffice,
      rooms: roomRows.map((r) => ({ id: r.id, officeId: r.office_id })),
      tokens,
      sampleNumbers: sample.map((r) => r.number),
      counts: {
        cases: countRows[0].cases,
        clocks: countRows[0].clocks,
        timeline: countRows[0].timeline,
        runningClocks: countRows[0].running,
        openCases: countRows[0].open,
      },
      timings: { orgMs, loadMs, indexMs, vacuumMs, totalMs },
      databaseBytes: countRows[0].bytes,
      searchCheck: { sampled: sample.length, identical },
    };
  } finally {
    await client.end();
  }
}
