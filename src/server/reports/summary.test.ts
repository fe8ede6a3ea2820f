/**
 * REPORT-1 — the monthly complaint summary, on a scripted October 2026 (Asia/Shanghai): cases received through
 * the API, routed, resolved, called back, reopened, invalidated, merged, closed by the director, left waiting, and
 * clocks breached by the real sweeper. Every figure is checked against numbers worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { MESSAGES } from '../../contracts/messages';
import { FORMULA_KEYS } from '../../domain/metrics/rates';
import { categories } from '../db/schema';
import { sweep } from '../deadlines/sweeper';
import { draftMonthlySummaries } from './summary.service';

// Until app.ts registers summaryRoutes (the lead's one-line change), the test app gets them here; once it does,
// this wrapper does nothing.
type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let s: SeededCompany;
let director2: Inject;
let agent2: Inject;
const ids: Record<string, string> = {};
const cat: Record<string, string> = {};
const rooms: Record<string, string> = {};

const at = (local: string) => t.clock.set(new Date(`${local}+08:00`));

async function intake(as: Inject, payload: Record<string, unknown>) {
  const res = await as({ method: 'POST', url: '/api/cases', payload: { channel: 'phone', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function act(role: keyof SeededCompany['users'], id: string, action: string, body: Json = {}) {
  const { version } = (await s.as('director')({ method: 'GET', url: `/api/cases/${id}` })).json();
  const res = await s.as(role)({
    method: 'POST',
    url: `/api/cases/${id}/actions/${action}`,
    payload: { version, ...body },
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

const monthly = (as: Inject, query: string) => as({ method: 'GET', url: `/api/reports/monthly?${query}` });

/** Everything a resident planted in the month: none of it may reach the public version. */
const PLANTED = [
  '张三',
  '王芳',
  '李建国',
  '赵六',
  '周八',
  '孙七',
  '501',
  '502',
  '1202',
  '13812345678',
  '0755-86001234',
  '86001234',
];

/** Ids and fractions are noise for the PII check: a uuid or 0.7391… may contain "501" by chance. */
const scrub = (text: string) =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\d+\.\d+/g, '<n>');
const expectNoPlanted = (text: string) => {
  for (const secret of PLANTED) expect(scrub(text), secret).not.toContain(secret);
};

