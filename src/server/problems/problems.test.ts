/**
 * PROBLEM-1 (000 §9): recurring problems — a planted cluster raises one problem and only one, scattered cases
 * raise none, near-identical descriptions raise a similar-text problem, the review closes only with measures, the
 * intake screen is told of a matching open problem, and scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { categories } from '../db/schema';
import { injectHelpers } from './test-api';
import { detectProblems } from './problems.service';

type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

let t: TestApp;
let s: SeededCompany;
let api: Awaited<ReturnType<typeof injectHelpers>>;
let as: (role: keyof SeededCompany['cookies']) => Inject;
let director2: Inject;
/** 翠湖花园: 1号楼 rooms 0–5, 2号楼 rooms 0–2 */
const b1: string[] = [];
const b2: string[] = [];
let otherCommunityRoom: string;
let thirdCommunityRoom: string;
let leak: string;
let noise: string;
let lift: string;
let engId: string;

const NOW = new Date('2026-11-24T02:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

async function intake(body: Record<string, unknown>, who: Inject = as('agent')) {
  const res = await who({
    method: 'POST',
    url: '/api/cases',
    payload: { channel: 'phone', kind: 'repair', reporter: { name: '王五' }, description: '报修', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

const detect = async () => {
  const res = await as('manager')({ method: 'POST', url: '/api/problems/detect' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { created: number; linked: number };
};
const listProblems = async (who: Inject = as('manager'), query = '') => {
  const res = await who({ method: 'GET', url: `/api/problems${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    id: string;
    scopeType: string;
    title: string;
    caseCount: number;
    version: number;
    status: string;
    scope: { id: string; name: string } | null;
    category: { id: string } | null;
  }[];
};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  s = await t.seedCompany();
  api = await injectHelpers(t);
  as = (role) => api.as(s, role);
  const community = await t.make.community({ officeId: s.office.id, name: '翠湖花园' });
  for (const [name, list, n] of [
    ['1号楼', b1, 6],
    ['2号楼', b2, 3],
  ] as const) {
    const building = await t.make.building({ communityId: community.id, name });
    const unit = await t.make.unit({ buildingId: building.id, name: '1单元' });
    for (let i = 0; i < n; i++) list.push((await t.make.room({ unitId: unit.id, number: `${i + 1}01` })).id);
  }
  const roomIn = async (communityId: string) =>
    (
      await t.make.room({
        unitId: (await t.make.unit({ buildingId: (await t.make.building({ communityId })).id })).id,
      })
    ).id;
  otherCommunityRoom = await roomIn((await t.make.community({ officeId: s.office.id, name: '碧水湾' })).id);
  const third = await t.make.community({ officeId: s.office.id, name: '锦绣家园' });
  thirdCommunityRoom = await roomIn(third.id);
  const cat = async (name: string) =>
    (await t.database.db.insert(categories).values({ companyId: s.company.id, name }).returning())[0].id;
  leak = await cat('漏水');
  noise = await cat('噪音');
  lift = await cat('电梯');
  engId = (await t.make.department({ companyId: s.company.id, officeId: s.office.id, name: '工程维修组' }))
    .id;
  const d2 = await t.make.user({
    companyId: s.company.id,
    roles: ['director'],
    officeIds: [s.otherOffice.id],
  });
  director2 = api.withCookie(await t.login(d2.username));
});
afterAll(() => t.close());

describe('place clusters (PROBLEM-1: same room/building/community + category, ≥ 3 within 30 days)', () => {
  let planted: string[];

  it('three leaks in one building within 30 days raise one problem linking them', async () => {
    planted = [
      (
        await intake({
          roomId: b1[0],
          categoryId: leak,
          receivedAt: daysAgo(23),
          description: '卫生间顶板渗水',
        })
      ).id,
      (
        await intake({
          roomId: b1[1],
          categoryId: leak,
          receivedAt: daysAgo(14),
          description: '厨房水管滴漏',
        })
      ).id,
      (await intake({ roomId: b1[2], categoryId: leak, receivedAt: daysAgo(4), description: '阳台地漏返水' }))
        .id,
    ];
    expect(await detect()).toEqual({ created: 1, linked: 3 });
    const [problem, ...rest] = await listProblems();
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      scopeType: 'building',
      status: 'open',
      caseCount: 3,
      title: '翠湖花园 1号楼 · 漏水',
      scope: { name: '1号楼' },
      category: { id: leak },
    });
    const detail = (await as('manager')({ method: 'GET', url: `/api/problems/${problem.id}` })).json();
    expect(detail.cases.map((c: { id: string }) => c.id).sort()).toEqual([...planted].sort());
    expect(detail.cases[0].room).toContain('翠湖花园 1号楼1单元');
  });

  it('detection again raises no duplicate; a fourth matching case joins the open problem', async () => {
    expect(await detect()).toEqual({ created: 0, linked: 0 });
    await intake({ roomId: b1[3], categoryId: leak, receivedAt: daysAgo(1), description: '楼上漏水到我家' });
    expect(await detect()).toEqual({ created: 0, linked: 1 });
    const problems = await listProblems();
    expect(problems).toHaveLength(1);
    expect(problems[0].caseCount).toBe(4);
  });

  it('scattered cases raise nothing: other communities, other categories, outside the window', async () => {
    await intake({ roomId: b2[0], categoryId: noise, description: '楼上装修噪音很大' });
    await intake({ roomId: otherCommunityRoom, categoryId: noise, description: '广场舞音响吵' });
    await intake({ roomId: thirdCommunityRoom, categoryId: noise, description: '夜里施工扰民' });
    await intake({ roomId: b2[1], categoryId: lift, description: '电梯按钮失灵' });
    // Two lift cases in the window and one 40 days back: not three within 30 days.
    await intake({ roomId: b2[2], categoryId: lift, description: '电梯门关不上' });
    t.clock.set(new Date(NOW.getTime() - 40 * 86_400_000));
    await s.relogin();
    await intake({ roomId: b2[0], categoryId: lift, description: '电梯运行异响' });
    t.clock.set(NOW);
    await s.relogin();
    // Inquiries are not recurring problems (policy: complaints and repairs).
    for (const roomId of [b2[0], b2[1], b2[2]])
      await intake({
        roomId,
        categoryId: lift,
        kind: 'inquiry',
        description: `咨询电梯年检时间${roomId.slice(0, 4)}`,
      });
    expect(await detect()).toEqual({ created: 0, linked: 0 });
    expect(await listProblems()).toHaveLength(1);
  });

  it('three cases in one room are that room’s problem, not also the building’s', async () => {
    for (const d of ['客厅墙面开裂', '卧室墙面又裂了', '墙体裂缝越来越大'])
      await intake({ roomId: b2[1], categoryId: noise, kind: 'complaint', description: d });
    expect((await detect()).created).toBe(1);
    const room = (await listProblems()).find((p) => p.scopeType === 'room')!;
    expect(room).toMatchObject({ caseCount: 3, title: '翠湖花园 2号楼1单元201 · 噪音' });
    expect((await listProblems()).filter((p) => p.scopeType === 'building')).toHaveLength(1);
  });
});

describe('similar text (PROBLEM-1: near-identical descriptions, jieba tokens, a threshold)', () => {
  it('near-identical descriptions in one community raise a similar_text problem; a fourth joins it', async () => {
    // Different buildings and no category: no place cluster can explain them.
    await intake({ roomId: b1[4], kind: 'complaint', description: '东门道闸坏了，车辆进不来' });
    await intake({ roomId: b2[2], kind: 'complaint', description: '东门道闸又坏了，车辆进不来' });
    // the same words in another community do not count
    await intake({ roomId: otherCommunityRoom, kind: 'complaint', description: '东门道闸坏了，车辆进不来' });
    expect((await detect()).created).toBe(0);
    await intake({ roomId: b1[5], kind: 'complaint', description: '东门道闸坏了车辆进不来，请尽快修' });
    expect(await detect()).toEqual({ created: 1, linked: 3 });
    const similar = (await listProblems()).find((p) => p.scopeType === 'similar_text')!;
    expect(similar).toMatchObject({ caseCount: 3, scope: null, title: '翠湖花园 · 东门 道闸 车辆 进不来' });
    await intake({ roomId: b2[0], kind: 'repair', description: '东门的道闸坏了，车辆都进不来了' });
    expect(await detect()).toEqual({ created: 0, linked: 1 });
    expect((await listProblems()).find((p) => p.id === similar.id)!.caseCount).toBe(4);
  });
});

describe('the intake screen is told of a matching open problem (PROBLEM-3)', () => {
  const match = (query: string, who: Inject = as('agent')) =>
    who({ method: 'GET', url: `/api/problems/match?${query}` });

  it('same building and category → the open problem; another category or community → none', async () => {
    const hit = await match(`roomId=${b1[5]}&categoryId=${leak}`);
    expect(hit.statusCode, hit.body).toBe(200);
    expect(hit.json().items.map((p: { title: string }) => p.title)).toEqual(['翠湖花园 1号楼 · 漏水']);
    expect((await match(`roomId=${b1[5]}&categoryId=${lift}`)).json().items).toEqual([]);
    expect((await match(`roomId=${thirdCommunityRoom}&categoryId=${leak}`)).json().items).toEqual([]);
    expect((await match('')).json().items).toEqual([]);
    // a technician records cases too, and is told as well
    expect((await match(`roomId=${b1[0]}&categoryId=${leak}`, as('technician'))).json().items).toHaveLength(
      1,
    );
  });

  it('with the description typed so far, a similar-text problem of the community matches', async () => {
    const res = await match(`roomId=${b1[0]}&description=${encodeURIComponent('东门道闸坏了，车辆进不来')}`);
    expect(
      res
        .json()
        .items.map((p: { scopeType: string }) => p.scopeType)
        .sort(),
    ).toEqual(['building', 'similar_text']);
  });

  it('another company’s room is not found', async () => {
    const b = await t.make.company();
    const bRoom = await t.make.room({
      unitId: (
        await t.make.unit({
          buildingId: (
            await t.make.building({
              communityId: (
                await t.make.community({ officeId: (await t.make.office({ companyId: b.id })).id })
              ).id,
            })
          ).id,
        })
      ).id,
    });
    const res = await match(`roomId=${bRoom.id}&categoryId=${leak}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ roomId: '找不到该记录' });
  });
});

describe('the cross-department review: stays open until measures are recorded (PROBLEM-2)', () => {
  it('close is refused without measures; with them it closes and keeps who and when', async () => {
    const problem = (await listProblems()).find((p) => p.scopeType === 'building')!;
    const refused = await as('director')({
      method: 'POST',
      url: `/api/problems/${problem.id}/close`,
      payload: { version: problem.version },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('problem_needs_measures');
    expect(refused.json().error.message).toBe('尚未填写整改措施，不能关闭该问题');

    const patched = await as('supervisor')({
      method: 'PATCH',
      url: `/api/problems/${problem.id}`,
      payload: {
        version: problem.version,
        reviewDepartmentIds: [engId],
        dueAt: '2026-12-10T18:00:00+08:00',
        rootCause: '1号楼主立管老化',
        measures: '更换1号楼主立管，并每季度巡检',
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      reviewDepartments: [{ id: engId, name: '工程维修组' }],
      dueAt: '2026-12-10T10:00:00.000Z',
      rootCause: '1号楼主立管老化',
      version: problem.version + 1,
    });
    const stale = await as('director')({
      method: 'POST',
      url: `/api/problems/${problem.id}/close`,
      payload: { version: problem.version },
    });
    expect(stale.statusCode).toBe(409);
    const closed = await as('director')({
      method: 'POST',
      url: `/api/problems/${problem.id}/close`,
      payload: { version: problem.version + 1 },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: { id: s.users.director.id } });
    const again = await as('director')({
      method: 'PATCH',
      url: `/api/problems/${problem.id}`,
      payload: { version: problem.version + 2, measures: '改' },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.rule).toBe('problem_closed');
    expect(await listProblems(as('manager'), '?status=closed')).toHaveLength(1);
  });

  it('a closed problem’s cases do not raise it again; the match no longer shows it', async () => {
    expect(await detect()).toEqual({ created: 0, linked: 0 });
    expect(
      (
        await as('agent')({ method: 'GET', url: `/api/problems/match?roomId=${b1[5]}&categoryId=${leak}` })
      ).json().items,
    ).toEqual([]);
  });

  it('review departments must be the company’s', async () => {
    const room = (await listProblems()).find((p) => p.scopeType === 'room')!;
    const bDept = await t.make.department();
    const res = await as('director')({
      method: 'PATCH',
      url: `/api/problems/${room.id}`,
      payload: { version: room.version, reviewDepartmentIds: [bDept.id] },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['reviewDepartmentIds']);
  });
});

describe('scope of problems (ACCESS-2 applied to PROBLEM-1)', () => {
  it('another office’s director sees none of ours and gets 404 on our ids', async () => {
    expect(await listProblems(director2)).toEqual([]);
    const one = (await listProblems())[0];
    expect((await director2({ method: 'GET', url: `/api/problems/${one.id}` })).statusCode).toBe(404);
    const patch = await director2({
      method: 'PATCH',
      url: `/api/problems/${one.id}`,
      payload: { version: one.version, rootCause: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    expect(
      (await director2({ method: 'GET', url: `/api/problems?officeId=${s.office.id}` })).statusCode,
    ).toBe(404);
  });

  it('who may do what: technicians do not read problems; only managers run detection; agents do not edit', async () => {
    expect((await as('technician')({ method: 'GET', url: '/api/problems' })).statusCode).toBe(403);
    expect((await as('director')({ method: 'POST', url: '/api/problems/detect' })).statusCode).toBe(403);
    const one = (await listProblems(as('agent')))[0];
    const res = await as('agent')({
      method: 'PATCH',
      url: `/api/problems/${one.id}`,
      payload: { version: one.version, rootCause: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });
});

// Its speed is measured by the benchmark (bench/cases.ts, section problems), not timed here: a timed assertion failed on
// a busy 2-core machine while the code was fine.
describe('detection is aggregated in SQL (a month of cases at scale)', () => {
  it('a month of 30,000 cases over 3,000 rooms is detected once, and a second run finds nothing new', async () => {
    const db = t.database.db;
    const N = 30_000;
    const community = await t.make.community({ officeId: s.office.id, name: '压测小区' });
    for (let b = 0; b < 10; b++) {
      const building = await t.make.building({ communityId: community.id, name: `${b + 1}栋` });
      await t.make.unit({ buildingId: building.id, name: '1单元' });
    }
    await db.execute(sql`insert into rooms (company_id, community_id, building_id, unit_id, number)
      select ${s.company.id}, ${community.id}, bu.building_id, bu.id, n::text
      from building_units bu join buildings b on b.id = bu.building_id, generate_series(1, 300) n
      where b.community_id = ${community.id}`);
    const cats: string[] = [];
    for (let i = 0; i < 14; i++)
      cats.push(
        (
          await db
            .insert(categories)
            .values({ companyId: s.company.id, name: `压测分类${i}` })
            .returning()
        )[0].id,
      );
    const text = (list: string[]) =>
      sql`array[${sql.join(
        list.map((w) => sql`${w}`),
        sql`, `,
      )}]`;
    const topics = text([
      '卫生间漏水',
      '楼上装修噪音',
      '电梯故障停运',
      '门禁刷卡失灵',
      '楼道灯不亮',
      '垃圾没有及时清运',
      '地下车库积水',
      '小区道闸坏了',
      '外墙瓷砖脱落',
      '下水道堵塞返水',
      '宠物狗夜里叫',
      '充电桩无法使用',
    ]);
    const details = text([
      '已经三天',
      '影响休息',
      '请尽快处理',
      '多次反映',
      '老人出行不便',
      '晚上更严重',
      '孩子害怕',
    ]);
    await db.execute(sql`with rs as (select id, row_number() over (order by id) - 1 as k from rooms where community_id = ${community.id})
      insert into cases (company_id, number, channel, kind, severity, category_id, state, received_at,
        recorded_by_id, first_responder_id, office_id, community_id, room_id, description)
      select ${s.company.id}, 'BX-2026-9' || lpad(i::text, 6, '0'), 'phone',
        case when i % 2 = 0 then 'repair' else 'complaint' end, 'general',
        case when i % 4 = 0 then null else (${sql`array[${sql.join(
          cats.map((c) => sql`${c}::uuid`),
          sql`, `,
        )}]`})[1 + (i * 31) % 14] end, 'received',
        ${NOW}::timestamptz - ((i * 13) % 29) * interval '1 day' - (i % 1440) * interval '1 minute',
        ${s.users.agent.id}, ${s.users.agent.id}, ${s.office.id}, ${community.id}, rs.id,
        (${topics})[1 + (i * 7) % 12] || '，' || (${details})[1 + (i * 11) % 7] || '，' || (i % 500) || '号反映'
      from generate_series(1, ${N}) i join rs on rs.k = (i * 7919) % 3000`);
    const result = await detectProblems(db, t.clock, { companyId: s.company.id });
    expect(result.created).toBeGreaterThan(0);
    // and again: nothing new
    expect((await detectProblems(db, t.clock, { companyId: s.company.id })).created).toBe(0);
  });
});
