/**
 * Every action goes through the case store's one door (docs/adr/0018) and answers with the case as a later GET
 * reads it, its timeline still verifiable (chain, head and facts digest, docs/adr/0017).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '../../../domain/case/case';
import { createTestApp, type SeededCompany, type TestApp } from '../../../../test/test-app';
import { verifyAllRecords } from '../../records/verify-records';

let t: TestApp;
let s: SeededCompany;
let engineeringId: string;
let waterWorksId: string;
type Role = keyof SeededCompany['users'];
const done = new Set<string>();

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  engineeringId = (
    await t.make.department({
      companyId: s.company.id,
      officeId: s.office.id,
      name: '工程维修组',
      function: 'engineering',
    })
  ).id;
  await t.database.db.execute(
    sql`update users set department_id = ${engineeringId} where id = ${s.users.technician.id}`,
  );
  await t.database.db.execute(
    sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`,
  );
  waterWorksId = (
    await t.make.partnerUnit({ companyId: s.company.id, name: '自来水公司', relation: 'external' })
  ).id;
});
afterAll(() => t.close());

async function intake(kind = 'repair') {
  const res = await s.as('agent')({
    method: 'POST',
    url: '/api/cases',
    payload: {
      channel: 'phone',
      kind,
      reporter: { name: '赵女士', phone: '13612345678' },
      address: '翠湖花园7号楼',
      description: `7号楼二单元水管爆裂 ${kind}`,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

/** Runs the action as `role`; its 200 must equal a GET by the same role, and the chain must hold. */
async function act(role: Role, c: { id: string; version: number }, action: string, body: object = {}) {
  const res = await s.as(role)({
    method: 'POST',
    url: `/api/cases/${c.id}/actions/${action}`,
    payload: { version: c.version, ...body },
  });
  expect(res.statusCode, `${action} by ${role}: ${res.body}`).toBe(200);
  const answered = res.json();
  const read = (await s.as(role)({ method: 'GET', url: `/api/cases/${c.id}` })).json();
  const { timeline, timelineIntact, attachments: _a, ...view } = read;
  expect(answered, `${action}: the 200 is the case as GET reads it`).toEqual(view);
  expect(timelineIntact, `${action}: the chain holds`).toBe(true);
  expect(answered.version).toBe(c.version + 1);
  done.add(action);
  c.version = answered.version;
  return { answered, timeline: timeline as { type: string }[] };
}

const inAMonth = () => new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString();