beforeAll(async () => {
  t = await createTestApp({ HUIYIN_SESSION_IDLE_MINUTES: '100000', HUIYIN_SESSION_ABSOLUTE_HOURS: '5000' });
  at('2026-09-30T23:00:00');
  s = await t.seedCompany();
  const db = t.database.db;
  await db.execute(sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`);
  const engineering = await t.make.department({
    companyId: s.company.id,
    officeId: s.office.id,
    name: '工程维修组',
    function: 'engineering',
  });
  ids.engineering = engineering.id;
  await db.execute(
    sql`update users set department_id = ${engineering.id} where id = ${s.users.technician.id}`,
  );
  for (const name of ['电梯', '噪音<扰民>', '绿化'])
    cat[name] = (
      await db.insert(categories).values({ companyId: s.company.id, name }).returning({ id: categories.id })
    )[0].id;

  // 翠湖花园: 10 occupied rooms and 1 vacant; 锦绣家园: 10 occupied. Occupied households of office 1 = 20.
  const cuihu = await t.make.community({ officeId: s.office.id, name: '翠湖花园' });
  ids.cuihu = cuihu.id;
  const b3 = await t.make.building({ communityId: cuihu.id, name: '3号楼' });
  const u2 = await t.make.unit({ buildingId: b3.id, name: '2单元' });
  for (const n of ['501', '502', '503', '601', '602', '603', '604', '605', '606', '607'])
    rooms[n] = (await t.make.room({ unitId: u2.id, number: n })).id;
  await t.make.room({ unitId: u2.id, number: '504', status: 'vacant' });
  const jinxiu = await t.make.community({ officeId: s.office.id, name: '锦绣家园' });
  ids.jinxiu = jinxiu.id;
  const b1 = await t.make.building({ communityId: jinxiu.id, name: '1栋' });
  const u1 = await t.make.unit({ buildingId: b1.id, name: '1单元' });
  for (const n of ['1201', '1202', '1301', '1302', '1303', '1304', '1305', '1306', '1307', '1308'])
    rooms[n] = (await t.make.room({ unitId: u1.id, number: n })).id;
  await t.make.resident({ rooms: [{ roomId: rooms['501'] }], name: '张三', phones: ['13812345678'] });
  await t.make.resident({ rooms: [{ roomId: rooms['502'] }], name: '王芳' });
  await t.make.resident({ rooms: [{ roomId: rooms['1202'] }], name: '李建国', phones: ['0755-86001234'] });

  // Office 2: its own director, agent and community.
  const d2 = await t.make.user({
    companyId: s.company.id,
    roles: ['director'],
    officeIds: [s.otherOffice.id],
  });
  const a2 = await t.make.user({ companyId: s.company.id, roles: ['agent'], officeIds: [s.otherOffice.id] });
  const d2Cookie = await t.login(d2.username);
  const a2Cookie = await t.login(a2.username);
  director2 = (o) => t.app.inject({ ...o, headers: { ...o.headers, cookie: d2Cookie } });
  agent2 = (o) => t.app.inject({ ...o, headers: { ...o.headers, cookie: a2Cookie } });
  const other = await t.make.community({ officeId: s.otherOffice.id, name: '别处小区' });
  const otherRoom = await t.make.room({
    unitId: (await t.make.unit({ buildingId: (await t.make.building({ communityId: other.id })).id })).id,
  });

  // Every matter of this month is called back, the inquiry answered on the spot too: the company switched the
  // callback exemption off (INTAKE-11), so C6's callback falls due and counts.
  await t.database.db.execute(sql`insert into company_policies (company_id, callback_exempt_kinds)
    values (${s.company.id}, '[]'::jsonb)
    on conflict (company_id) do update set callback_exempt_kinds = '[]'::jsonb`);
  const agent = s.as('agent');
  // C8 — September (23:30 on 30 Sep local), invalidated on 1 Oct: only its reply clock (due 1 Oct) is October's.
  at('2026-09-30T23:30:00');
  ids.c8 = await intake(agent, {
    kind: 'complaint',
    roomId: rooms['501'],
    categoryId: cat['电梯'],
    reporter: { name: '张三' },
    description: '九月底的投诉',
  });
  at('2026-10-01T00:10:00');
  await act('supervisor', ids.c8, 'invalidate', { explanation: '重复反映，已说明' });

  at('2026-10-01T09:00:00');
  ids.c1 = await intake(agent, {
    kind: 'complaint',
    severity: 'major',
    roomId: rooms['501'],
    categoryId: cat['电梯'],
    reporter: { name: '张三', phone: '13812345678' },
    description: '3号楼2单元501业主张三反映电梯经常停运，电话13812345678，要求尽快修复',
  });
  ids.c2 = await intake(agent, {
    kind: 'complaint',
    roomId: rooms['502'],
    categoryId: cat['电梯'],
    reporter: { name: '王芳' },
    description: '电梯按钮失灵，王芳女士多次反映',
  });
  ids.c3 = await intake(agent, {
    kind: 'complaint',
    severity: 'emergency',
    roomId: rooms['1202'],
    categoryId: cat['噪音<扰民>'],
    reporter: { name: '李建国', phone: '0755-86001234' },
    description: '1栋1单元1202李建国投诉楼上深夜噪音，座机0755-86001234',
  });
  ids.c4 = await intake(agent, {
    kind: 'complaint',
    roomId: rooms['1201'],
    categoryId: cat['绿化'],
    reporter: { name: '赵六' },
    description: '投诉保洁不到位',
  });
  ids.c5 = await intake(agent, {
    kind: 'repair',
    roomId: rooms['501'],
    categoryId: cat['电梯'],
    reporter: { name: '张三' },
    description: '电梯停运（重复来电）',
  });
  ids.c6 = await intake(agent, {
    kind: 'inquiry',
    channel: 'visit',
    reporter: { name: '孙七' },
    description: '咨询物业费缴纳方式',
    resolvedOnTheSpot: { result: '已告知缴费方式' },
  });
  ids.c7 = await intake(agent, {
    kind: 'complaint',
    roomId: rooms['503'],
    categoryId: cat['绿化'],
    reporter: { name: '周八' },
    description: '小区绿化带长期无人修剪',
  });
  ids.c10 = await intake(agent2, {
    kind: 'complaint',
    roomId: otherRoom.id,
    reporter: { name: '别处业主' },
    description: '别处的投诉',
  });
  // routed, the resident told the time limit on the same call (ROUTE-2)
  const toEngineering = {
    target: { type: 'department', id: ids.engineering },
    residentTold: { via: 'phone' },
  };
  at('2026-10-01T09:20:00');
  await act('agent', ids.c1, 'route', toEngineering);
  await act('agent', ids.c2, 'route', toEngineering);
  at('2026-10-01T09:30:00');
  await act('technician', ids.c1, 'accept');
  await act('technician', ids.c2, 'accept');
  await act('supervisor', ids.c4, 'invalidate', {
    explanation: '经核实为业主私人区域，不属于物业服务范围，已向业主说明',
  });
  await act('agent', ids.c7, 'route', toEngineering);
  at('2026-10-01T09:35:00');
  await act('technician', ids.c7, 'accept');
  at('2026-10-01T09:40:00');
  await act('agent', ids.c3, 'route', toEngineering);
  at('2026-10-01T09:50:00');
  await act('agent', ids.c5, 'merge', { intoCaseId: ids.c1 });
  at('2026-10-01T10:00:00');
  await act('technician', ids.c3, 'accept');
  at('2026-10-01T11:00:00');
  await act('technician', ids.c3, 'wait', { reason: '等待供电局停电检修后处理' });
  at('2026-10-01T15:00:00');
  await act('technician', ids.c1, 'resolve', { result: '已更换电梯控制板，业主张三确认恢复运行' });
  at('2026-10-01T16:00:00');
  await act('technician', ids.c2, 'resolve', { result: '已更换按钮' });

  at('2026-10-02T10:00:00');
  await sweep(t.database.db, t.clock, { companyId: s.company.id });
  await act('director', ids.c1, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' });
  at('2026-10-02T11:00:00');
  await act('agent', ids.c2, 'callback', {
    method: 'phone',
    reached: true,
    satisfaction: 'unsatisfied',
    reason: '按钮仍然失灵',
  });
  at('2026-10-03T10:00:00');
  await act('technician', ids.c2, 'resolve', { result: '更换了整块按钮面板' });
  at('2026-10-04T10:00:00');
  await sweep(t.database.db, t.clock, { companyId: s.company.id });
  await act('agent', ids.c2, 'callback', {
    method: 'visit',
    reached: true,
    satisfaction: 'basically_satisfied',
  });
  at('2026-10-05T10:00:00');
  await act('director', ids.c7, 'close', { reason: '业主要求的赔偿超出合同约定，已当面解释' });

  // C9 — 23:30 on 31 October local (15:30 UTC): still October's.
  at('2026-10-31T23:30:00');
  ids.c9 = await intake(agent, {
    kind: 'complaint',
    roomId: rooms['502'],
    categoryId: cat['电梯'],
    reporter: { name: '王芳' },
    description: '电梯又坏了',
  });
  at('2026-11-03T10:00:00');
  await sweep(t.database.db, t.clock, { companyId: s.company.id });
});
afterAll(() => t.close());

const figureOf = (f: Json) => ({ value: f.value, numerator: f.numerator, denominator: f.denominator });
const bucket = (list: Json[], key: string) => list.find((b) => b.key === key)?.count;

describe('REPORT-1 drafting: on the 1st by the job, otherwise on first read', () => {
  it('the job drafts every office’s previous month once; a second run drafts nothing', async () => {
    expect(await draftMonthlySummaries(t.database.db, t.clock)).toBe(2);
    expect(await draftMonthlySummaries(t.database.db, t.clock)).toBe(0);
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from monthly_summaries where company_id = ${s.company.id} and year = 2026 and month = 10`,
    );
    expect(rows[0].n).toBe(2);
  });

  it('without year and month: the last finished month (October on 3 November)', async () => {
    const res = await monthly(s.as('director'), '');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2026, month: 10, officeId: s.office.id });
  });

  it('the month in progress: November so far, marked, stored nowhere, with no workflow; December is refused', async () => {
    const res = await monthly(s.as('director'), 'year=2026&month=11');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({ year: 2026, month: 11, inProgress: true, id: '', allowedActions: [] });
    expect(m.figures.received).toBe(0);
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from monthly_summaries where company_id = ${s.company.id} and month = 11`,
    );
    expect(rows[0].n).toBe(0);
    const october = await monthly(s.as('director'), 'year=2026&month=10');
    expect(october.json().inProgress).toBe(false);
    const future = await monthly(s.as('director'), 'year=2026&month=12');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields['querystring.month']).toBe(
      MESSAGES['zh-CN']['field.month_not_started'],
    );
  });
});

describe('REPORT-4 figures of October, worked out by hand', () => {
  let m: Json;
  beforeAll(async () => {
    const res = await monthly(s.as('director'), 'year=2026&month=10');
    expect(res.statusCode, res.body).toBe(200);
    m = res.json();
  });

  it('the director’s own office by default; status draft; the month is local (Asia/Shanghai)', () => {
    expect(m.officeId).toBe(s.office.id);
    expect(m.status).toBe('draft');
    expect(m.period).toEqual({ start: '2026-09-30T16:00:00.000Z', end: '2026-10-31T16:00:00.000Z' });
    expect(m.allowedActions).toEqual(['editPublic', 'approve']);
  });

  it('counts by receivedAt: C1–C7 and C9 (23:30 on 31 Oct) but not C8 (30 Sep) nor office 2’s C10', () => {
    const f = m.figures;
    expect(f.received).toBe(8);
    expect(f.invalid).toBe(1); // C4
    expect(f.merged).toBe(1); // C5 into C1
    expect(f.counted).toBe(6); // C1 C2 C3 C6 C7 C9
    expect(f.validComplaints).toBe(5); // C1 C2 C3 C7 C9
    expect(bucket(f.byKind, 'complaint')).toBe(5);
    expect(bucket(f.byKind, 'inquiry')).toBe(1);
    expect(bucket(f.byKind, 'repair')).toBe(0); // the merged repair is set apart
    expect(bucket(f.byCategory, cat['电梯'])).toBe(3); // C1 C2 C9
    expect(bucket(f.byCategory, cat['噪音<扰民>'])).toBe(1);
    expect(bucket(f.byCategory, cat['绿化'])).toBe(1); // C7 (C4 is invalid)
    expect(bucket(f.byCategory, 'none')).toBe(1); // C6
    expect(f.byCategory.find((b: Json) => b.key === 'none').label).toBe('未分类');
    expect(bucket(f.byChannel, 'phone')).toBe(5);
    expect(bucket(f.byChannel, 'visit')).toBe(1);
    expect(bucket(f.bySeverity, 'major')).toBe(1);
    expect(bucket(f.bySeverity, 'emergency')).toBe(1);
    expect(bucket(f.bySeverity, 'general')).toBe(4);
    expect(f.byKind.find((b: Json) => b.key === 'complaint').label).toBe('投诉');
  });

  it('on-time rate per clock = met on time ÷ fell due in October (C8’s reply is October’s, C9’s route is November’s)', () => {
    const clock = (name: string) => figureOf(m.figures.onTime.find((c: Json) => c.clock === name));
    // route: C1 C2 C3 C7 met in time; C4/C5/C8 stopped before due (invalidated, merged) do not count
    expect(clock('route')).toEqual({ value: 1, numerator: 4, denominator: 4 });
    // verify: C1 C2 C4 on time; C3 C7 breached by the sweep on 2 Oct; C9 (due 31 Oct 23:59) breached on 3 Nov
    expect(clock('verify')).toEqual({ value: 0.5, numerator: 3, denominator: 6 });
    // reply: C8 C1 C2 C4 C6 on time; C3 C7 breached
    expect(clock('reply')).toEqual({ value: 5 / 7, numerator: 5, denominator: 7 });
    // resolve: C1, C2's second run, C6 (on the spot); C3 paused and C7 closed before due do not count
    expect(clock('resolve')).toEqual({ value: 1, numerator: 3, denominator: 3 });
    // callback: C1, C2's second run on time; C6 never called back (breached)
    expect(clock('callback')).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    // dispatch counts from receipt (REPAIR-2): C5, a repair merged without ever reaching a repair team, breached
    expect(clock('dispatch')).toEqual({ value: 0, numerator: 0, denominator: 1 });
    // zero denominators: no sister unit contacted → "—"
    expect(clock('contact')).toEqual({ value: null, numerator: 0, denominator: 0 });
    // all clocks: the above, and C3's onsite and progress (an emergency: nobody recorded arrival or updated the
    // resident, EMERGENCY-2, EMERGENCY-3) breached
    expect(figureOf(m.figures.onTimeAll)).toEqual({ value: 17 / 26, numerator: 17, denominator: 26 });
    expect(m.figures.onTimeAll.formulaKey).toBe('formula.on_time');
  });

  it('callback rate = callbacks done ÷ due = 2 ÷ 3, below the 100% target', () => {
    expect(figureOf(m.figures.callbackRate)).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(m.figures.callbackRate.target).toEqual({ op: '>=', value: 1 });
    expect(m.figures.callbackRate.meetsTarget).toBe(false);
  });

  it('satisfaction rate = (满意 1 + 基本满意 1) ÷ 3 answered callbacks (C2 answered twice)', () => {
    expect(m.figures.satisfaction).toEqual({
      answered: 3,
      satisfied: 1,
      basicallySatisfied: 1,
      unsatisfied: 1,
    });
    expect(figureOf(m.figures.satisfactionRate)).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
  });

  it('reopen rate = 1 reopened (C2, by an unsatisfied callback) ÷ 3 resolved (C1, C2 once, C6)', () => {
    expect(figureOf(m.figures.reopenRate)).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
  });

  it('effective complaint rate = 5 valid complaints ÷ 20 occupied households (the vacant room not counted)', () => {
    expect(m.figures.occupiedHouseholds).toBe(20);
    expect(figureOf(m.figures.effectiveComplaintRate)).toEqual({
      value: 0.25,
      numerator: 5,
      denominator: 20,
    });
    expect(m.figures.effectiveComplaintRate.meetsTarget).toBe(false);
  });

  it('per community: 翠湖花园 4 ÷ 10, 锦绣家园 1 ÷ 10, and the case without a room with "—"', () => {
    const c = (id: string | null) => m.communities.find((x: Json) => x.communityId === id);
    // 翠湖花园: C1 C2 C5 C7 C9 received; C5 merged
    expect(c(ids.cuihu)).toMatchObject({ name: '翠湖花园', received: 5, counted: 4, validComplaints: 4 });
    expect(figureOf(c(ids.cuihu).effectiveComplaintRate)).toEqual({
      value: 0.4,
      numerator: 4,
      denominator: 10,
    });
    expect(c(ids.jinxiu)).toMatchObject({
      received: 2,
      counted: 1,
      validComplaints: 1,
      occupiedHouseholds: 10,
    });
    expect(c(null)).toMatchObject({ name: '未关联小区', received: 1, counted: 1, occupiedHouseholds: 0 });
    expect(c(null).effectiveComplaintRate.value).toBeNull();
    // the callbacks: C1 C2 in 翠湖花园 done, C6 without a community not done
    expect(figureOf(c(ids.cuihu).callbackRate)).toEqual({ value: 1, numerator: 2, denominator: 2 });
    expect(figureOf(c(null).callbackRate)).toEqual({ value: 0, numerator: 0, denominator: 1 });
  });

  it('notable cases: the major C1 and the emergency C3 of the month, and C7 closed unsatisfied', () => {
    const notable = Object.fromEntries(m.notable.map((c: Json) => [c.id, c]));
    expect(Object.keys(notable).sort()).toEqual([ids.c1, ids.c3, ids.c7].sort());
    expect(notable[ids.c1].reason).toBe('major');
    expect(notable[ids.c1].summary).toBe('某房号业主某业主反映电梯经常停运，电话某电话，要求尽快修复');
    expect(notable[ids.c1].action).toBe('已更换电梯控制板，业主某业主确认恢复运行');
    expect(notable[ids.c3].reason).toBe('emergency');
    expect(notable[ids.c7]).toMatchObject({ reason: 'closed_unsatisfied', state: 'closed' });
    expect(notable[ids.c7].action).toBe('业主要求的赔偿超出合同约定，已当面解释');
  });

  it('could not be fixed: C7 closed by the director, C3 and C9 open at month end, with the latest explanation', () => {
    const unresolved = Object.fromEntries(m.unresolved.map((c: Json) => [c.id, c]));
    expect(Object.keys(unresolved).sort()).toEqual([ids.c3, ids.c7, ids.c9].sort());
    expect(unresolved[ids.c7].reason).toBe('closed_by_director');
    expect(unresolved[ids.c3]).toMatchObject({
      reason: 'open_at_month_end',
      action: '等待供电局停电检修后处理',
    });
    expect(unresolved[ids.c9]).toMatchObject({ reason: 'open_at_month_end', action: null });
  });

  it('every formula key has its text in both languages', () => {
    for (const key of Object.values(FORMULA_KEYS)) {
      expect(MESSAGES['zh-CN'][key as keyof (typeof MESSAGES)['zh-CN']], key).toBeTruthy();
      expect(MESSAGES['en-US'][key as keyof (typeof MESSAGES)['en-US']], key).toBeTruthy();
    }
  });

  it('the drill-down lists the cases behind a figure', async () => {
    const drill = async (query: string) => {
      const res = await s.as('director')({
        method: 'GET',
        url: `/api/reports/monthly/${m.id}/cases?${query}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as Json[]).map((c) => c.id).sort();
    };
    expect(await drill('figure=callbackNotDone')).toEqual([ids.c6]);
    expect(await drill('figure=clockLate&clock=verify')).toEqual([ids.c3, ids.c7, ids.c9].sort());
    expect(await drill(`figure=category&value=${cat['电梯']}`)).toEqual([ids.c1, ids.c2, ids.c9].sort());
    expect(await drill('figure=invalid')).toEqual([ids.c4]);
    expect(await drill('figure=reopened')).toEqual([ids.c2]);
    expect(await drill(`figure=validComplaints&communityId=${ids.jinxiu}`)).toEqual([ids.c3]);
    const paged = await s.as('director')({
      method: 'GET',
      url: `/api/reports/monthly/${m.id}/cases?figure=received&limit=5`,
    });
    expect(paged.json()).toMatchObject({ total: 8, totalCapped: false });
    expect(paged.json().items).toHaveLength(5);
    const rest = await s.as('director')({
      method: 'GET',
      url: `/api/reports/monthly/${m.id}/cases?figure=received&limit=5&cursor=${paged.json().nextCursor}`,
    });
    expect(rest.json().items).toHaveLength(3);
    const missing = await s.as('director')({
      method: 'GET',
      url: `/api/reports/monthly/${m.id}/cases?figure=kind`,
    });
    expect(missing.statusCode).toBe(400);
  });
});

