import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { uuidv7 } from '../db/ids';
import { sweep } from '../deadlines/sweeper';
import { drawCaseNumbers } from './intake.repository';
import { createIntakeWriter, type IntakeWrite } from './store/intake';
import { verifyAllRecords } from '../records/verify-records';

let t: TestApp;
let s: SeededCompany;
let roomId: string;
let engineeringId: string;
let techCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  const community = await t.make.community({ officeId: s.office.id, name: '翠湖花园' });
  const building = await t.make.building({ communityId: community.id, name: '3号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '2单元' });
  roomId = (await t.make.room({ unitId: unit.id, number: '501' })).id;
  await t.make.resident({ rooms: [{ roomId }], name: '张三', phones: ['13812345678'] });
  const engineering = await t.make.department({
    companyId: s.company.id,
    officeId: s.office.id,
    name: '工程维修组',
    function: 'engineering',
  });
  engineeringId = engineering.id;
  await t.database.db.execute(
    sql`update users set department_id = ${engineeringId} where id = ${s.users.technician.id}`,
  );
  await t.database.db.execute(
    sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`,
  );
  techCookie = s.cookies.technician;
});
afterAll(() => t.close());

const intake = (overrides: Record<string, unknown> = {}, role: 'agent' | 'supervisor' = 'agent') =>
  s.as(role)({
    method: 'POST',
    url: '/api/cases',
    payload: {
      channel: 'phone',
      kind: 'repair',
      roomId,
      reporter: { name: '张三', phone: '138 1234 5678' },
      description: '卫生间漏水严重，楼下天花板渗水',
      ...overrides,
    },
  });

const act = (role: keyof SeededCompany['users'], id: string, action: string, body: Record<string, unknown>) =>
  s.as(role)({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, payload: body });

describe('intake (INTAKE-1, INTAKE-4)', () => {
  it('records a phone repair with number, first responder, clocks and a received timeline entry', async () => {
    const res = await intake();
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.number).toMatch(/^BX-2026-\d{6}$/);
    expect(c.state).toBe('received');
    expect(c.firstResponder.id).toBe(s.users.agent.id);
    expect(c.room.label).toBe('翠湖花园 3号楼2单元501');
    expect(c.clocks.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['route', 'reply']));
    expect(c.allowedActions).toContain('route');
    const detail = (await s.as('agent')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(detail.timeline[0].type).toBe('received');
    expect(detail.timelineIntact).toBe(true);
  });

  it('INTAKE-4 receivedAt may be earlier than entry but never in the future', async () => {
    const past = await intake({ receivedAt: new Date(t.clock.now().getTime() - 86_400_000).toISOString() });
    expect(past.statusCode).toBe(201);
    const future = await intake({ receivedAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString() });
    expect(future.statusCode).toBe(400);
    expect(Object.keys(future.json().error.fields)).toContain('receivedAt');
  });

  it('FIRSTASK-1 the first responder may be a colleague who received it; the recorder is kept', async () => {
    const res = await intake({ firstResponderId: s.users.supervisor.id });
    expect(res.json().firstResponder.id).toBe(s.users.supervisor.id);
    expect(res.json().recordedBy.id).toBe(s.users.agent.id);
  });

  it('INTAKE-8: 100 concurrent intakes get 100 distinct increasing numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, () => intake({ kind: 'inquiry', description: '咨询物业费缴纳方式' })),
    );
    const numbers = results.map((r) => r.json().number as string);
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(numbers).size).toBe(100);
    const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(seqs[99] - seqs[0]).toBe(99);
  });

  it('Idempotency-Key: the same key and body return the first case', async () => {
    const headers = { 'idempotency-key': 'call-8842' };
    const body = { channel: 'phone', kind: 'complaint', description: '楼道灯坏了三天没人修' };
    const a = await s.as('agent')({ method: 'POST', url: '/api/cases', payload: body, headers });
    const b = await s.as('agent')({ method: 'POST', url: '/api/cases', payload: body, headers });
    expect(b.json().id).toBe(a.json().id);
    const c = await s.as('agent')({
      method: 'POST',
      url: '/api/cases',
      payload: { ...body, description: '别的' },
      headers,
    });
    expect(c.statusCode).toBe(422);
  });
});

/** A plain intake as the store takes it: an inquiry of the seeded office, received now. */
const plainWrite = (number: string, now: Date, over: Partial<IntakeWrite> = {}): IntakeWrite => ({
  id: uuidv7(now.getTime()),
  companyId: s.company.id,
  number,
  channel: 'phone',
  kind: 'inquiry',
  severity: 'general',
  closure: null,
  closedAt: null,
  categoryId: null,
  repairType: null,
  visitAt: null,
  state: 'received',
  receivedAt: now,
  now,
  recordedById: s.users.agent.id,
  firstResponderId: s.users.agent.id,
  handlerId: null,
  officeId: s.office.id,
  officeDirectorId: null,
  communityId: null,
  roomId: null,
  address: null,
  reporterName: null,
  reporterPhone: null,
  reporterPhoneCanonical: null,
  reporterAnonymous: false,
  description: '批量写入',
  searchDocument: '批量 写入',
  selfComplaint: false,
  aboutEmployeeId: null,
  serviceComplaint: false,
  callbackAssigneeId: null,
  resolvedAt: null,
  clocks: [],
  nextDueAt: null,
  calendarUnknown: false,
  entries: [{ type: 'received', data: {}, actorId: s.users.agent.id, at: now }],
  ...over,
});

describe('intake writes in one statement and answers from what it wrote', () => {
  const same = async (created: Record<string, unknown>) => {
    const read = (await s.as('agent')({ method: 'GET', url: `/api/cases/${created.id as string}` })).json();
    const { timeline: _t, timelineIntact, attachments: _a, ...view } = read;
    expect(timelineIntact).toBe(true);
    expect(created).toEqual(view);
  };

  it('the 201 body of a plain intake is the case as GET reads it (names, room, clocks, next due)', async () => {
    const categories = (await s.as('agent')({ method: 'GET', url: '/api/categories' })).json().items;
    const lift = categories.find((c: { code: string }) => c.code === 'facility_repair.lift');
    const res = await intake({ categoryId: lift.id, firstResponderId: s.users.supervisor.id });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.recordedBy.name).toBeTruthy();
    expect(c.firstResponder).toMatchObject({ id: s.users.supervisor.id });
    expect(c.room.label).toContain('501');
    expect(c.category).toEqual({ id: lift.id, name: lift.name });
    expect(c.nextDueAt).toBe(c.clocks.map((k: { dueAt: string }) => k.dueAt).sort()[0]);
    await same(c);
  });

  it('resolved on the spot (a major complaint: the director calls back) answers as GET reads it', async () => {
    const res = await intake({
      kind: 'complaint',
      severity: 'major',
      resolvedOnTheSpot: { result: '当场解释清楚' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.state).toBe('resolved');
    expect(c.callbackAssignee).toMatchObject({ id: s.users.director.id });
    expect(c.callbackAssignee.name).toBeTruthy();
    await same(c);
  });

  it('intakes arriving together share batched statements: each answers as GET reads it, numbers run on per prefix', async () => {
    const kinds = ['repair', 'complaint', 'inquiry', 'repair', 'suggestion'];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        intake({ kind: kinds[i % kinds.length], description: `第${i}件：楼道灯不亮` }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
    const created = results.map((r) => r.json());
    for (const c of created) await same(c);
    const byPrefix = new Map<string, number[]>();
    for (const c of created) {
      const [prefix, , seq] = (c.number as string).split('-');
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), Number(seq)]);
    }
    for (const seqs of byPrefix.values()) {
      seqs.sort((a, b) => a - b);
      expect(seqs[seqs.length - 1] - seqs[0]).toBe(seqs.length - 1);
    }
  });

  it('a lone UTF-16 surrogate in the text is stored as U+FFFD, as a parameter would be, and the 201 says so', async () => {
    const res = await intake({ description: '卫生间漏水\ud800严重', reporter: { name: '张\udc00三' } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.description).toBe('卫生间漏水\ufffd严重');
    await same(c);
  });

  it('a lone surrogate in the on-the-spot result (timeline data, hashed) is stored as U+FFFD and the chain holds', async () => {
    const res = await intake({ resolvedOnTheSpot: { result: '当场\ud800解释清楚' } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    await same(c);
    const detail = (await s.as('agent')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(detail.timelineIntact).toBe(true);
    const resolved = detail.timeline.find((e: { type: string }) => e.type === 'resolved');
    expect(resolved.data.result).toBe('当场\ufffd解释清楚');
  });

  it('a batch that fails on one intake (a duplicate number) writes the others and fails only that one', async () => {
    const store = createIntakeWriter(t.database.db);
    const now = new Date();
    const write = (number: string) => plainWrite(number, now);
    const taken = (await intake({ kind: 'inquiry' })).json().number as string;
    const [first, duplicate, last] = await Promise.allSettled([
      store.insert(write('ZX-2026-900001')),
      store.insert(write(taken)),
      store.insert(write('ZX-2026-900002')),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(last.status).toBe('fulfilled');
    expect(duplicate).toMatchObject({ status: 'rejected' });
    const { rows } = await t.database.db.execute<{ number: string }>(
      sql`select number from cases where company_id = ${s.company.id} and description = '批量写入' order by number`,
    );
    expect(rows.map((r) => r.number)).toEqual(['ZX-2026-900001', 'ZX-2026-900002']);
  });

  it('EMERGENCY-1 bell entries ride in the batched insert: one per active recipient of the company, returned for their live events', async () => {
    const store = createIntakeWriter(t.database.db);
    const now = new Date();
    const left = await t.make.user({ companyId: s.company.id, roles: ['supervisor'], active: false });
    const id = uuidv7(now.getTime());
    const stored = await store.insert({
      ...plainWrite('BX-2026-900003', now, {
        id,
        kind: 'repair',
        severity: 'emergency',
        repairType: 'shared',
        description: '配电房冒烟',
        searchDocument: '配电房 冒烟',
      }),
      notices: [s.users.director.id, s.users.supervisor.id, left.id].map((userId) => ({
        userId,
        type: 'emergency' as const,
        data: { number: 'BX-2026-900003', kind: 'repair' },
      })),
    });
    expect(stored.notices?.map((n) => n.userId).sort()).toEqual(
      [s.users.director.id, s.users.supervisor.id].sort(),
    );
    expect(stored.notices?.every((n) => n.caseId === id && n.type === 'emergency')).toBe(true);
    const { rows } = await t.database.db.execute<{ user_id: string; created_at: Date }>(
      sql`select user_id, created_at from notifications where case_id = ${id}`,
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([s.users.director.id, s.users.supervisor.id].sort());
    expect(new Date(rows[0].created_at).getTime()).toBe(now.getTime());
  });

  it('numbers drawn together run on per counter, in the order asked, and the next draw continues', async () => {
    const companyId = s.company.id;
    const drawn = await drawCaseNumbers(t.database.db, [
      { companyId, prefix: 'QA', year: 2031 },
      { companyId, prefix: 'QB', year: 2031 },
      { companyId, prefix: 'QA', year: 2031 },
      { companyId, prefix: 'QA', year: 2032 },
      { companyId, prefix: 'QA', year: 2031 },
    ]);
    expect(drawn).toEqual([1, 1, 2, 1, 3]);
    expect(await drawCaseNumbers(t.database.db, [{ companyId, prefix: 'QA', year: 2031 }])).toEqual([4]);
  });

  it("a category's clock rule applies to its subcategories (policy byCategory on the parent)", async () => {
    const categories = (await s.as('agent')({ method: 'GET', url: '/api/categories' })).json().items;
    const parent = categories.find((c: { code: string }) => c.code === 'facility_repair');
    const lift = categories.find((c: { code: string }) => c.code === 'facility_repair.lift');
    const policy = (await s.as('admin')({ method: 'GET', url: '/api/policies' })).json();
    const put = await s.as('admin')({
      method: 'PUT',
      url: '/api/policies',
      payload: {
        version: policy.version,
        clockPolicy: { byCategory: { [parent.id]: { resolve: { amount: 3, unit: 'hours' } } } },
        numberPrefixes: {},
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const c = (await intake({ categoryId: lift.id })).json();
      const resolve = c.clocks.find((k: { name: string }) => k.name === 'resolve');
      expect(new Date(resolve.dueAt).getTime() - new Date(resolve.startedAt).getTime()).toBe(3 * 3_600_000);
    } finally {
      const now = (await s.as('admin')({ method: 'GET', url: '/api/policies' })).json();
      await s.as('admin')({
        method: 'PUT',
        url: '/api/policies',
        payload: { version: now.version, clockPolicy: {}, numberPrefixes: {} },
      });
    }
  });

  it('REPAIR-3 a private repair keeps the visit agreed with the owner; a shared one is refused a visit time', async () => {
    const visitAt = '2026-11-30T06:00:00.000Z';
    const res = await intake({ repairType: 'private', visitAt });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().visitAt).toBe(visitAt);
    const read = (await s.as('technician')({ method: 'GET', url: `/api/cases/${res.json().id}` })).json();
    expect(read.visitAt).toBe(visitAt);
    expect(read.timeline[0].data.visitAt).toBe(visitAt);
    const refused = await intake({ repairType: 'shared', visitAt });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.visitAt).toBeTruthy();
    // re-agreed when dispatching
    const later = '2026-12-01T02:00:00.000Z';
    const routed = await act('agent', res.json().id, 'route', {
      version: res.json().version,
      target: { type: 'department', id: engineeringId },
      visitAt: later,
    });
    expect(routed.statusCode, routed.body).toBe(200);
    expect(routed.json().visitAt).toBe(later);
  });

  it('case ids are time-ordered (uuid v7): new rows go to the right edge of the indexes', async () => {
    const a = (await intake()).json();
    const b = (await intake()).json();
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(a.id < b.id || a.id.slice(0, 13) === b.id.slice(0, 13)).toBe(true);
  });
});

describe('case lists carry their count to the next pages', () => {
  it('page 2 reports the total counted with page 1; a forged count in the cursor is refused', async () => {
    const tag = `分页${Date.now()}`;
    for (let i = 0; i < 3; i++)
      expect((await intake({ description: `${tag} 第${i}件` })).statusCode).toBe(201);
    const first = (
      await s.as('agent')({ method: 'GET', url: `/api/cases?limit=2&q=${encodeURIComponent(tag)}` })
    ).json();
    expect(first).toMatchObject({ total: 3, totalCapped: false });
    expect(first.items).toHaveLength(2);
    await intake({ description: `${tag} 第3件` });
    const second = (
      await s.as('agent')({
        method: 'GET',
        url: `/api/cases?limit=2&q=${encodeURIComponent(tag)}&cursor=${first.nextCursor}`,
      })
    ).json();
    expect(second.total).toBe(3);
    expect(second.items).toHaveLength(1);
    const [key, id] = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8'));
    // an id PostgreSQL would refuse to cast is refused here, not a 500
    const hyphens = Buffer.from(JSON.stringify([key, '-'.repeat(36)])).toString('base64url');
    expect(
      (await s.as('agent')({ method: 'GET', url: `/api/cases?limit=2&cursor=${hyphens}` })).statusCode,
    ).toBe(400);
    for (const counted of [-1, 10_002, 1.5, '3']) {
      const forged = Buffer.from(JSON.stringify([key, id, counted])).toString('base64url');
      const res = await s.as('agent')({ method: 'GET', url: `/api/cases?limit=2&cursor=${forged}` });
      expect(res.statusCode, String(counted)).toBe(400);
    }
  });
});

describe('the loop: route, accept, resolve, callback, reopen, close (FLOW-1, CALLBACK-3)', () => {
  it('CALLBACK-3 unsatisfied reopens; satisfied closes; technician sees a masked phone and reveal is recorded', async () => {
    const c = (await intake()).json();
    let v = c.version;
    const routed = await act('agent', c.id, 'route', {
      version: v,
      target: { type: 'department', id: engineeringId },
    });
    expect(routed.statusCode, routed.body).toBe(200);
    expect(routed.json().state).toBe('routed');
    expect(routed.json().version).toBe(v + 1);

    // The technician of the department sees the case with the phone masked.
    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${c.id}`,
      headers: { cookie: techCookie },
    });
    expect(seen.json().reporter.phone).toBe('138****5678');
    const reveal = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/reveal`,
      headers: { cookie: techCookie },
    });
    expect(reveal.json().phone).toBe('138 1234 5678');
    v = (await s.as('agent')({ method: 'GET', url: `/api/cases/${c.id}` })).json().version;

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/accept`,
      headers: { cookie: techCookie },
      payload: { version: v },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().handler.id).toBe(s.users.technician.id);
    v = accepted.json().version;

    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/resolve`,
      headers: { cookie: techCookie },
      payload: { version: v - 1, result: '已更换防水层' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/resolve`,
      headers: { cookie: techCookie },
      payload: { version: v, result: '已更换防水层' },
    });
    expect(resolved.json().state).toBe('resolved');
    expect(resolved.json().clocks.find((k: { name: string }) => k.name === 'callback')).toBeTruthy();
    v = resolved.json().version;

    const invalid = await act('agent', c.id, 'resolve', { version: v, result: 'x' });
    expect(invalid.statusCode).toBe(409);
    expect(invalid.json().error.details.state).toBe('resolved');

    const unsatisfied = await act('supervisor', c.id, 'callback', {
      version: v,
      method: 'phone',
      reached: true,
      satisfaction: 'unsatisfied',
      reason: '楼下仍在渗水',
    });
    expect(unsatisfied.statusCode, unsatisfied.body).toBe(200);
    expect(unsatisfied.json().state).toBe('in_progress');
    expect(unsatisfied.json().reopenCount).toBe(1);
    v = unsatisfied.json().version;

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/resolve`,
      headers: { cookie: techCookie },
      payload: { version: v, result: '重新做了闭水试验' },
    });
    v = again.json().version;
    const satisfied = await act('supervisor', c.id, 'callback', {
      version: v,
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
    });
    expect(satisfied.json().state).toBe('closed');

    const detail = (await s.as('director')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(detail.timelineIntact).toBe(true);
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['received', 'routed', 'pii_revealed', 'accepted', 'resolved', 'callback']),
    );
    const notes = await s.as('director')({ method: 'GET', url: '/api/notifications' });
    expect(JSON.stringify(notes.json())).toContain('callback_result');
  });

  it('CALLBACK-6: the supervisor reassigns a callback; the new assignee is told, sees it in their queue and calls back', async () => {
    const c = (
      await intake({ resolvedOnTheSpot: { result: '已当场调换门禁卡' }, firstResponderId: s.users.agent.id })
    ).json();
    expect(c.callbackAssignee.id).toBe(s.users.agent.id);
    expect(
      (await act('agent', c.id, 'assignCallback', { version: c.version, assigneeId: s.users.technician.id }))
        .statusCode,
    ).toBe(403);
    const unknown = await act('supervisor', c.id, 'assignCallback', {
      version: c.version,
      assigneeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.assigneeId).toBeTruthy();
    const same = await act('supervisor', c.id, 'assignCallback', {
      version: c.version,
      assigneeId: s.users.agent.id,
    });
    expect(same.statusCode).toBe(400);
    const moved = await act('supervisor', c.id, 'assignCallback', {
      version: c.version,
      assigneeId: s.users.technician.id,
      note: '首问人休假',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      state: 'resolved',
      callbackAssignee: { id: s.users.technician.id },
    });
    const queue = (
      await s.as('technician')({
        method: 'GET',
        url: `/api/cases?callbackAssigneeId=${s.users.technician.id}`,
      })
    ).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const bell = (await s.as('technician')({ method: 'GET', url: '/api/notifications' })).json();
    expect(
      bell.items.some(
        (n: { type: string; caseId: string }) => n.type === 'callback_due' && n.caseId === c.id,
      ),
    ).toBe(true);
    const v = moved.json().version;
    const old = await act('agent', c.id, 'callback', {
      version: v,
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
    });
    expect(old.statusCode).toBe(403);
    const done = await act('technician', c.id, 'callback', {
      version: v,
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().state).toBe('closed');
    const detail = (await s.as('supervisor')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(detail.timeline.find((e: { type: string }) => e.type === 'callback_assigned').data).toEqual({
      assigneeId: s.users.technician.id,
      previousAssigneeId: s.users.agent.id,
      note: '首问人休假',
    });
    expect(detail.timelineIntact).toBe(true);
  });

  it('an auditor reads but may not act (403); another company gets 404', async () => {
    const c = (await intake()).json();
    const res = await act('auditor', c.id, 'route', {
      version: c.version,
      target: { type: 'department', id: engineeringId },
    });
    expect(res.statusCode).toBe(403);
    const other = await t.make.company();
    const outsider = await t.make.user({ companyId: other.id, roles: ['manager'] });
    const cookie = await t.login(outsider.username);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie } })).statusCode,
    ).toBe(404);
  });
});

describe('search (SEARCH-1)', () => {
  it('q=漏水 finds "卫生间漏水严重" and the query uses the GIN index', async () => {
    await intake({ description: '卫生间漏水严重' });
    const res = await s.as('agent')({ method: 'GET', url: `/api/cases?q=${encodeURIComponent('漏水')}` });
    expect(res.json().items.some((c: { description: string }) => c.description === '卫生间漏水严重')).toBe(
      true,
    );
    const none = await s.as('agent')({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent('电梯困人')}`,
    });
    expect(none.json().items).toEqual([]);
    await t.database.db.execute(sql`set enable_seqscan = off`);
    const plan = await t.database.pool.query(
      `set enable_seqscan = off; explain select id from cases where search_vector @@ to_tsquery('simple', '''漏水''')`,
    );
    const text = JSON.stringify(plan);
    expect(text).toContain('cases_search_idx');
  });
});

