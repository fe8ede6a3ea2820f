/**
 * The demo company seeded on an empty database (OPS-4): deterministic, so every fresh install and every e2e run
 * sees the same 回音物业 with 2 offices, 3 communities, ~2,000 rooms, ~3,000 residents, the fixed logins and the
 * staff who work its cases. `demo` adds six months of history made through the domain's rules (demo-history.ts)
 * and the paperwork of the past months (demo-paperwork.ts); `minimal` is the company without history (tests, e2e).
 */
import { sql } from 'drizzle-orm';
import { parsePhone } from '../../domain/property/phone';
import type { Role } from '../../domain/access/roles';
import type { Db, Tx } from '../db/client';
import * as t from '../db/schema';
import { hashPassword } from '../auth/passwords';
import { insertDefaultTree } from '../categories/categories.repository';
import { chineseName, mobile, rng } from './people';
import { HISTORY_MONTHS, writeDemoHistory } from './demo-history';
import type { DemoWorld } from './demo-world';
import { writeDemoPaperwork } from './demo-paperwork';
import { writeDemoResidents } from './demo-residents';

export const DEMO_LOGINS: {
  username: string;
  name: string;
  roles: Role[];
  office: 0 | 1 | null;
  description: string;
}[] = [
  {
    username: 'admin',
    name: '系统管理员',
    roles: ['admin'],
    office: null,
    description: 'admin — 系统管理员',
  },
  { username: 'manager', name: '周经理', roles: ['manager'], office: null, description: 'manager — 经理' },
  {
    username: 'director',
    name: '陈主任',
    roles: ['director'],
    office: 0,
    description: 'director — 管理处主任 (翠湖管理处)',
  },
  {
    username: 'director2',
    name: '林主任',
    roles: ['director'],
    office: 1,
    description: 'director2 — 管理处主任 (锦绣管理处)',
  },
  {
    username: 'supervisor',
    name: '黄主管',
    roles: ['supervisor'],
    office: 0,
    description: 'supervisor — 客服主管 (翠湖管理处)',
  },
  {
    username: 'agent',
    name: '李晓梅',
    roles: ['agent'],
    office: 0,
    description: 'agent — 客服/接待员 (翠湖管理处)',
  },
  {
    username: 'agent2',
    name: '王丽',
    roles: ['agent'],
    office: 1,
    description: 'agent2 — 客服/接待员 (锦绣管理处)',
  },
  {
    username: 'technician',
    name: '赵师傅',
    roles: ['technician'],
    office: 0,
    description: 'technician — 维修工 (翠湖管理处)',
  },
  {
    username: 'auditor',
    name: '审计员',
    roles: ['auditor'],
    office: null,
    description: 'auditor — 只读审计',
  },
];

/**
 * The people who work the demo's cases besides the printed logins (same password, flagged demo): a second agent
 * and the field staff of each office's departments, and a member of the company's finance department (the
 * quarterly report's finance part, REPORT-6). `head`: they head their department.
 */
export const DEMO_STAFF: {
  username: string;
  name: string;
  roles: Role[];
  office: 0 | 1 | null;
  department: 'customer_service' | 'engineering' | 'security' | 'cleaning' | 'greening' | 'finance';
  head?: boolean;
}[] = [
  { username: 'zhangmin', name: '张敏', roles: ['agent'], office: 0, department: 'customer_service' },
  { username: 'qianjg', name: '钱建国', roles: ['technician'], office: 0, department: 'engineering' },
  { username: 'sunzq', name: '孙志强', roles: ['technician'], office: 0, department: 'engineering' },
  { username: 'zhouhai', name: '周海', roles: ['technician'], office: 0, department: 'security', head: true },
  { username: 'wugy', name: '吴桂英', roles: ['technician'], office: 0, department: 'cleaning', head: true },
  {
    username: 'zhengwb',
    name: '郑文博',
    roles: ['technician'],
    office: 0,
    department: 'greening',
    head: true,
  },
  { username: 'liufang', name: '刘芳', roles: ['agent'], office: 1, department: 'customer_service' },
  {
    username: 'fengjh',
    name: '冯建华',
    roles: ['technician'],
    office: 1,
    department: 'engineering',
    head: true,
  },
  { username: 'chenyong', name: '陈勇', roles: ['technician'], office: 1, department: 'engineering' },
  { username: 'chuwei', name: '褚伟', roles: ['technician'], office: 1, department: 'security', head: true },
  { username: 'weixl', name: '卫秀兰', roles: ['technician'], office: 1, department: 'cleaning', head: true },
  {
    username: 'jiangtao',
    name: '蒋涛',
    roles: ['technician'],
    office: 1,
    department: 'greening',
    head: true,
  },
  { username: 'xujing', name: '许静', roles: ['agent'], office: null, department: 'finance' },
];