describe('REPORT-3 public version (公示版): anonymised, small groups merged', () => {
  let m: Json;
  beforeAll(async () => {
    m = (await monthly(s.as('director'), `officeId=${s.office.id}&year=2026&month=10`)).json();
  });

  it('carries no planted name, room number or phone anywhere', async () => {
    const res = await s.as('director')({ method: 'GET', url: `/api/reports/monthly/${m.id}/public` });
    expect(res.statusCode).toBe(200);
    expectNoPlanted(res.body);
    expect(JSON.stringify(m.publicVersion)).toEqual(res.body);
  });

  it('categories and communities below 3 cases merge into 其他; kinds are shown', () => {
    const p = m.publicVersion;
    expect(p.minGroupSize).toBe(3);
    expect(p.byCategory).toEqual([
      { key: cat['电梯'], label: '电梯', count: 3 },
      { key: 'other', label: '其他', count: 3 },
    ]);
    expect(p.byCommunity).toEqual([
      { key: ids.cuihu, label: '翠湖花园', count: 4 },
      { key: 'other', label: '其他', count: 2 },
    ]);
    expect(p.figures).toMatchObject({ counted: 6, validComplaints: 5, invalid: 1 });
    expect(figureOf(p.figures.callbackRate)).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
  });

  it('the threshold is the company’s policy (report_policy.publicMinGroupSize)', async () => {
    await t.database.db.execute(
      sql`insert into company_policies (company_id, report_policy) values (${s.company.id}, '{"publicMinGroupSize": 1}')
        on conflict (company_id) do update set report_policy = excluded.report_policy`,
    );
    const p = (await monthly(s.as('director'), 'year=2026&month=10')).json().publicVersion;
    expect(p.byCategory.map((b: Json) => b.count)).toEqual([3, 1, 1, 1]);
    await t.database.db.execute(
      sql`update company_policies set report_policy = '{}' where company_id = ${s.company.id}`,
    );
  });

  it('the drafted wording states the month’s figures and lists notable and unresolved matters, anonymised', () => {
    const text = m.publicVersion.text;
    expect(text.intro).toContain('2026年10月');
    expect(text.intro).toContain('共受理业主各类事项 6 件，其中投诉 5 件');
    expect(text.intro).toContain('回访率 66.7%');
    expect(text.intro).toContain('有效投诉率 25.00%');
    expect(text.notable).toContain('某房号业主某业主反映电梯经常停运');
    expect(text.unresolved).toContain('等待供电局停电检修后处理');
    expect(m.publicTextEdited).toBe(false);
  });
});

