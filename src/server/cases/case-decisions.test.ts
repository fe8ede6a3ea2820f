/**
 * Whom the case desk tells when a case goes above the office or out of it, over HTTP on a real database:
 * refer (ESCALATE-3), a special incident (HANDLE-7), a leader meeting and a verified service complaint
 * (HANDLE-6), a result the director hears (CALLBACK-8), and an external unit's contact recorded (ROUTE-4).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
let securityId: string;
let securityHead: { id: string; username: string };
let guard: { id: string };
type Role = keyof SeededCompany['users'];

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  const db = t.database.db;
  securityHead = await t.make.user({
    companyId: s.company.id,
    roles: ['technician'],
    officeIds: [s.office.id],
  });
  guard = await t.make.user({ companyId: s.company.id, roles: ['technician'], officeIds: [s.office.id] });
  securityId = (
    await t.make.department({
      companyId: s.company.id,
      officeId: s.office.id,
      name: '秩序维护部',
      function: 'security',
    })
  ).id;
  await db.execute(sql`update departments set head_id = ${securityHead.id} where id = ${securityId}`);
  await db.execute(
    sql`update users set department_id = ${securityId} where id in (${guard.id}, ${securityHead.id})`,
  );
  await db.execute(sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`);
});
afterAll(() => t.close());

async function intake(body: Record<string, unknown> = {}) {
  const res = await s.as('agent')({
    method: 'POST',
    url: '/api/cases',
    payload: {
      channel: 'phone',
      kind: 'complaint',
      reporter: { name: '吴先生', phone: '13512345678' },
      address: '翠湖花园5号楼',
      description: '门岗保安态度差',
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function act(role: Role, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await s.as(role)({ method: 'GET', url: `/api/cases/${id}` })).json();
  const res = await s.as(role)({
    method: 'POST',
    url: `/api/cases/${id}/actions/${action}`,
    payload: { version: current.version, ...body },
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

async function typesFor(cookie: string, caseId: string): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie } });
  return (res.json().items as { type: string; caseId: string | null }[])
    .filter((n) => n.caseId === caseId)
    .map((n) => n.type);
}
const bell = (role: Role, caseId: string) => typesFor(s.cookies[role], caseId);

describe('ESCALATE-3 and HANDLE-7 above the office', () => {
  it('ESCALATE-3 a referral reaches the director at tier 2; the director decides who handles it', async () => {
    const c = await intake();
    const referred = await act('agent', c.id, 'refer', { reason: '涉及多个部门' });
    expect(referred.escalationTier).toBe(2);
    expect(await bell('director', c.id)).toContain('referred');
    const decided = await act('director', c.id, 'recordDecision', {
      decision: 'handle',
      handlerId: s.users.supervisor.id,
      note: '客服主管牵头',
    });
    expect(decided.handler.id).toBe(s.users.supervisor.id);
  });

  it('HANDLE-7 a special incident, at intake or later, reaches the director and the manager at once', async () => {
    const atIntake = await intake({ specialIncident: true });
    for (const role of ['director', 'manager'] as const)
      expect(await bell(role, atIntake.id)).toContain('special_incident');
    const later = await intake();
    await act('agent', later.id, 'flagSpecialIncident', { reason: '业主扬言堵门' });
    for (const role of ['director', 'manager'] as const)
      expect(await bell(role, later.id)).toContain('special_incident');
  });
});

describe('HANDLE-6 service complaints and leader meetings', () => {
  it('HANDLE-6 a verified complaint about an employee reaches their department head; a leader meeting reaches the leader', async () => {
    const c = await intake({ aboutEmployeeId: guard.id });
    await act('supervisor', c.id, 'verify', { findings: '监控显示属实', method: 'both_parties' });
    expect(await typesFor(await t.login(securityHead.username), c.id)).toContain('verified');
    await act('agent', c.id, 'arrangeLeaderMeeting', {
      leaderId: s.users.manager.id,
      at: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(await bell('manager', c.id)).toContain('leader_meeting');
    const unknown = await s.as('agent')({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/arrangeLeaderMeeting`,
      payload: {
        version: (await s.as('agent')({ method: 'GET', url: `/api/cases/${c.id}` })).json().version,
        leaderId: '00000000-0000-4000-8000-000000000009',
        at: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
      },
    });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('CALLBACK-8 and ROUTE-4', () => {
  it('CALLBACK-8 resolving a complaint tells the director at once; a general repair waits for the callback', async () => {
    const c = await intake();
    await act('agent', c.id, 'route', {
      target: { type: 'department', id: securityId },
      handlerId: s.users.supervisor.id,
      residentTold: { via: 'phone' },
    });
    await act('supervisor', c.id, 'accept');
    await act('supervisor', c.id, 'resolve', { result: '已批评教育当事保安' });
    expect(await bell('director', c.id)).toContain('resolved');
    const repair = await intake({ kind: 'repair', description: '楼道灯坏' });
    await act('agent', repair.id, 'route', {
      target: { type: 'department', id: securityId },
      handlerId: s.users.supervisor.id,
      residentTold: { via: 'phone' },
    });
    await act('supervisor', repair.id, 'accept');
    await act('supervisor', repair.id, 'resolve', { result: '已更换' });
    expect(await bell('director', repair.id)).not.toContain('resolved');
  });

  it('ROUTE-4 routing to an external unit records the unit’s address and phone as told to the resident', async () => {
    const unit = await t.make.partnerUnit({
      companyId: s.company.id,
      name: '电信营业厅',
      relation: 'external',
    });
    await t.database.db.execute(
      sql`update partner_units set address = '人民路8号', phone = '10000' where id = ${unit.id}`,
    );
    const c = await intake({ kind: 'inquiry', description: '宽带不通' });
    await act('agent', c.id, 'route', { target: { type: 'externalUnit', id: unit.id } });
    const detail = (await s.as('agent')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    const routed = detail.timeline.find((e: { type: string }) => e.type === 'routed');
    expect(routed.data.unitContact).toEqual({ name: '电信营业厅', address: '人民路8号', phone: '10000' });
  });
});

describe('CALLBACK-8 the daily results list', () => {
  it('CALLBACK-8 the next morning the director gets the office’s other results of the day, once', async () => {
    const { sendDailyResults } = await import('./daily-results');
    const repair = await intake({ kind: 'repair', description: '门禁刷卡失灵' });
    await act('agent', repair.id, 'route', {
      target: { type: 'department', id: securityId },
      handlerId: s.users.supervisor.id,
      residentTold: { via: 'phone' },
    });
    await act('supervisor', repair.id, 'accept');
    await act('supervisor', repair.id, 'resolve', { result: '已更换读卡器' });
    const resolvedAt = t.clock.now();
    t.clock.set(new Date(resolvedAt.getTime() + 86_400_000));
    const first = await sendDailyResults(t.database.db, t.clock);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const again = await sendDailyResults(t.database.db, t.clock);
    expect(again.sent).toBe(0);
    await s.relogin();
    const bell = (await s.as('director')({ method: 'GET', url: '/api/notifications' })).json();
    const list = bell.items.filter((n: { type: string }) => n.type === 'daily_results');
    expect(list).toHaveLength(1);
    expect(list[0].data).toMatchObject({ officeId: s.office.id });
    expect(list[0].data.count).toBeGreaterThanOrEqual(1);
    // the entry opens the list of those results: the office's general matters resolved on that local day
    const { day, officeId, count } = list[0].data as { day: string; officeId: string; count: number };
    const query = `officeId=${officeId}&resolvedOn=${day}&severity=general&${['repair', 'inquiry', 'suggestion', 'praise', 'other'].map((k) => `kind=${k}`).join('&')}`;
    const results = (await s.as('director')({ method: 'GET', url: `/api/cases?${query}&limit=100` })).json();
    expect(results.total).toBe(count);
    expect(results.items.map((c: { id: string }) => c.id)).toContain(repair.id);
    // the day before has none of them
    const before = (
      await s.as('director')({ method: 'GET', url: `/api/cases?officeId=${officeId}&resolvedOn=2000-01-01` })
    ).json();
    expect(before.total).toBe(0);
    // a day that does not exist is a field error
    const bad = await s.as('director')({ method: 'GET', url: `/api/cases?resolvedOn=2026-02-30` });
    expect(bad.statusCode).toBe(400);
    t.clock.set(resolvedAt);
  });
});