describe('search with more matches than the count cap (API-4: total up to 10,000)', () => {
  it('counts to the cap, pages newest first through the received_at index, and carries the capped total', async () => {
    const other = await t.seedCompany();
    // 10,050 matching cases, one a minute, in SQL (the API would take minutes).
    await t.database.db
      .execute(sql`insert into cases (company_id, number, channel, kind, severity, state, received_at,
        created_at, recorded_by_id, first_responder_id, office_id, description, search_vector)
      select ${other.company.id}, 'BX-2026-' || lpad(i::text, 6, '0'), 'phone', 'repair', 'general', 'received',
        timestamptz '2026-06-01T00:00:00Z' + i * interval '1 minute', now(), ${other.users.agent.id},
        ${other.users.agent.id}, ${other.office.id}, '厨房漏水 ' || i, to_tsvector('simple', '厨房 漏水')
      from generate_series(1, 10050) i`);
    await t.database.db.execute(sql`analyze cases`);
    const first = (
      await other.as('agent')({ method: 'GET', url: `/api/cases?limit=20&q=${encodeURIComponent('漏水')}` })
    ).json();
    expect(first).toMatchObject({ total: 10_000, totalCapped: true });
    expect(first.items.map((c: { number: string }) => c.number)).toEqual(
      Array.from({ length: 20 }, (_, i) => `BX-2026-${String(10_050 - i).padStart(6, '0')}`),
    );
    const second = (
      await other.as('agent')({
        method: 'GET',
        url: `/api/cases?limit=20&q=${encodeURIComponent('漏水')}&cursor=${first.nextCursor}`,
      })
    ).json();
    expect(second).toMatchObject({ total: 10_000, totalCapped: true });
    expect(second.items[0].number).toBe('BX-2026-010030');
    // the plan of such a page: the received_at index, no bitmap of every match
    const plan = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute<{
        'QUERY PLAN': string;
      }>(sql`explain select * from cases c where c.company_id = ${other.company.id}
        and c.search_vector @@ to_tsquery('simple', '漏水') order by c.received_at desc, c.id desc limit 21`);
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
      /Index Scan.*cases_company_received_idx/,
    );
  });
});