describe('REPORT-1 scope: a director sees only their office', () => {
  it('director of office 2 asking for office 1 → 403; office 1’s summary by id → 404', async () => {
    const own = (await monthly(s.as('director'), 'year=2026&month=10')).json();
    expect((await monthly(director2, `officeId=${s.office.id}&year=2026&month=10`)).statusCode).toBe(403);
    for (const url of [
      `/api/reports/monthly/${own.id}`,
      `/api/reports/monthly/${own.id}/public`,
      `/api/reports/monthly/${own.id}/export.xlsx`,
      `/api/reports/monthly/${own.id}/print`,
      `/api/reports/monthly/${own.id}/cases?figure=received`,
    ])
      expect((await director2({ method: 'GET', url })).statusCode, url).toBe(404);
    const approve = await director2({
      method: 'POST',
      url: `/api/reports/monthly/${own.id}/approve`,
      payload: { version: own.version },
    });
    expect(approve.statusCode).toBe(404);
  });

  it('director of office 2 gets office 2 only: C10 and nothing of office 1', async () => {
    const res = await monthly(director2, 'year=2026&month=10');
    expect(res.statusCode).toBe(200);
    expect(res.json().officeId).toBe(s.otherOffice.id);
    expect(res.json().figures.received).toBe(1);
  });

  it('the company-wide summary is for the manager; the agent has no reports.read', async () => {
    const company = await monthly(s.as('manager'), 'year=2026&month=10');
    expect(company.statusCode).toBe(200);
    expect(company.json().officeId).toBeNull();
    expect(company.json().figures.received).toBe(9); // office 1's 8 and office 2's C10
    expect((await monthly(s.as('agent'), 'year=2026&month=10')).statusCode).toBe(403);
    expect((await monthly(agent2, 'year=2026&month=10')).statusCode).toBe(403);
    expect((await monthly(s.as('auditor'), 'year=2026&month=10')).statusCode).toBe(200);
  });
});