describe('every action through the one door: 200 equals a later GET, the chain verifiable', () => {
  it('a repair: comment, route, assign, return, route, accept, wait, resume, extend, reply, escalate, resolve, assignCallback, callback, reopen, close', async () => {
    const c = await intake();
    await act('agent', c, 'comment', { text: '住户说水已经漫到楼道' });
    await act('agent', c, 'route', { target: { type: 'department', id: engineeringId } });
    await act('director', c, 'assign', { handlerId: s.users.technician.id });
    await act('technician', c, 'return', { reason: '不属于工程组，是市政管网' });
    await act('agent', c, 'route', { target: { type: 'department', id: engineeringId } });
    await act('technician', c, 'accept');
    await act('technician', c, 'wait', { reason: '等待配件' });
    await act('technician', c, 'resume');
    await act('supervisor', c, 'extend', {
      clock: 'resolve',
      dueAt: inAMonth(),
      reason: '配件需从厂家调货',
      residentAgreed: true,
    });
    await act('technician', c, 'reply', { message: '配件已到，明天上午更换', via: 'phone' });
    await act('supervisor', c, 'escalate', { reason: '住户第三次来电' });
    await act('technician', c, 'resolve', { result: '已更换爆裂水管' });
    await act('director', c, 'assignCallback', { assigneeId: s.users.supervisor.id });
    await act('supervisor', c, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' });
    await act('director', c, 'reopen', { reason: '住户反映又漏了' });
    const { answered, timeline } = await act('director', c, 'close', {
      reason: '已转物业公司工程部整体改造',
    });
    expect(answered.state).toBe('closed');
    expect(timeline.at(-1)!.type).toBe('closed');
  });

  it('an outside unit: route to it and record the contact', async () => {
    const c = await intake();
    await act('agent', c, 'route', { target: { type: 'externalUnit', id: waterWorksId } });
    await act('agent', c, 'recordContact', { unitId: waterWorksId, contactPerson: '王工', via: '电话' });
  });

  it('invalidate, and merge one case into another (the case merged into gets its entry, both chains hold)', async () => {
    const invalid = await intake('inquiry');
    await act('supervisor', invalid, 'invalidate', { explanation: '已向来电人解释：不属物业服务范围' });
    const into = await intake();
    const dup = await intake();
    await act('agent', dup, 'merge', { intoCaseId: into.id });
    const target = (await s.as('agent')({ method: 'GET', url: `/api/cases/${into.id}` })).json();
    expect(target.timeline.at(-1).type).toBe('merged');
    expect(target.timelineIntact).toBe(true);
    const [report] = await verifyAllRecords(t.database.db, { companyId: s.company.id });
    expect(report.broken).toEqual([]);
    expect(report.factsUnchecked).toBe(0);
  });

  it('an emergency complaint: verify, arrive, resolve with a corrective action, callback, completeCorrective after closing', async () => {
    const res = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        kind: 'complaint',
        severity: 'emergency',
        reporter: { name: '钱先生', phone: '13612345679' },
        address: '翠湖花园7号楼',
        description: '地下车库进水，业主车辆被淹',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as { id: string; version: number };
    await act('supervisor', c, 'verify', { findings: '现场查看，排水泵故障', method: 'site' });
    await act('agent', c, 'route', {
      target: { type: 'department', id: engineeringId },
      residentTold: { via: 'phone', promisedBy: inAMonth() },
    });
    const { answered } = await act('technician', c, 'arrive', {});
    expect(answered.state).toBe('in_progress');
    const onsite = answered.clocks.find((k: { name: string }) => k.name === 'onsite');
    expect(onsite.metAt).not.toBeNull();
    await act('technician', c, 'resolve', {
      result: '已抽水并修复排水泵',
      corrective: { action: '增设备用排水泵', dueAt: inAMonth() },
    });
    await act('agent', c, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' });
    const completed = await act('director', c, 'completeCorrective', { result: '备用泵已安装' });
    expect(completed.answered.state).toBe('closed');
  });

  it('a referred suggestion and a sister unit: refer, recordDecision, arrangeLeaderMeeting, flagSpecialIncident, recordContact with agreement, recordReportSent', async () => {
    const powerId = (
      await t.make.partnerUnit({ companyId: s.company.id, name: '供电所', relation: 'sister' })
    ).id;
    const c = await intake('suggestion');
    await act('agent', c, 'refer', { reason: '涉及公共区域改造，请主任决定' });
    await act('director', c, 'recordDecision', { decision: 'adopt', plan: '下月增设自行车棚' });
    await act('agent', c, 'arrangeLeaderMeeting', {
      leaderId: s.users.director.id,
      at: inAMonth(),
      note: '业主要求面谈',
    });
    await act('agent', c, 'flagSpecialIncident', { reason: '业主情绪激动' });
    await act('agent', c, 'route', { target: { type: 'sisterUnit', id: powerId } });
    await act('agent', c, 'recordContact', {
      unitId: powerId,
      contactPerson: '刘工',
      via: '电话',
      passed: ['name', 'contact', 'matter'],
      residentAgreed: true,
    });
    await act('agent', c, 'recordReportSent', { unitId: powerId, copies: 2, receiver: '刘工' });
  });

  it('the walk above took every action there is', () => {
    expect([...done].sort()).toEqual([...CASE_ACTIONS].sort());
  });
});