/** `demo`: the company with six months of history; `minimal`: the same company, offices, people and logins only. */
export type DemoSeedMode = 'demo' | 'minimal';

export interface DemoSeedResult {
  mode: DemoSeedMode;
  companyId: string;
  /** cases of the history (0 for `minimal`) */
  cases: number;
  /** how long seeding took, ms */
  ms: number;
  /** what was seeded, as the history was planned on it */
  world: DemoWorld;
}

/**
 * Seeds the demo company unless any company exists; null when it did not. The company, its people and the cases
 * of its history are one transaction; the past months' paperwork (summaries, quarterly reports, the duty ledger,
 * recurring problems) is then made through the features' own services, each step its own transaction as in use.
 * `now`: the end of the history (the app's clock).
 */
export async function seedDemo(
  db: Db,
  opts: { password: string; mode: DemoSeedMode; now?: Date },
): Promise<DemoSeedResult | null> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const passwordHash = await hashPassword(opts.password);
  const seeded = await db.transaction(async (tx) => {
    // Two instances starting at once on an empty database: only one seeds.
    await tx.execute(sql`select pg_advisory_xact_lock(7243002)`);
    const { rows } = await tx.execute<{ n: number }>(sql`select count(*)::int as n from companies`);
    if (rows[0].n > 0) return null;
    const world = await seedCompany(tx, passwordHash);
    const cases = opts.mode === 'demo' ? await writeDemoHistory(tx, world, now) : 0;
    if (opts.mode === 'demo') await writeDemoResidents(tx, world, now);
    return { world, cases };
  });
  if (!seeded) return null;
  if (opts.mode === 'demo') await writeDemoPaperwork(db, seeded.world, now);
  return {
    mode: opts.mode,
    companyId: seeded.world.companyId,
    cases: seeded.cases,
    ms: Math.round(performance.now() - started),
    world: seeded.world,
  };
}

const COMMUNITIES = [
  {
    office: 0,
    name: '翠湖花园',
    address: '滨江区翠湖路88号',
    buildings: 12,
    units: 2,
    floors: 18,
    perFloor: 2,
  },
  {
    office: 0,
    name: '翠湖雅苑',
    address: '滨江区翠湖路126号',
    buildings: 8,
    units: 2,
    floors: 16,
    perFloor: 2,
  },
  {
    office: 1,
    name: '锦绣江南',
    address: '西湖区文三路399号',
    buildings: 10,
    units: 2,
    floors: 16,
    perFloor: 2,
  },
];

/** The start-up log line of a seeding, with how long it took. */
export function describeSeed(r: DemoSeedResult): string {
  const seconds = (r.ms / 1000).toFixed(1);
  return r.mode === 'demo'
    ? `seeded the demo company (回音物业) with ${r.cases} cases over ${HISTORY_MONTHS} months in ${seconds} s`
    : `seeded the demo company (回音物业), minimal: no history, in ${seconds} s`;
}

async function insertChunked<T extends Record<string, unknown>>(
  tx: Tx,
  table: Parameters<Tx['insert']>[0],
  rows: T[],
  size = 1000,
) {
  for (let i = 0; i < rows.length; i += size) await tx.insert(table).values(rows.slice(i, i + size) as never);
}

