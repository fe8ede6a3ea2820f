/**
 * The case desk's clocks as the regulations run them, over HTTP on a real database: emergencies told at once
 * (EMERGENCY-1), verification findings to the director (HANDLE-1), matters answered on the spot without a callback
 * (INTAKE-11, and the settings refusing complaints), and a corrective action's breach on a closed case (CLOCK-8).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { sweep } from '../deadlines/sweeper';

let t: TestApp;
let s: SeededCompany;
let engineeringId: string;
let engineeringHeadId: string;
type Role = keyof SeededCompany['users'];
const T0 = new Date('2026-10-12T01:00:00Z');
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(T0);
  s = await t.seedCompany();
  const head = await t.make.user({
    companyId: s.company.id,
    roles: ['technician'],
    officeIds: [s.office.id],
  });
  engineeringHeadId = head.id;
  engineeringId = (
    await t.make.department({
      companyId: s.company.id,
      officeId: s.office.id,
      name: '工程维修组',
      function: 'engineering',
    })
  ).id;
  const db = t.database.db;
  await db.execute(sql`update departments set head_id = ${head.id} where id = ${engineeringId}`);
  await db.execute(
    sql`update users set department_id = ${engineeringId} where id = ${s.users.technician.id}`,
  );
  await db.execute(sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`);
});
afterAll(() => t.close());

async function intake(body: Record<string, unknown>) {
  const res = await s.as('agent')({
    method: 'POST',
    url: '/api/cases',
    payload: {
      channel: 'phone',
      kind: 'repair',
      reporter: { name: '孙女士', phone: '13712345678' },
      address: '翠湖花园2号楼',
      description: '电梯困人',
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    number: string;
    version: number;
    state: string;
    clocks: { name: string }[];
  };
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

async function bellOf(role: Role, caseId: string) {
  const res = await s.as(role)({ method: 'GET', url: '/api/notifications' });
  expect(res.statusCode).toBe(200);
  return (res.json().items as { type: string; caseId: string | null }[]).filter((n) => n.caseId === caseId);
}

describe('EMERGENCY-1 an emergency is told at once', () => {
  it('EMERGENCY-1 the director, the supervisor and the repair team head hear of an emergency repair at intake; the onsite and dispatch clocks run from receipt', async () => {
    const c = await intake({ severity: 'emergency' });
    expect(c.clocks.map((k) => k.name)).toEqual(expect.arrayContaining(['onsite', 'dispatch', 'route']));
    for (const role of ['director', 'supervisor'] as const)
      expect((await bellOf(role, c.id)).map((n) => n.type)).toContain('emergency');
    const headBell = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: { cookie: await t.login((await userName(engineeringHeadId))!) },
    });
    expect(JSON.stringify(headBell.json())).toContain(c.id);
    // not an emergency: nobody beyond the usual
    const plain = await intake({ severity: 'general' });
    expect(await bellOf('director', plain.id)).toEqual([]);
  });

  it('EMERGENCY-1 an emergency complaint written in a transaction of its own (a special incident) tells the director and the supervisor, not the repair team head', async () => {
    const c = await intake({
      severity: 'emergency',
      kind: 'complaint',
      description: '楼道起火，业主受伤',
      specialIncident: true,
    });
    for (const role of ['director', 'supervisor'] as const)
      expect((await bellOf(role, c.id)).map((n) => n.type)).toContain('emergency');
    const headBell = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: { cookie: await t.login((await userName(engineeringHeadId))!) },
    });
    expect(JSON.stringify(headBell.json())).not.toContain(c.id);
    // the recorder is not told what they just recorded
    expect(await bellOf('agent', c.id)).toEqual([]);
  });
});

async function userName(id: string) {
  const { rows } = await t.database.db.execute<{ username: string }>(
    sql`select username from users where id = ${id}`,
  );
  return rows[0]?.username;
}

describe('HANDLE-1 verification', () => {
  it('HANDLE-1 verify meets the verify clock and the findings reach the office director', async () => {
    const c = await intake({ kind: 'complaint', description: '保安态度恶劣' });
    const verified = await act('supervisor', c.id, 'verify', {
      findings: '调取监控并询问双方，情况属实',
      method: 'both_parties',
    });
    expect(verified.clocks.find((k: { name: string }) => k.name === 'verify').metAt).not.toBeNull();
    expect((await bellOf('director', c.id)).map((n) => n.type)).toContain('verified');
    const bad = await s.as('supervisor')({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/verify`,
      payload: { version: verified.version, findings: '', method: 'phone' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('INTAKE-11 answered on the spot without a callback', () => {
  it('INTAKE-11 an inquiry answered on the spot is closed at intake, and the settings refuse exempting complaints', async () => {
    const c = await intake({ kind: 'inquiry', resolvedOnTheSpot: { result: '已告知缴费方式' } });
    expect(c.state).toBe('closed');
    expect(c.clocks.map((k) => k.name)).not.toContain('callback');

    const policy = (await s.as('admin')({ method: 'GET', url: '/api/policies' })).json();
    expect(policy.callbackExemptKinds).toEqual(['inquiry', 'praise']);
    const refused = await s.as('admin')({
      method: 'PUT',
      url: '/api/policies',
      payload: {
        version: policy.version,
        clockPolicy: policy.clockPolicy,
        numberPrefixes: policy.numberPrefixes,
        callbackExemptKinds: ['inquiry', 'complaint'],
      },
    });
    expect(refused.statusCode).toBe(400);
    const none = await s.as('admin')({
      method: 'PUT',
      url: '/api/policies',
      payload: {
        version: policy.version,
        clockPolicy: policy.clockPolicy,
        numberPrefixes: policy.numberPrefixes,
        callbackExemptKinds: [],
      },
    });
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json().callbackExemptKinds).toEqual([]);
    const called = await intake({ kind: 'inquiry', resolvedOnTheSpot: { result: '已告知缴费方式' } });
    expect(called.state).toBe('resolved');
  });
});

describe('CLOCK-8 a corrective action breaching on a closed case', () => {
  it('CLOCK-8 is recorded and told, but the closed case keeps its tier', async () => {
    const c = await intake({ kind: 'complaint', description: '垃圾房异味' });
    await act('agent', c.id, 'route', {
      target: { type: 'department', id: engineeringId },
      residentTold: { via: 'phone' },
    });
    await act('technician', c.id, 'accept');
    await act('technician', c.id, 'resolve', {
      result: '已清洗垃圾房',
      corrective: { action: '每日两次清运', dueAt: new Date(T0.getTime() + 60 * MIN).toISOString() },
    });
    const closed = await act('agent', c.id, 'callback', {
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
    });
    expect(closed.state).toBe('closed');
    t.clock.set(new Date(T0.getTime() + 61 * MIN));
    await sweep(t.database.db, t.clock, { companyId: s.company.id });
    const after = (await s.as('director')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(after.clocks.find((k: { name: string }) => k.name === 'corrective').breachedAt).not.toBeNull();
    expect(after.escalationTier).toBe(0);
    expect(after.timeline.map((e: { type: string }) => e.type)).not.toContain('escalated');
    t.clock.set(T0);
  });
});