describe('REPORT-3 workflow: the director edits the public wording, approves, publishes', () => {
  let m: Json;
  const clean = {
    intro: '十月份共受理业主事项 6 件，回访率约六成七。',
    notable: '电梯故障已更换控制板。',
    unresolved: '一处噪音问题等待供电部门停电检修。',
    closing: '感谢业主监督。',
  };
  beforeAll(async () => {
    m = (await monthly(s.as('director'), 'year=2026&month=10')).json();
  });
  const put = (as: Inject, body: Json) =>
    as({ method: 'PUT', url: `/api/reports/monthly/${m.id}/public`, payload: body });

  it('refuses wording that names a resident, a room or a phone, with the offending field', async () => {
    for (const [field, text, kind] of [
      ['notable', '3号楼2单元501的电梯已修复', 'room'],
      ['unresolved', '李建国家的噪音问题', 'name'],
      ['intro', '请拨打138 1234 5678', 'phone'],
      ['closing', '感谢王芳女士的监督', 'name'],
    ] as const) {
      const res = await put(s.as('director'), { version: m.version, text: { ...clean, [field]: text } });
      expect(res.statusCode, text).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual([`text.${field}`]);
      expect(res.json().error.details.findings[0].kind).toBe(kind);
    }
  });

  it('the supervisor may read but not edit (403); a stale version is a 409', async () => {
    expect((await put(s.as('supervisor'), { version: m.version, text: clean })).statusCode).toBe(403);
    const stale = await put(s.as('director'), { version: m.version + 5, text: clean });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(m.version);
  });

  it('publishing before approval is refused (409 invalid_transition)', async () => {
    const res = await s.as('director')({
      method: 'POST',
      url: `/api/reports/monthly/${m.id}/publish`,
      payload: { version: m.version },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.state).toBe('draft');
  });

  it('saves clean wording, approves with the approval record, freezes figures, publishes', async () => {
    // a partial save keeps the other fields' (drafted) wording
    const partial = await put(s.as('director'), { version: m.version, text: { closing: clean.closing } });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json().publicVersion.text).toEqual({ ...m.publicVersion.text, closing: clean.closing });
    const saved = await put(s.as('director'), { version: partial.json().version, text: clean });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().publicTextEdited).toBe(true);
    expect(saved.json().publicVersion.text).toEqual(clean);

    t.clock.set(new Date('2026-11-04T09:00:00+08:00'));
    const approved = await s.as('director')({
      method: 'POST',
      url: `/api/reports/monthly/${m.id}/approve`,
      payload: { version: saved.json().version },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const a = approved.json();
    expect(a.status).toBe('approved');
    expect(a.frozen).toBe(true);
    expect(a.workflow.approvedBy.id).toBe(s.users.director.id);
    // the fake clock keeps ticking in real time after it is set
    expect(Date.parse(a.workflow.approvedAt) - Date.parse('2026-11-04T01:00:00Z')).toBeLessThan(10_000);
    expect(a.publicVersion).toMatchObject({ status: 'approved', approvedAt: a.workflow.approvedAt });
    expect(a.allowedActions).toEqual(['publish']);

    // Frozen: a complaint back-dated into October after approval changes no figure (the drill-down is live).
    await intake(s.as('agent'), {
      kind: 'complaint',
      roomId: rooms['601'],
      description: '补录的十月投诉',
      receivedAt: '2026-10-20T10:00:00+08:00',
    });
    const after = (await s.as('director')({ method: 'GET', url: `/api/reports/monthly/${m.id}` })).json();
    expect(after.figures.received).toBe(8);
    expect(after.figures.validComplaints).toBe(5);
    expect(after.publicVersion.text).toEqual(clean);

    const edit = await put(s.as('director'), { version: a.version, text: clean });
    expect(edit.statusCode).toBe(409);

    const published = await s.as('director')({
      method: 'POST',
      url: `/api/reports/monthly/${m.id}/publish`,
      payload: { version: a.version },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');
    expect(published.json().workflow.publishedBy.id).toBe(s.users.director.id);
    expect(published.json().workflow.overdue).toBe(false);
    const { rows } = await t.database.db.execute<{ status: string; approved_by_id: string }>(
      sql`select status, approved_by_id from monthly_summaries where id = ${m.id}`,
    );
    expect(rows[0]).toEqual({ status: 'published', approved_by_id: s.users.director.id });
    // 002 篇4 4.2.2.2: publishing meets the month's publication deadline; the sweep no longer looks at it
    const deadline = await t.database.db.execute<{ met: boolean; next: unknown }>(
      sql`select met_at is not null as met, next_check_at as next from deadlines
        where kind = 'monthly_summary' and subject_id = ${m.id}`,
    );
    expect(deadline.rows).toEqual([{ met: true, next: null }]);
  });

  it('overdue after the 5th: office 2’s unpublished October shows on the board, office 1’s published one does not', async () => {
    const before = (await director2({ method: 'GET', url: '/api/reports/monthly/status' })).json();
    expect(before.items).toEqual([
      expect.objectContaining({
        officeId: s.otherOffice.id,
        year: 2026,
        month: 10,
        status: 'draft',
        overdue: false,
      }),
    ]);
    t.clock.set(new Date('2026-11-06T00:00:00+08:00'));
    const late = (await director2({ method: 'GET', url: '/api/reports/monthly/status' })).json();
    expect(late.items[0]).toMatchObject({ overdue: true, deadline: '2026-11-05T16:00:00.000Z' });
    expect(late.overdueCount).toBe(1);
    const mine = (await s.as('director')({ method: 'GET', url: '/api/reports/monthly/status' })).json();
    expect(mine.items).toEqual([expect.objectContaining({ status: 'published', overdue: false })]);
    const all = (await s.as('manager')({ method: 'GET', url: '/api/reports/monthly/status' })).json();
    expect(all.items.map((i: Json) => i.officeId).sort()).toEqual([s.office.id, s.otherOffice.id].sort());
    expect(
      (await director2({ method: 'GET', url: `/api/reports/monthly/status?officeId=${s.office.id}` }))
        .statusCode,
    ).toBe(403);
  });
});

describe('REPORT-1 exports: .xlsx with Chinese sheet names and an A4 print page', () => {
  let id: string;
  beforeAll(async () => {
    id = (await monthly(s.as('director'), 'year=2026&month=10')).json().id;
  });

  const workbook = async (res: LightMyRequestResponse) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };
  const allText = (wb: ExcelJS.Workbook) => {
    const out: string[] = [];
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text ?? '')))),
    );
    return out.join('\n');
  };

  it('internal .xlsx parses back: 汇总 with the rates, 分类统计, 明细 of every case received, 重点事项', async () => {
    const res = await s.as('director')({ method: 'GET', url: `/api/reports/monthly/${id}/export.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="[^"]+"; filename\*=UTF-8''.+\.xlsx$/,
    );
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1])).toContain(
      '2026年10月',
    );
    const wb = await workbook(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '明细', '重点事项']);
    const summary = wb.getWorksheet('汇总')!;
    const rows: ExcelJS.CellValue[][] = [];
    summary.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    const callback = rows.find((r) => r[0] === '回访率')!;
    expect(callback.slice(1, 6)).toEqual([2 / 3, 2, 3, '≥ 100%', '未达标']);
    expect(rows.find((r) => r[0] === '按时率：派工')![1]).toBe(0);
    expect(rows.find((r) => r[0] === '按时率：联系兄弟单位')![1]).toBe('—');
    expect(rows.find((r) => r[0] === '入住户数')![1]).toBe(20);
    // 明细: a header and the 8 cases received in October (the frozen figures say 8; the sheet is live: 9 with the
    // complaint back-dated after approval)
    expect(wb.getWorksheet('明细')!.rowCount).toBe(1 + 9);
    expect(allText(wb)).not.toContain('13812345678');
  });

  it('public .xlsx: 汇总, 分类统计, 公示内容 — and none of the planted personal data', async () => {
    const res = await s.as('director')({
      method: 'GET',
      url: `/api/reports/monthly/${id}/export.xlsx?version=public`,
    });
    expect(res.statusCode).toBe(200);
    const wb = await workbook(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '公示内容']);
    const text = allText(wb);
    expectNoPlanted(text);
    expect(text).toContain('电梯故障已更换控制板。');
  });

  it('print page: A4 HTML, escaped, no planted personal data in the public version', async () => {
    const pub = await s.as('director')({ method: 'GET', url: `/api/reports/monthly/${id}/print` });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toContain('text/html');
    expect(pub.body).toContain('size: A4');
    expect(pub.body).toContain('业主投诉处理情况公示');
    expectNoPlanted(pub.body);
    const internal = await s.as('director')({
      method: 'GET',
      url: `/api/reports/monthly/${id}/print?version=internal`,
    });
    expect(internal.body).toContain('噪音&lt;扰民&gt;');
    expect(internal.body).not.toContain('噪音<扰民>');
  });
});

/**
 * The public summary’s anonymiser — 002 篇4 4.2.2.2: the public summary is published "avoiding the customers' room numbers and
 * names", and is approved by the director; 001 通知 二.2: 姓名、房号、联系方式 stay confidential. Office 2's October
 * (the tests above that read it have run): a case whose text carries a licence plate, a former employee's name, a name only jieba
 * recognises and a long number no pattern explains.
 */
describe('001 通知 二.2; 002 篇4 4.2.2.2 (002 篇4 4.2.2.2): highlights the director must redact or keep before approving', () => {
  let m: Json;
  const october = () => monthly(director2, `officeId=${s.otherOffice.id}&year=2026&month=10`);
  const decide = (as: Inject, body: Json) =>
    as({ method: 'POST', url: `/api/reports/monthly/${m.id}/highlights`, payload: body });
  const approve = (as: Inject, version: number) =>
    as({ method: 'POST', url: `/api/reports/monthly/${m.id}/approve`, payload: { version } });
  const shown = (summary: Json) =>
    summary.publicHighlights.map((h: Json) => ({
      kind: h.kind,
      text: h.text,
      choice: h.choice,
      // the offsets point at the word (or its placeholder) in the wording shown
      at: summary.publicVersion.text[h.field].slice(h.start, h.end),
    }));

  beforeAll(async () => {
    at('2026-11-06T10:00:00');
    // a former employee: deactivated, their name still personal data
    await t.make.user({ companyId: s.company.id, name: '周建华', active: false });
    await intake(agent2, {
      kind: 'complaint',
      description: '陈志强反映粤B12345长期堵门，维修工周建华已登记，合同编号20261105001',
      receivedAt: '2026-10-12T10:00:00+08:00',
    });
    m = (await october()).json();
  });

  it('the draft redacts the plate and the former employee, and highlights the name and the number', () => {
    const text = m.publicVersion.text.unresolved;
    expect(text).toContain('某车牌');
    expect(text).toContain('某员工');
    expect(text).not.toContain('粤B12345');
    expect(text).not.toContain('周建华');
    expect(shown(m)).toEqual([
      { kind: 'person_name', text: '陈志强', choice: null, at: '陈志强' },
      { kind: 'digits', text: '20261105001', choice: null, at: '20261105001' },
    ]);
  });

  it('approval is refused (422 rule_violation, rule public_text_unreviewed) while a highlight is undecided', async () => {
    const res = await approve(director2, m.version);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'rule_violation',
      details: { rule: 'public_text_unreviewed' },
    });
    expect(res.json().error.details.highlights.map((h: Json) => h.text)).toEqual(['陈志强', '20261105001']);
    expect(res.json().error.message).toContain('2');
    expect((await october()).json().status).toBe('draft');
  });

  it('only the office’s director decides: other office 404, no reports.approve 403, stale 409, unknown word 400', async () => {
    const [name] = m.publicHighlights;
    const body = { version: m.version, highlightId: name.id, choice: 'redact' };
    expect((await decide(s.as('director'), body)).statusCode).toBe(404);
    expect((await decide(agent2, body)).statusCode).toBe(403);
    const stale = await decide(director2, { ...body, version: m.version + 3 });
    expect(stale.statusCode).toBe(409);
    const unknown = await decide(director2, { ...body, highlightId: 'unresolved.name-x-0' });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().error.fields)).toEqual(['body.highlightId']);
    expect((await october()).json().publicHighlights.every((h: Json) => h.choice === null)).toBe(true);
  });

  it('each choice is recorded and re-applied; once all are decided the director approves the wording as decided', async () => {
    const [name, digits] = m.publicHighlights;
    const redacted = await decide(director2, { version: m.version, highlightId: name.id, choice: 'redact' });
    expect(redacted.statusCode, redacted.body).toBe(200);
    const r = redacted.json();
    expect(r.publicVersion.text.unresolved).not.toContain('陈志强');
    expect(shown(r)).toEqual([
      { kind: 'person_name', text: '陈志强', choice: 'redact', at: '某人' },
      { kind: 'digits', text: '20261105001', choice: null, at: '20261105001' },
    ]);
    expect(r.publicHighlights[0].decidedBy.id).toBeTruthy();
    expect(Date.parse(r.publicHighlights[0].decidedAt)).toBeGreaterThan(Date.parse('2026-11-06T01:00:00Z'));
    // still one to go
    const refused = await approve(director2, r.version);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.highlights.map((h: Json) => h.text)).toEqual(['20261105001']);

    const kept = await decide(director2, { version: r.version, highlightId: digits.id, choice: 'keep' });
    expect(kept.statusCode, kept.body).toBe(200);
    const approved = await approve(director2, kept.json().version);
    expect(approved.statusCode, approved.body).toBe(200);
    const a = approved.json();
    expect(a.status).toBe('approved');
    expect(a.publicVersion.text.unresolved).toContain('某人');
    expect(a.publicVersion.text.unresolved).toContain('20261105001');
    expect(a.publicVersion.text.unresolved).not.toContain('陈志强');
    // the record of who decided what stays with the frozen summary
    expect(shown(a).map((h: Json) => h.choice)).toEqual(['redact', 'keep']);
    expect(a.publicHighlights.map((h: Json) => h.decidedBy.id)).toEqual([
      a.workflow.approvedBy.id,
      a.workflow.approvedBy.id,
    ]);
    const late = await decide(director2, { version: a.version, highlightId: digits.id, choice: 'redact' });
    expect(late.statusCode).toBe(409);
  });
});