/** The company, its offices, departments, people, settings and property register; what the history needs of it. */
async function seedCompany(tx: Tx, passwordHash: string): Promise<DemoWorld> {
  const next = rng(20261124);

  const [company] = await tx
    .insert(t.companies)
    // `demo`: the residents' H5 at /h5/demo (RESIDENT-1)
    .values({ name: '回音物业服务有限公司', shortName: '回音', code: 'demo' })
    .returning();
  const companyId = company.id;
  // Residents' sign-in codes go out by SMS (RESIDENT-2); here through the development sender, whose messages
  // GET /api/test/outbox lists (MSG-9), so a resident can sign in on a machine with no SMS account.
  await tx.insert(t.messageSenders).values({ companyId, channel: 'sms', provider: 'dev' });
  await tx.insert(t.messageTypeChannels).values({
    companyId,
    type: 'login_code',
    channel: 'sms',
    enabled: true,
    template: { code: 'SMS_LOGIN', params: [{ name: 'code', from: 'code' }] },
  });
  const offices = await tx
    .insert(t.offices)
    .values([
      { companyId, name: '翠湖管理处', address: '滨江区翠湖路88号物业服务中心', phone: '0571-86001234' },
      { companyId, name: '锦绣管理处', address: '西湖区文三路399号物业服务中心', phone: '0571-88005678' },
    ])
    .returning();

  const companyDepts = await tx
    .insert(t.departments)
    .values([
      { companyId, name: '客服部', function: 'customer_service' },
      { companyId, name: '工程部', function: 'engineering' },
      { companyId, name: '品质管理部', function: 'quality' },
      { companyId, name: '财务部', function: 'finance' },
    ])
    .returning();
  const officeDeptDefs = [
    ['客服中心', 'customer_service'],
    ['工程维修组', 'engineering'],
    ['保安部', 'security'],
    ['保洁部', 'cleaning'],
    ['绿化组', 'greening'],
  ] as const;
  const officeDepts = await tx
    .insert(t.departments)
    .values(
      offices.flatMap((o) =>
        officeDeptDefs.map(([name, fn]) => ({ companyId, officeId: o.id, name, function: fn })),
      ),
    )
    .returning();
  const dept = (officeIndex: number | null, fn: string) =>
    officeIndex === null
      ? companyDepts.find((d) => d.function === fn)!
      : officeDepts.find((d) => d.officeId === offices[officeIndex].id && d.function === fn)!;

  const staffDept: Record<string, string> = {
    admin: dept(null, 'customer_service').id,
    manager: dept(null, 'customer_service').id,
    director: dept(0, 'customer_service').id,
    director2: dept(1, 'customer_service').id,
    supervisor: dept(0, 'customer_service').id,
    agent: dept(0, 'customer_service').id,
    agent2: dept(1, 'customer_service').id,
    technician: dept(0, 'engineering').id,
    auditor: dept(null, 'quality').id,
  };
  // The staff's phones from a generator of their own: the register below stays as it always was.
  const staffPhones = rng(20261207);
  const people = [
    ...DEMO_LOGINS.map((l, i) => ({
      username: l.username,
      name: l.name,
      roles: l.roles,
      office: l.office,
      departmentId: staffDept[l.username],
      jobNumber: `HY${String(1001 + i)}`,
      phone: mobile(next),
    })),
    ...DEMO_STAFF.map((s, i) => ({
      username: s.username,
      name: s.name,
      roles: s.roles,
      office: s.office,
      departmentId: dept(s.office, s.department).id,
      jobNumber: `HY${String(1101 + i)}`,
      phone: mobile(staffPhones),
    })),
  ];
  const staff = await tx
    .insert(t.users)
    .values(
      people.map((p) => ({
        companyId,
        username: p.username,
        name: p.name,
        jobNumber: p.jobNumber,
        phone: p.phone,
        roles: p.roles,
        departmentId: p.departmentId,
        passwordHash,
        // On the well-known demo password: production refuses them until it changes (no demo password in production).
        demo: true,
      })),
    )
    .returning();
  const byUsername = Object.fromEntries(staff.map((u) => [u.username, u]));
  await tx
    .insert(t.userOffices)
    .values(
      people
        .filter((p) => p.office !== null)
        .map((p) => ({ companyId, userId: byUsername[p.username].id, officeId: offices[p.office!].id })),
    );
  // Heads: escalation and "report to your leader" need them (ORG-1).
  await tx.execute(
    sql`update offices set director_id = ${byUsername.director.id} where id = ${offices[0].id}`,
  );
  await tx.execute(
    sql`update offices set director_id = ${byUsername.director2.id} where id = ${offices[1].id}`,
  );
  const heads: [string, string][] = [
    ...companyDepts.map((d): [string, string] => [d.id, byUsername.manager.id]),
    [dept(0, 'customer_service').id, byUsername.supervisor.id],
    [dept(0, 'engineering').id, byUsername.technician.id],
    [dept(1, 'customer_service').id, byUsername.director2.id],
    ...DEMO_STAFF.filter((s) => s.head).map((s): [string, string] => [
      dept(s.office, s.department).id,
      byUsername[s.username].id,
    ]),
  ];
  for (const [departmentId, headId] of heads)
    await tx.execute(sql`update departments set head_id = ${headId} where id = ${departmentId}`);

  // the fee standard told to residents for paid repairs of their own part (有偿服务收费标准, REPAIR-3)
  await tx.insert(t.feeItems).values(
    (
      [
        ['更换水龙头', '个', 3000, '不含水龙头费用'],
        ['更换灯泡（不含材料）', '个', 1000, null],
        ['更换开关、插座面板', '个', 1500, '不含材料'],
        ['更换门锁', '把', 8000, '不含锁具费用'],
        ['疏通下水道', '次', 5000, null],
        ['疏通马桶', '次', 6000, null],
        ['更换角阀', '个', 2000, '不含材料'],
        ['更换水管', '米', 2500, 'PPR 管，含管材'],
      ] as const
    ).map(([name, unit, priceFen, note], i) => ({
      companyId,
      name,
      unit,
      priceFen,
      note,
      sort: (i + 1) * 10,
    })),
  );

  const units = await tx
    .insert(t.partnerUnits)
    .values([
      {
        companyId,
        relation: 'sister',
        service: 'water',
        name: '集团水务有限公司',
        contactPerson: '孙工',
        phone: '0571-87001111',
        address: '滨江区江南大道1000号',
      },
      {
        companyId,
        relation: 'sister',
        service: 'power',
        name: '集团供电服务公司',
        contactPerson: '钱工',
        phone: '0571-87002222',
        address: '滨江区江南大道1002号',
      },
      {
        companyId,
        relation: 'sister',
        service: 'developer',
        name: '翠湖置业有限公司',
        contactPerson: '郑经理',
        phone: '0571-87003333',
        address: '滨江区翠湖路1号',
      },
      {
        companyId,
        relation: 'external',
        service: 'gas',
        name: '杭州市燃气集团',
        contactPerson: '客服中心',
        phone: '0571-96777',
        address: '拱墅区环城北路',
      },
      {
        companyId,
        relation: 'external',
        service: 'telecom',
        name: '中国电信滨江营业厅',
        contactPerson: '装维班',
        phone: '10000',
        address: '滨江区长河路',
      },
      {
        companyId,
        relation: 'external',
        service: 'power',
        name: '国网杭州供电公司',
        contactPerson: '95598 热线',
        phone: '95598',
        address: '上城区解放路',
      },
      {
        companyId,
        relation: 'external',
        service: 'municipal',
        name: '滨江区市政设施管理所',
        contactPerson: '值班室',
        phone: '0571-86612345',
        address: '滨江区江汉路',
      },
    ])
    .returning();

  // The default category tree (CLASS-3), which the first read would otherwise seed.
  await insertDefaultTree(tx, companyId);
  const { rows: categoryRows } = await tx.execute<{ id: string; parent_id: string | null; code: string }>(
    sql`select id, parent_id, code from categories where company_id = ${companyId}`,
  );

  const communities = await tx
    .insert(t.communities)
    .values(
      COMMUNITIES.map((c) => ({
        companyId,
        officeId: offices[c.office].id,
        name: c.name,
        address: c.address,
      })),
    )
    .returning();

  const roomRows: (typeof t.rooms.$inferInsert)[] = [];
  const drafted: {
    id: string;
    officeIndex: number;
    name: string;
    buildings: { id: string; name: string; rooms: DemoRoomDraft[] }[];
  }[] = [];
  for (const [ci, def] of COMMUNITIES.entries()) {
    const community = communities[ci];
    const buildings = await tx
      .insert(t.buildings)
      .values(
        Array.from({ length: def.buildings }, (_, b) => ({
          companyId,
          communityId: community.id,
          name: `${b + 1}号楼`,
        })),
      )
      .returning();
    const units = await tx
      .insert(t.buildingUnits)
      .values(
        buildings.flatMap((b) =>
          Array.from({ length: def.units }, (_, u) => ({
            companyId,
            buildingId: b.id,
            name: `${u + 1}单元`,
          })),
        ),
      )
      .returning();
    const worldBuildings = buildings.map((b) => ({ id: b.id, name: b.name, rooms: [] as DemoRoomDraft[] }));
    for (const unit of units) {
      const building = worldBuildings.find((b) => b.id === unit.buildingId)!;
      for (let floor = 1; floor <= def.floors; floor++)
        for (let r = 1; r <= def.perFloor; r++) {
          const row = {
            companyId,
            communityId: community.id,
            buildingId: building.id,
            unitId: unit.id,
            number: `${floor}${String(r).padStart(2, '0')}`,
            area: (r === 1 ? 89 + Math.floor(next() * 30) : 120 + Math.floor(next() * 25)).toFixed(2),
            status: next() < 0.9 ? 'occupied' : 'vacant',
          };
          roomRows.push(row);
          building.rooms.push({ row, unitName: unit.name, residents: [] });
        }
    }
    drafted.push({
      id: community.id,
      officeIndex: def.office,
      name: community.name,
      buildings: worldBuildings,
    });
  }
  const rooms: { id: string; status: string; unitId: string; number: string }[] = [];
  for (let i = 0; i < roomRows.length; i += 1000)
    rooms.push(
      ...(await tx
        .insert(t.rooms)
        .values(roomRows.slice(i, i + 1000))
        .returning({
          id: t.rooms.id,
          status: t.rooms.status,
          unitId: t.rooms.unitId,
          number: t.rooms.number,
        })),
    );
  const draftOf = new Map(
    drafted
      .flatMap((c) => c.buildings.flatMap((b) => b.rooms))
      .map((d) => [`${d.row.unitId}/${d.row.number}`, d]),
  );
  const drafts = rooms.map((r) => draftOf.get(`${r.unitId}/${r.number}`)!);
  drafts.forEach((d, i) => (d.id = rooms[i].id));

  // Residents: ~1.6 a room; a few owners hold two rooms; a few families share one landline.
  const residentRows: (typeof t.residents.$inferInsert & { id: string })[] = [];
  const links: (typeof t.roomResidents.$inferInsert)[] = [];
  const phones: (typeof t.residentPhones.$inferInsert)[] = [];
  const uuid = () => crypto.randomUUID();
  for (const [i, room] of rooms.entries()) {
    if (room.status !== 'occupied') continue;
    const owner = { id: uuid(), companyId, name: chineseName(next) };
    const ownerPhone = mobile(next);
    residentRows.push(owner);
    links.push({ companyId, roomId: room.id, residentId: owner.id, relation: 'owner' });
    phones.push(phoneRow(companyId, owner.id, ownerPhone));
    drafts[i].residents.push({ name: owner.name, phone: ownerPhone });
    const extra = next();
    if (extra < 0.5) {
      const family = { id: uuid(), companyId, name: owner.name[0] + chineseName(next).slice(1) };
      const phone = mobile(next);
      residentRows.push(family);
      links.push({ companyId, roomId: room.id, residentId: family.id, relation: 'family' });
      phones.push(phoneRow(companyId, family.id, phone));
      drafts[i].residents.push({ name: family.name, phone });
    } else if (extra < 0.62) {
      const tenant = { id: uuid(), companyId, name: chineseName(next) };
      const phone = mobile(next);
      residentRows.push(tenant);
      links.push({ companyId, roomId: room.id, residentId: tenant.id, relation: 'tenant' });
      phones.push(phoneRow(companyId, tenant.id, phone));
      drafts[i].residents.push({ name: tenant.name, phone });
    }
  }
  // Some owners hold a second (vacant) room.
  const vacant = rooms.filter((r) => r.status === 'vacant');
  for (let i = 0; i < Math.min(40, vacant.length); i++)
    links.push({ companyId, roomId: vacant[i].id, residentId: residentRows[i * 17].id, relation: 'owner' });

  await insertChunked(tx, t.residents, residentRows);
  await insertChunked(tx, t.residentPhones, phones);
  await insertChunked(tx, t.roomResidents, links);

  const categoryIds = new Map(categoryRows.map((r) => [r.id, r]));
  const ancestorsOf = (id: string): string[] => {
    const parent = categoryIds.get(id)?.parent_id;
    return parent ? [parent, ...ancestorsOf(parent)] : [];
  };
  const officeDept = (officeIndex: number, fn: string) => dept(officeIndex, fn).id;
  return {
    companyId,
    timeZone: company.timeZone,
    offices: offices.map((o, i) => ({
      id: o.id,
      name: o.name,
      directorId: byUsername[i === 0 ? 'director' : 'director2'].id,
      departments: {
        customerService: officeDept(i, 'customer_service'),
        engineering: officeDept(i, 'engineering'),
        security: officeDept(i, 'security'),
        cleaning: officeDept(i, 'cleaning'),
        greening: officeDept(i, 'greening'),
      },
    })),
    staff: Object.fromEntries(
      people.map((p) => {
        const u = byUsername[p.username];
        return [
          p.username,
          {
            id: u.id,
            name: u.name,
            roles: p.roles,
            officeIds: p.office === null ? [] : [offices[p.office].id],
            departmentIds: [p.departmentId],
            headOfDepartmentIds: heads.filter(([, h]) => h === u.id).map(([d]) => d),
          },
        ];
      }),
    ),
    departments: [...companyDepts, ...officeDepts].map((d) => ({
      id: d.id,
      function: d.function,
      headId: heads.find(([id]) => id === d.id)?.[1] ?? null,
    })),
    partnerUnits: units.map((u) => ({
      id: u.id,
      relation: u.relation as 'sister' | 'external',
      service: u.service,
      name: u.name,
      contactPerson: u.contactPerson ?? '',
      address: u.address,
      phone: u.phone,
    })),
    categories: new Map(categoryRows.map((r) => [r.code, { id: r.id, ancestorIds: ancestorsOf(r.id) }])),
    communities: drafted.map((c) => ({
      ...c,
      buildings: c.buildings.map((b) => ({
        id: b.id,
        name: b.name,
        rooms: b.rooms.map((r) => ({
          id: r.id!,
          label: `${b.name}${r.unitName}${r.row.number}`,
          occupied: r.row.status === 'occupied',
          residents: r.residents,
        })),
      })),
    })),
  };
}

interface DemoRoomDraft {
  id?: string;
  row: typeof t.rooms.$inferInsert;
  unitName: string;
  residents: { name: string; phone: string }[];
}

function phoneRow(companyId: string, residentId: string, raw: string) {
  const parsed = parsePhone(raw);
  if (!parsed.ok) throw new Error(`demo seed produced a bad phone ${raw}`);
  return { companyId, residentId, raw, canonical: parsed.canonical, extension: parsed.extension };
}