describe('archive (RECORD-1, RECORD-2)', () => {
  it('the trigger refuses UPDATE and DELETE; a change behind its back is found and named', async () => {
    const c = (await intake()).json();
    await expect(
      t.database.pool.query(`update case_timeline set data = '{}' where case_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.database.pool.query(`delete from case_timeline where case_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
    // As superuser, with the trigger disabled for this session: tamper with entry 1.
    const client = await t.database.pool.connect();
    try {
      await client.query(`set session_replication_role = replica`);
      await client.query(
        `update case_timeline set data = '{"tampered":true}' where case_id = $1 and seq = 1`,
        [c.id],
      );
    } finally {
      await client.query(`set session_replication_role = origin`);
      client.release();
    }
    const detail = (await s.as('agent')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(detail.timelineIntact).toBe(false);
    const [report] = await verifyAllRecords(t.database.db, { companyId: s.company.id });
    expect(report.broken).toEqual([
      {
        kind: 'case_timeline',
        subjectId: c.id,
        label: c.number,
        intact: false,
        problem: 'entry',
        firstBrokenSeq: 1,
      },
    ]);
    expect(report.checked).toBeGreaterThan(100);
  });
});

describe('sweeper (CLOCK-6, ESCALATE-2)', () => {
  it('warns at 80 %, breaches and escalates once per clock, even with two sweepers at once', async () => {
    const c = (await intake({ kind: 'complaint', description: '保安态度恶劣' })).json();
    const routeClock = c.clocks.find((k: { name: string }) => k.name === 'route');
    const start = new Date(routeClock.startedAt).getTime();
    const due = new Date(routeClock.dueAt).getTime();
    t.clock.set(new Date(start + (due - start) * 0.85));
    const [a, b] = await Promise.all([
      sweep(t.database.db, t.clock, { companyId: s.company.id }),
      sweep(t.database.db, t.clock, { companyId: s.company.id }),
    ]);
    expect(a.warned + b.warned).toBeGreaterThanOrEqual(1);
    t.clock.set(new Date(due + 1000));
    const [x, y] = await Promise.all([
      sweep(t.database.db, t.clock, { companyId: s.company.id }),
      sweep(t.database.db, t.clock, { companyId: s.company.id }),
    ]);
    expect(x.breached + y.breached).toBeGreaterThanOrEqual(1);
    const again = await sweep(t.database.db, t.clock, { companyId: s.company.id });
    expect(again).toEqual({ warned: 0, breached: 0, escalated: 0 });
    await s.relogin();
    const detail = (await s.as('director')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    const types = detail.timeline.map(
      (e: { type: string; data: { clock?: string } }) => `${e.type}:${e.data.clock ?? ''}`,
    );
    expect(types.filter((x: string) => x === 'clock_warned:route')).toHaveLength(1);
    expect(types.filter((x: string) => x === 'clock_breached:route')).toHaveLength(1);
    expect(detail.escalationTier).toBeGreaterThanOrEqual(1);
    expect(detail.timelineIntact).toBe(true);
    const supervisorNotes = await s.as('supervisor')({ method: 'GET', url: '/api/notifications' });
    expect(JSON.stringify(supervisorNotes.json())).toContain('escalated');
    const overdue = await s.as('director')({ method: 'GET', url: '/api/cases?overdue=true' });
    expect(overdue.json().items.some((i: { id: string }) => i.id === c.id)).toBe(true);
  });
});
