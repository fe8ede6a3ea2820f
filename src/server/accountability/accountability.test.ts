/**
 * LEDGER-1 (004 第十三条): the duty ledger derived from a scripted month of real cases,
 * the director's decisions, the performance figures of people and departments, and scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { sweep } from '../deadlines/sweeper';
import { injectHelpers } from '../problems/test-api';
import { deriveDutyViolations } from './accountability.service';

type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

let t: TestApp;
let s: SeededCompany;
let api: Awaited<ReturnType<typeof injectHelpers>>;
let as: (role: keyof SeededCompany['cookies']) => Inject;
let roomId: string;
let engId: string;
let csId: string;
let director2: { id: string; cookie: string };
let agent2: { id: string; cookie: string };
const cases: Record<string, { id: string; number: string }> = {};

/** Monday 12 October 2026, 09:00 in Shanghai. */
const T0 = new Date('2026-10-12T01:00:00Z');
const MIN = 60_000;
const at = (minutes: number) => t.clock.set(new Date(T0.getTime() + minutes * MIN));

async function act(who: Inject, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = await who({ method: 'GET', url: `/api/cases/${id}` });
  const res = await who({
    method: 'POST',
    url: `/api/cases/${id}/actions/${action}`,
    payload: { version: current.json().version, ...body },
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

async function intake(who: Inject, body: Record<string, unknown>) {
  const res = await who({
    method: 'POST',
    url: '/api/cases',
    payload: {
      channel: 'phone',
      roomId,
      reporter: { name: '李四', phone: '13912345678' },
      description: '业主反映问题',
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

/** Routed, the resident told the time limit on the same call (ROUTE-2: the route clock needs both). */
const toDepartment = (id: string) => ({ target: { type: 'department', id }, residentTold: { via: 'phone' } });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(T0);
  s = await t.seedCompany();
  api = await injectHelpers(t);
  as = (role) => api.as(s, role);
  const db = t.database.db;
  const community = await t.make.community({ officeId: s.office.id, name: '翠湖花园' });
  const building = await t.make.building({ communityId: community.id, name: '3号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '2单元' });
  roomId = (await t.make.room({ unitId: unit.id, number: '501' })).id;
  engId = (await t.make.department({ companyId: s.company.id, officeId: s.office.id, name: '工程维修组' }))
    .id;
  csId = (await t.make.department({ companyId: s.company.id, officeId: s.office.id, name: '客服中心' })).id;
  await db.execute(sql`update users set department_id = ${engId} where id = ${s.users.technician.id}`);
  await db.execute(sql`update users set department_id = ${csId} where id = ${s.users.agent.id}`);
  await db.execute(sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`);
  const d2 = await t.make.user({
    companyId: s.company.id,
    roles: ['director'],
    officeIds: [s.otherOffice.id],
    name: '二处主任',
  });
  const a2 = await t.make.user({
    companyId: s.company.id,
    roles: ['agent'],
    officeIds: [s.otherOffice.id],
    name: '二处客服',
  });
  director2 = { id: d2.id, cookie: await t.login(d2.username) };
  agent2 = { id: a2.id, cookie: await t.login(a2.username) };

  // ---- The scripted month: October 2026 ----
  const agent = as('agent');
  const tech = as('technician');
  const sup = as('supervisor');
  const director = as('director');

  at(0);
  // 1. A complaint the agent does not route within 60 minutes (004 第十条).
  cases.c1 = await intake(agent, { kind: 'complaint', description: '楼上装修噪音扰民' });
  // 2. A repair whose work order does not reach a repair team within 5 minutes (REPAIR-2, 001 细则): it is routed
  //    to 工程维修组, which the register here does not list as a repair team (function engineering), so the
  //    dispatch clock counts on and breaches with the case in that department.
  cases.c2 = await intake(agent, { kind: 'repair', description: '卫生间漏水' });
  // 3. A repair engineering accepts and then sends back (推诿, 004 第十三条 (2)).
  cases.c3 = await intake(sup, { kind: 'repair', description: '楼道灯坏了' });
  // 4. Solved on the spot (INTAKE-6): no violation.
  cases.c4 = await intake(agent, {
    kind: 'complaint',
    description: '咨询停水时间，当场答复',
    resolvedOnTheSpot: { result: '已告知明天恢复供水' },
  });
  // 5. A major complaint: the director owes its callback (CALLBACK-2), not the first responder.
  cases.c5 = await intake(agent, { kind: 'complaint', severity: 'major', description: '电梯困人' });
  // 6. The director first received a complaint and let the route clock run out.
  cases.c6 = await intake(director, { kind: 'complaint', description: '门禁坏了' });
  // 7. An employee of the other office received a matter about this office's room.
  cases.c7 = await intake(api.withCookie(agent2.cookie), { kind: 'complaint', description: '垃圾桶满了' });

  at(1);
  await act(agent, cases.c4.id, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' });
  at(5);
  await act(sup, cases.c3.id, 'route', toDepartment(engId));
  await act(agent, cases.c5.id, 'route', toDepartment(engId));
  at(6);
  await act(tech, cases.c3.id, 'accept');
  await act(tech, cases.c5.id, 'accept');
  at(10);
  await act(agent, cases.c2.id, 'route', toDepartment(engId));
  await act(tech, cases.c5.id, 'resolve', { result: '已救出，电梯已维修' });
  at(20);
  await act(tech, cases.c3.id, 'return', { reason: '不属于本部门' });
  at(25);
  await act(sup, cases.c3.id, 'route', toDepartment(csId));
  at(26);
  await act(agent, cases.c3.id, 'accept');
  at(30);
  await act(agent, cases.c3.id, 'resolve', { result: '已更换灯泡' });
  at(40);
  await act(sup, cases.c3.id, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' });

  at(61);
  await sweep(t.database.db, t.clock, { companyId: s.company.id });

  at(62);
  await act(agent, cases.c1.id, 'route', toDepartment(engId));
  at(63);
  await act(tech, cases.c1.id, 'accept');
  await act(tech, cases.c2.id, 'accept');
  at(65);
  await act(tech, cases.c2.id, 'resolve', { result: '已更换水管' });
  await act(director, cases.c6.id, 'close', { reason: '业主已自行解决' });
  await act(director, cases.c7.id, 'invalidate', { explanation: '非物业管理范围，已向业主解释' });
  at(70);
  await act(tech, cases.c1.id, 'resolve', { result: '已劝告楼上住户' });
  at(75);
  // Unsatisfied reopens the case (CALLBACK-3).
  await act(agent, cases.c1.id, 'callback', {
    method: 'phone',
    reached: true,
    satisfaction: 'unsatisfied',
    reason: '仍有噪音',
  });
  at(90);
  await act(tech, cases.c1.id, 'resolve', { result: '已约谈装修队，限定施工时间' });
  at(95);
  await act(agent, cases.c1.id, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' });

  // Four days later the callbacks of cases 2 and 5 are overdue (004 第十一条: 2 days).
  at(4 * 24 * 60);
  await s.relogin();
  director2.cookie = await t.login(d2.username);
  await sweep(t.database.db, t.clock, { companyId: s.company.id });
  at(4 * 24 * 60 + 5);
  await act(as('agent'), cases.c2.id, 'callback', {
    method: 'phone',
    reached: true,
    satisfaction: 'basically_satisfied',
  });
});
afterAll(() => t.close());

const october = { companyId: '', year: 2026, month: 10 };

type V = {
  id: string;
  kind: string;
  status: string;
  subject: { type: string; id: string; name: string };
  office: { id: string } | null;
  case: { id: string; number: string };
  clock: string | null;
  evidence: Record<string, unknown>;
  amount: number;
  version: number;
  decidedBy: { id: string } | null;
  decisionReason: string | null;
};

async function violations(who: Inject, query = 'year=2026&month=10'): Promise<V[]> {
  const res = await who({ method: 'GET', url: `/api/accountability/violations?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

const find = (list: V[], kind: string, caseKey: string) =>
  list.find((v) => v.kind === kind && v.case.id === cases[caseKey].id)!;

describe('the duty ledger derived from a scripted month (LEDGER-1, 004 第十三条)', () => {
  it('derives exactly the expected violations, with the policy amounts and the evidence linked', async () => {
    const first = await deriveDutyViolations(t.database.db, t.clock, { ...october, companyId: s.company.id });
    expect(first.inserted).toBe(6);
    const list = await violations(as('manager'));
    const summary = list
      .map((v) => [v.kind, v.subject.id, v.case.id, v.clock, v.amount, v.status])
      .sort((a, b) => String(a).localeCompare(String(b)));
    expect(summary).toEqual(
      [
        ['first_responder_route_breached', s.users.agent.id, cases.c1.id, 'route', 50, 'pending'],
        ['department_clock_breached', engId, cases.c2.id, 'dispatch', 100, 'pending'],
        ['department_returned', engId, cases.c3.id, null, 100, 'pending'],
        ['first_responder_route_breached', s.users.director.id, cases.c6.id, 'route', 50, 'pending'],
        ['first_responder_route_breached', agent2.id, cases.c7.id, 'route', 50, 'pending'],
        ['first_responder_callback_breached', s.users.agent.id, cases.c2.id, 'callback', 50, 'pending'],
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );
    // No violation for case 5's overdue callback: it was the director's (major complaint), not the first responder's.
    expect(list.some((v) => v.case.id === cases.c5.id)).toBe(false);

    const route = find(list, 'first_responder_route_breached', 'c1');
    expect(route.evidence).toMatchObject({ caseNumber: cases.c1.number, clock: 'route' });
    expect(new Date(route.evidence.breachedAt as string).getTime()).toBeGreaterThan(
      new Date(route.evidence.dueAt as string).getTime(),
    );
    expect(route.subject.name).toBeTruthy();
    const returned = find(list, 'department_returned', 'c3');
    expect(returned.evidence).toMatchObject({
      caseNumber: cases.c3.number,
      reason: '不属于本部门',
      actor: { id: s.users.technician.id },
    });
    expect(returned.subject).toMatchObject({ type: 'department', name: '工程维修组' });
    // Filed under the subject's own office: agent2 belongs to the other office.
    expect(find(list, 'first_responder_route_breached', 'c7').office?.id).toBe(s.otherOffice.id);
    expect(route.office?.id).toBe(s.office.id);
  });

  it('is idempotent: deriving again adds nothing', async () => {
    const again = await deriveDutyViolations(t.database.db, t.clock, { ...october, companyId: s.company.id });
    expect(again).toEqual({ derived: 6, inserted: 0 });
    expect(await violations(as('manager'))).toHaveLength(6);
    // Another month has none of these facts.
    const november = await deriveDutyViolations(t.database.db, t.clock, {
      companyId: s.company.id,
      year: 2026,
      month: 11,
    });
    expect(november.inserted).toBe(0);
  });
});

describe('the director confirms or waives each violation with a reason (LEDGER-2)', () => {
  it('confirms and waives; decided rows keep who, when and why; re-deriving never touches them', async () => {
    const list = await violations(as('director'));
    const c1 = find(list, 'first_responder_route_breached', 'c1');
    const confirmed = await as('director')({
      method: 'POST',
      url: `/api/accountability/violations/${c1.id}/confirm`,
      payload: { version: c1.version, reason: '超过60分钟未转交' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      decidedBy: { id: s.users.director.id },
      decisionReason: '超过60分钟未转交',
      version: c1.version + 1,
    });
    expect(confirmed.json().decidedAt).toBeTruthy();

    const ret = find(list, 'department_returned', 'c3');
    const noReason = await as('director')({
      method: 'POST',
      url: `/api/accountability/violations/${ret.id}/waive`,
      payload: { version: ret.version },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual({ reason: '必填' });
    const waived = await as('director')({
      method: 'POST',
      url: `/api/accountability/violations/${ret.id}/waive`,
      payload: { version: ret.version, reason: '确属派错部门' },
    });
    expect(waived.statusCode, waived.body).toBe(200);
    expect(waived.json()).toMatchObject({ status: 'waived', decisionReason: '确属派错部门' });

    const twice = await as('director')({
      method: 'POST',
      url: `/api/accountability/violations/${c1.id}/waive`,
      payload: { version: c1.version + 1, reason: '再议' },
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details.rule).toBe('violation_decided');

    await deriveDutyViolations(t.database.db, t.clock, { ...october, companyId: s.company.id });
    const after = await violations(as('manager'));
    expect(find(after, 'first_responder_route_breached', 'c1')).toMatchObject({
      status: 'confirmed',
      decisionReason: '超过60分钟未转交',
    });
    expect(find(after, 'department_returned', 'c3').status).toBe('waived');
  });

  it('nobody decides their own violation; the manager decides the director’s', async () => {
    const own = find(await violations(as('manager')), 'first_responder_route_breached', 'c6');
    const refused = await as('director')({
      method: 'POST',
      url: `/api/accountability/violations/${own.id}/confirm`,
      payload: { version: own.version },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('violation_own');
    const byManager = await as('manager')({
      method: 'POST',
      url: `/api/accountability/violations/${own.id}/confirm`,
      payload: { version: own.version },
    });
    expect(byManager.statusCode, byManager.body).toBe(200);
    expect(byManager.json().decidedBy.id).toBe(s.users.manager.id);
  });

  it('a stale version is 409; a supervisor may read but not decide; the status filter works', async () => {
    const cb = find(await violations(as('director')), 'first_responder_callback_breached', 'c2');
    const stale = await as('director')({
      method: 'POST',
      url: `/api/accountability/violations/${cb.id}/confirm`,
      payload: { version: cb.version + 5 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(cb.version);
    const sup = await as('supervisor')({
      method: 'POST',
      url: `/api/accountability/violations/${cb.id}/confirm`,
      payload: { version: cb.version },
    });
    expect(sup.statusCode).toBe(403);
    expect((await violations(as('supervisor'))).length).toBe(5);
    const pending = await violations(as('director'), 'year=2026&month=10&status=pending');
    expect(pending.map((v) => v.kind).sort()).toEqual([
      'department_clock_breached',
      'first_responder_callback_breached',
    ]);
  });
});

describe('scope: a director sees only their office’s people (LEDGER-3 "nobody sees another office’s people")', () => {
  it('the other office’s director sees only their own person’s violation and cannot decide ours', async () => {
    const d2 = api.withCookie(director2.cookie);
    const mine = await violations(d2);
    expect(mine.map((v) => v.subject.id)).toEqual([agent2.id]);
    const ours = find(await violations(as('manager')), 'first_responder_callback_breached', 'c2');
    const res = await d2({
      method: 'POST',
      url: `/api/accountability/violations/${ours.id}/confirm`,
      payload: { version: ours.version },
    });
    expect(res.statusCode).toBe(404);
    const other = await d2({
      method: 'GET',
      url: `/api/accountability/performance?officeId=${s.office.id}&year=2026&month=10`,
    });
    expect(other.statusCode).toBe(404);
    const own = await d2({ method: 'GET', url: '/api/accountability/performance?year=2026&month=10' });
    expect(own.statusCode).toBe(200);
    const ids = own.json().people.map((p: { user: { id: string } }) => p.user.id);
    expect(ids.sort()).toEqual([director2.id, agent2.id].sort());
    expect(own.json().departments).toEqual([]);
  });

  it('our director never sees the other office’s people; agents and technicians may not read the ledger', async () => {
    const res = await as('director')({
      method: 'GET',
      url: `/api/accountability/performance?officeId=${s.office.id}&year=2026&month=10`,
    });
    expect(res.statusCode).toBe(200);
    const body = JSON.stringify(res.json());
    expect(body).not.toContain(agent2.id);
    expect(body).not.toContain('二处客服');
    expect((await violations(as('director'))).some((v) => v.subject.id === agent2.id)).toBe(false);
    for (const role of ['agent', 'technician'] as const)
      expect((await as(role)({ method: 'GET', url: '/api/accountability/violations' })).statusCode).toBe(403);
    const manager = await as('manager')({
      method: 'GET',
      url: `/api/accountability/performance?officeId=${s.otherOffice.id}&year=2026&month=10`,
    });
    expect(manager.statusCode).toBe(200);
    expect(manager.json().people.map((p: { user: { id: string } }) => p.user.id)).toContain(agent2.id);
  });

  it('another company’s manager sees none of it (404 on an id)', async () => {
    const b = await t.make.company();
    const bOffice = await t.make.office({ companyId: b.id });
    const bManager = await t.make.user({ companyId: b.id, roles: ['manager'], officeIds: [bOffice.id] });
    const other = api.withCookie(await t.login(bManager.username));
    expect(await violations(other)).toEqual([]);
    const one = (await violations(as('manager')))[0];
    const res = await other({
      method: 'POST',
      url: `/api/accountability/violations/${one.id}/confirm`,
      payload: { version: one.version },
    });
    expect(res.statusCode).toBe(404);
    const perf = await other({
      method: 'GET',
      url: `/api/accountability/performance?officeId=${s.office.id}`,
    });
    expect(perf.statusCode).toBe(404);
  });
});

describe('performance of people and departments, exact for the planted month (LEDGER-1)', () => {
  type Person = Record<string, unknown> & { user: { id: string } };
  type Dept = Record<string, unknown> & { department: { id: string } };
  let people: Map<string, Person>;
  let departments: Map<string, Dept>;

  beforeAll(async () => {
    const res = await as('director')({
      method: 'GET',
      url: `/api/accountability/performance?officeId=${s.office.id}&year=2026&month=10`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      year: 2026,
      month: 10,
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-10-31T16:00:00.000Z',
      amounts: { firstResponder: 50, department: 100 },
    });
    people = new Map(body.people.map((p: Person) => [p.user.id, p]));
    departments = new Map(body.departments.map((d: Dept) => [d.department.id, d]));
  });

  it('the agent: 4 cases first received, route and callback clocks, callbacks, violations', () => {
    expect(people.get(s.users.agent.id)).toMatchObject({
      casesFirstReceived: 4,
      // route: c2, c5 on time, c1 breached; callback: c1, c4 on time, c2 breached
      firstResponderClocks: { onTime: 4, breached: 2 },
      // c3 (reply, resolve; its dispatch never reached a repair team and stopped at resolving, REPAIR-2) and c4
      // (verify, reply, resolve on the spot)
      handlerClocks: { onTime: 5, breached: 0 },
      callbacksOwed: 3,
      callbacksDone: 3,
      reopenCount: 0,
      // the callbacks of the cases the agent handles: c3 (after the re-routing) and c4, both satisfied
      satisfaction: { answered: 2, satisfied: 2, basicallySatisfied: 0, unsatisfied: 0, rate: 1 },
      violations: { pending: 1, confirmed: 1, waived: 0, confirmedAmount: 50, pendingAmount: 50 },
    });
  });

  it('the technician: handled clocks with one breach, a reopening, satisfaction 2 of 3', () => {
    expect(people.get(s.users.technician.id)).toMatchObject({
      casesFirstReceived: 0,
      firstResponderClocks: { onTime: 0, breached: 0 },
      // c1 verify/reply/resolve, c2 reply/resolve (+ dispatch breached), c5 verify/reply/resolve
      handlerClocks: { onTime: 8, breached: 1 },
      callbacksOwed: 0,
      reopenCount: 1,
      satisfaction: { answered: 3, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1 },
      violations: { pending: 0, confirmed: 0, waived: 0, confirmedAmount: 0 },
    });
    expect((people.get(s.users.technician.id)!.satisfaction as { rate: number }).rate).toBeCloseTo(2 / 3);
  });

  it('the director and the supervisor', () => {
    expect(people.get(s.users.director.id)).toMatchObject({
      casesFirstReceived: 1,
      // c6 route breached; c5's callback (the director's) breached
      firstResponderClocks: { onTime: 0, breached: 2 },
      callbacksOwed: 1,
      callbacksDone: 0,
      violations: { confirmed: 1, confirmedAmount: 50, pending: 0 },
    });
    expect(people.get(s.users.supervisor.id)).toMatchObject({
      casesFirstReceived: 1,
      // c3 route (restarted by the return, met by the re-routing) and c3 callback
      firstResponderClocks: { onTime: 2, breached: 0 },
      callbacksOwed: 1,
      callbacksDone: 1,
    });
    expect(people.has(agent2.id)).toBe(false);
  });

  it('the departments: engineering and customer service', () => {
    expect(departments.get(engId)).toMatchObject({
      casesFirstReceived: 0,
      clocks: { onTime: 8, breached: 1 },
      // c1 (done), c2 (done late), c5 (the director's, overdue)
      callbacksOwed: 3,
      callbacksDone: 2,
      reopenCount: 1,
      satisfaction: { answered: 3, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1 },
      violations: { pending: 1, confirmed: 0, waived: 1, confirmedAmount: 0, pendingAmount: 100 },
    });
    expect(departments.get(csId)).toMatchObject({
      // the agent's four cases; c3's reply and resolve (its dispatch stopped, REPAIR-2)
      casesFirstReceived: 4,
      clocks: { onTime: 2, breached: 0 },
      callbacksOwed: 1,
      callbacksDone: 1,
      reopenCount: 0,
      satisfaction: { answered: 1, satisfied: 1, rate: 1 },
      violations: { pending: 0, confirmed: 0, waived: 0, confirmedAmount: 0 },
    });
  });

  it('names each department with its office, for people and departments alike (LEDGER-3)', async () => {
    const { rows } = await t.database.db.execute<{ name: string }>(
      sql`select name from offices where id = ${s.office.id}`,
    );
    const office = { id: s.office.id, name: rows[0].name };
    expect(office.name).not.toBe('');
    expect(departments.get(engId)!.department).toEqual({
      id: engId,
      name: '工程维修组',
      officeId: s.office.id,
      office,
    });
    expect(people.get(s.users.agent.id)!.department).toEqual({ id: csId, name: '客服中心', office });
    expect(people.get(s.users.director.id)!.department).toBeNull();
    // a company department (under no office) has no office to name
    const hq = await t.make.department({ companyId: s.company.id, officeId: null, name: '品质部' });
    const res = await as('manager')({
      method: 'GET',
      url: '/api/accountability/performance?year=2026&month=10',
    });
    expect(res.statusCode, res.body).toBe(200);
    const all = res.json().departments as Dept[];
    expect(all.find((d) => d.department.id === hq.id)!.department).toMatchObject({
      officeId: null,
      office: null,
    });
  });

  it('an empty month has zeros and no satisfaction rate', async () => {
    const res = await as('director')({
      method: 'GET',
      url: `/api/accountability/performance?officeId=${s.office.id}&year=2026&month=9`,
    });
    const agent = res.json().people.find((p: Person) => p.user.id === s.users.agent.id);
    expect(agent).toMatchObject({ casesFirstReceived: 0, satisfaction: { answered: 0, rate: null } });
  });
});

describe('the ledger list pages like every list (API-4)', () => {
  it('keyset pages cover every violation once; a forged cursor is a 400', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const res = await as('manager')({
        method: 'GET',
        url: `/api/accountability/violations?year=2026&month=10&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().total).toBe(6);
      seen.push(...res.json().items.map((v: V) => v.id));
      if (!res.json().nextCursor) break;
      cursor = res.json().nextCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const forged = Buffer.from(
      JSON.stringify(['yesterday', '00000000-0000-4000-8000-000000000001']),
    ).toString('base64url');
    const bad = await as('manager')({
      method: 'GET',
      url: `/api/accountability/violations?cursor=${forged}`,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the ledger keeps itself up to date after sweeps (LEDGER-4)', () => {
  it('runAccountabilityJobs derives new facts, at most every 10 minutes', async () => {
    const { runAccountabilityJobs } = await import('./accountability.schedule');
    const log = { error: (o: object) => expect.fail(JSON.stringify(o)) };
    const day6 = 6 * 24 * 60;
    at(day6);
    await s.relogin();
    const late = await intake(as('agent'), { kind: 'complaint', description: '路灯不亮' });
    at(day6 + 5);
    const later = await intake(as('supervisor'), { kind: 'complaint', description: '绿化带垃圾' });
    const count = async () =>
      (await violations(as('manager'))).filter((v) => v.case.id === late.id || v.case.id === later.id).length;
    at(day6 + 61);
    await sweep(t.database.db, t.clock, { companyId: s.company.id });
    await runAccountabilityJobs(t.database.db, t.clock, log);
    expect(await count()).toBe(1);
    // The second route breach, five minutes after that round, waits for the next one ten minutes after it.
    at(day6 + 66);
    await sweep(t.database.db, t.clock, { companyId: s.company.id });
    await runAccountabilityJobs(t.database.db, t.clock, log);
    expect(await count()).toBe(1);
    at(day6 + 72);
    await runAccountabilityJobs(t.database.db, t.clock, log);
    expect(await count()).toBe(2);
  });
});

describe('FORM-2 the 首问负责制度登记表 of a department and month', () => {
  it('FORM-2 lists the matters the department’s members first received, with the columns of 附表二, and exports them', async () => {
    const res = await as('director')({
      method: 'GET',
      url: `/api/accountability/first-ask-register?departmentId=${csId}&year=2026&month=10`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const register = res.json();
    expect(register.department).toMatchObject({ id: csId, name: '客服中心', office: { id: s.office.id } });
    // the agent's cases of October, oldest first: the four of the planted month, then the LEDGER-4 test's
    expect(register.rows.map((r: { case: { id: string } }) => r.case.id).slice(0, 4)).toEqual([
      cases.c1.id,
      cases.c2.id,
      cases.c4.id,
      cases.c5.id,
    ]);
    expect(register.rows).toHaveLength(5);
    const c1 = register.rows[0];
    expect(c1).toMatchObject({
      reporterName: '李四',
      reporterPhone: '13912345678',
      firstResponder: { id: s.users.agent.id },
      handler: { id: s.users.technician.id },
      state: 'closed',
      result: '已约谈装修队，限定施工时间',
      satisfaction: 'satisfied',
    });

    const xlsx = await as('director')({
      method: 'GET',
      url: `/api/accountability/first-ask-register.xlsx?departmentId=${csId}&year=2026&month=10`,
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('首问负责制度登记表')!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '日期',
      '业主姓名',
      '联系电话',
      '拟办事项',
      '首问人',
      '责任人',
      '处理情况',
      '业主意见',
      '备注',
    ]);
    expect(sheet.rowCount).toBe(2 + 5);
  });

  it('FORM-2 another office’s department is not there for a director (LEDGER-3); an agent may not read registers', async () => {
    const d2 = await t.make.user({
      companyId: s.company.id,
      roles: ['director'],
      officeIds: [s.otherOffice.id],
    });
    const other = await api.withCookie(await t.login(d2.username))({
      method: 'GET',
      url: `/api/accountability/first-ask-register?departmentId=${csId}&year=2026&month=10`,
    });
    expect(other.statusCode).toBe(404);
    await s.relogin();
    const agent = await as('agent')({
      method: 'GET',
      url: `/api/accountability/first-ask-register?departmentId=${csId}`,
    });
    expect(agent.statusCode).toBe(403);
  });
});
