/**
 * The demo company seeded on an empty database (OPS-4): deterministic, so every fresh install and
 * every e2e run sees the same 回音物业 with 2 offices, 3 communities, ~2,000 rooms and ~3,000 residents.
 */
import { sql } from 'drizzle-orm';
import { parsePhone } from '../../domain/property/phone';
import type { Role } from '../../domain/access/roles';
import type { Db, Tx } from '../db/client';
import * as t from '../db/schema';
import { hashPassword } from '../auth/passwords';
import { chineseName, mobile, rng } from './people';

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

async function insertChunked<T extends Record<string, unknown>>(
  tx: Tx,
  table: Parameters<Tx['insert']>[0],
  rows: T[],
  size = 1000,
) {
  for (let i = 0; i < rows.length; i += size) await tx.insert(table).values(rows.slice(i, i + size) as never);
}

/** Seeds the demo company unless any company exists. Returns whether it seeded. */
export async function seedDemo(db: Db, opts: { password: string }): Promise<boolean> {
  const passwordHash = await hashPassword(opts.password);
  return db.transaction(async (tx) => {
    // Two instances starting at once on an empty database: only one seeds.
    await tx.execute(sql`select pg_advisory_xact_lock(7243002)`);
    const { rows } = await tx.execute<{ n: number }>(sql`select count(*)::int as n from companies`);
    if (rows[0].n > 0) return false;
    const next = rng(20261124);

    const [company] = await tx
      .insert(t.companies)
      .values({ name: '回音物业服务有限公司', shortName: '回音' })
      .returning();
    const companyId = company.id;
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
    const staff = await tx
      .insert(t.users)
      .values(
        DEMO_LOGINS.map((l, i) => ({
          companyId,
          username: l.username,
          name: l.name,
          jobNumber: `HY${String(1001 + i)}`,
          phone: mobile(next),
          roles: l.roles,
          departmentId: staffDept[l.username],
          passwordHash,
          // On the well-known demo password: production refuses them until it changes (no demo password in production).
          demo: true,
        })),
      )
      .returning();
    const byUsername = Object.fromEntries(staff.map((u) => [u.username, u]));
    await tx.insert(t.userOffices).values(
      DEMO_LOGINS.filter((l) => l.office !== null).map((l) => ({
        companyId,
        userId: byUsername[l.username].id,
        officeId: offices[l.office!].id,
      })),
    );
    // Heads: escalation and "report to your leader" need them (ORG-1).
    await tx.execute(
      sql`update offices set director_id = ${byUsername.director.id} where id = ${offices[0].id}`,
    );
    await tx.execute(
      sql`update offices set director_id = ${byUsername.director2.id} where id = ${offices[1].id}`,
    );
    await tx.execute(
      sql`update departments set head_id = ${byUsername.manager.id} where company_id = ${companyId} and office_id is null`,
    );
    await tx.execute(
      sql`update departments set head_id = ${byUsername.supervisor.id} where id = ${dept(0, 'customer_service').id}`,
    );
    await tx.execute(
      sql`update departments set head_id = ${byUsername.technician.id} where id = ${dept(0, 'engineering').id}`,
    );
    await tx.execute(
      sql`update departments set head_id = ${byUsername.director2.id} where office_id = ${offices[1].id}`,
    );

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

    await tx.insert(t.partnerUnits).values([
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
    ]);

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
      for (const unit of units) {
        const building = buildings.find((b) => b.id === unit.buildingId)!;
        for (let floor = 1; floor <= def.floors; floor++)
          for (let r = 1; r <= def.perFloor; r++)
            roomRows.push({
              companyId,
              communityId: community.id,
              buildingId: building.id,
              unitId: unit.id,
              number: `${floor}${String(r).padStart(2, '0')}`,
              area: (r === 1 ? 89 + Math.floor(next() * 30) : 120 + Math.floor(next() * 25)).toFixed(2),
              status: next() < 0.9 ? 'occupied' : 'vacant',
            });
      }
    }
    const rooms: { id: string; status: string }[] = [];
    for (let i = 0; i < roomRows.length; i += 1000)
      rooms.push(
        ...(await tx
          .insert(t.rooms)
          .values(roomRows.slice(i, i + 1000))
          .returning({ id: t.rooms.id, status: t.rooms.status })),
      );

    // Residents: ~1.6 a room; a few owners hold two rooms; a few families share one landline.
    const residentRows: (typeof t.residents.$inferInsert & { id: string })[] = [];
    const links: (typeof t.roomResidents.$inferInsert)[] = [];
    const phones: (typeof t.residentPhones.$inferInsert)[] = [];
    const uuid = () => crypto.randomUUID();
    for (const room of rooms) {
      if (room.status !== 'occupied') continue;
      const owner = { id: uuid(), companyId, name: chineseName(next) };
      residentRows.push(owner);
      links.push({ companyId, roomId: room.id, residentId: owner.id, relation: 'owner' });
      phones.push(phoneRow(companyId, owner.id, mobile(next)));
      const extra = next();
      if (extra < 0.5) {
        const family = { id: uuid(), companyId, name: owner.name[0] + chineseName(next).slice(1) };
        residentRows.push(family);
        links.push({ companyId, roomId: room.id, residentId: family.id, relation: 'family' });
        phones.push(phoneRow(companyId, family.id, mobile(next)));
      } else if (extra < 0.62) {
        const tenant = { id: uuid(), companyId, name: chineseName(next) };
        residentRows.push(tenant);
        links.push({ companyId, roomId: room.id, residentId: tenant.id, relation: 'tenant' });
        phones.push(phoneRow(companyId, tenant.id, mobile(next)));
      }
    }
    // Some owners hold a second (vacant) room.
    const vacant = rooms.filter((r) => r.status === 'vacant');
    for (let i = 0; i < Math.min(40, vacant.length); i++)
      links.push({ companyId, roomId: vacant[i].id, residentId: residentRows[i * 17].id, relation: 'owner' });

    await insertChunked(tx, t.residents, residentRows);
    await insertChunked(tx, t.residentPhones, phones);
    await insertChunked(tx, t.roomResidents, links);
    return true;
  });
}

function phoneRow(companyId: string, residentId: string, raw: string) {
  const parsed = parsePhone(raw);
  if (!parsed.ok) throw new Error(`demo seed produced a bad phone ${raw}`);
  return { companyId, residentId, raw, canonical: parsed.canonical, extension: parsed.extension };
}
