/** Server-level proofs of the case rules that need stored state (PRIV-3, FLOW-3, CLOCK-2, CLOCK-3, FIRSTASK-3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cases } from '../db/schema';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
let deptId: string;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  deptId = (
    await t.make.department({
      companyId: s.company.id,
      officeId: s.office.id,
      name: '客服中心',
      headId: s.users.supervisor.id,
    })
  ).id;
});
afterAll(() => t.close());

const create = async (payload: Record<string, unknown>, role: keyof SeededCompany['users'] = 'agent') => {
  const res = await s.as(role)({
    method: 'POST',
    url: '/api/cases',
    payload: { channel: 'phone', kind: 'complaint', description: '物业服务态度差', ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const act = async (
  role: keyof SeededCompany['users'],
  id: string,
  action: string,
  body: Record<string, unknown>,
) => {
  const current = (await s.as('director')({ method: 'GET', url: `/api/cases/${id}` })).json();
  return s.as(role)({
    method: 'POST',
    url: `/api/cases/${id}/actions/${action}`,
    payload: { version: current.version, ...body },
  });
};

describe('privacy of the reporter (PRIV-3, PRIV-1 001 通知 二.2)', () => {
  it('an anonymous reporter is known only to the first responder and the director', async () => {
    const c = await create({ reporter: { name: '李四', phone: '13911112222', anonymous: true } });
    const asFirst = (await s.as('agent')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(asFirst.reporter).toMatchObject({ name: '李四', phone: '13911112222', anonymous: true });
    const asDirector = (await s.as('director')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(asDirector.reporter.name).toBe('李四');
    const asSupervisor = (await s.as('supervisor')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(asSupervisor.reporter).toMatchObject({ name: null, phone: null, anonymous: true });
    const reveal = await s.as('supervisor')({ method: 'POST', url: `/api/cases/${c.id}/reveal` });
    expect(reveal.statusCode).toBe(403);
  });

  it('an auditor sees names and phones masked', async () => {
    const c = await create({ reporter: { name: '王五', phone: '13933334444' } });
    const asAuditor = (await s.as('auditor')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(asAuditor.reporter).toMatchObject({ name: '王*', phone: '139****4444', masked: true });
  });
});

describe('handling (FLOW-3, CLOCK-3)', () => {
  it('wait pauses the resolve clock and resume moves its due time by the pause', async () => {
    const c = await create({});
    await act('agent', c.id, 'route', {
      target: { type: 'department', id: deptId },
      handlerId: s.users.supervisor.id,
    });
    await act('supervisor', c.id, 'accept', {});
    const before = (await s.as('supervisor')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    const resolveDue = new Date(
      before.clocks.find((k: { name: string }) => k.name === 'resolve').dueAt,
    ).getTime();
    const waiting = await act('supervisor', c.id, 'wait', { reason: '等待业主在家时间' });
    expect(waiting.json().state).toBe('waiting');
    expect(waiting.json().clocks.find((k: { name: string }) => k.name === 'resolve').paused).toBe(true);
    t.clock.advance(90 * 60_000);
    const resumed = await act('supervisor', c.id, 'resume', {});
    const clock = resumed.json().clocks.find((k: { name: string }) => k.name === 'resolve');
    expect(clock.paused).toBe(false);
    expect(new Date(clock.dueAt).getTime() - resolveDue).toBeGreaterThanOrEqual(90 * 60_000 - 1000);
  });

  it('extend needs the resident’s agreement and must come before the deadline', async () => {
    await s.relogin();
    const c = await create({});
    await act('agent', c.id, 'route', {
      target: { type: 'department', id: deptId },
      handlerId: s.users.supervisor.id,
    });
    await act('supervisor', c.id, 'accept', {});
    const detail = (await s.as('supervisor')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    const due = new Date(detail.clocks.find((k: { name: string }) => k.name === 'resolve').dueAt).getTime();
    const later = new Date(due + 86_400_000).toISOString();
    const noAgreement = await act('supervisor', c.id, 'extend', {
      clock: 'resolve',
      dueAt: later,
      reason: '配件未到',
      residentAgreed: false,
    });
    expect(noAgreement.statusCode).toBe(400);
    const ok = await act('supervisor', c.id, 'extend', {
      clock: 'resolve',
      dueAt: later,
      reason: '配件未到',
      residentAgreed: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().clocks.find((k: { name: string }) => k.name === 'resolve').dueAt).toBe(later);
    t.clock.set(new Date(due + 2 * 86_400_000));
    await s.relogin();
    const tooLate = await act('supervisor', c.id, 'extend', {
      clock: 'resolve',
      dueAt: new Date(due + 5 * 86_400_000).toISOString(),
      reason: 'x',
      residentAgreed: true,
    });
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.json().error.details.rule).toBe('extend_after_deadline');
  });

  it('FIRSTASK-3 the reply warns on deflection phrases; overriding needs a reason, which is recorded', async () => {
    await s.relogin();
    const c = await create({ kind: 'inquiry', description: '咨询停车位' });
    const warned = await act('agent', c.id, 'reply', { message: '这个不归我们管', via: 'phone' });
    expect(warned.statusCode).toBe(422);
    expect(warned.json().error.details.rule).toBe('reply_warnings');
    const overridden = await act('agent', c.id, 'reply', {
      message: '这个不归我们管',
      via: 'phone',
      warningOverrideReason: '业主咨询的是市政道路，已告知市政所电话',
    });
    expect(overridden.statusCode, overridden.body).toBe(200);
    expect(overridden.json().clocks.find((k: { name: string }) => k.name === 'reply').metAt).not.toBeNull();
    const detail = (await s.as('agent')({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    const replied = detail.timeline.find((e: { type: string }) => e.type === 'replied');
    expect(JSON.stringify(replied.data)).toContain('市政所');
  });
});

describe('working calendar (CLOCK-2)', () => {
  it('a deadline in a year with no calendar data flags the case and warns the admin; entering the year clears it', async () => {
    await s.relogin();
    const policy = (await s.as('admin')({ method: 'GET', url: '/api/policies' })).json();
    const put = await s.as('admin')({
      method: 'PUT',
      url: '/api/policies',
      payload: {
        version: policy.version,
        clockPolicy: { byKind: { suggestion: { resolve: { amount: 120, unit: 'working_days' } } } },
        numberPrefixes: {},
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const flagged = await create({ kind: 'suggestion', description: '建议增加儿童游乐设施' });
    expect(flagged.calendarUnknown).toBe(true);
    const notes = await s.as('admin')({ method: 'GET', url: '/api/notifications' });
    expect(JSON.stringify(notes.json())).toContain('calendar_unknown');

    const days = [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }];
    expect(
      (await s.as('admin')({ method: 'PUT', url: '/api/calendar/overrides/2027', payload: { days } }))
        .statusCode,
    ).toBe(200);
    const known = await create({ kind: 'suggestion', description: '建议增加健身器材' });
    expect(known.calendarUnknown).toBe(false);
  });
});

describe('merge applies the case rule to the case merged into (001 通知 二.2)', () => {
  it('a case the actor may not see is not found as a merge target; one they see is merged into', async () => {
    const stranger = await t.make.user({
      companyId: s.company.id,
      roles: ['agent'],
      officeIds: [s.otherOffice.id],
    });
    const hidden = await t.make.case({
      companyId: s.company.id,
      officeId: s.otherOffice.id,
      firstResponderId: stranger.id,
      recordedById: stranger.id,
    });
    const mine = await create({ description: '楼道灯不亮' });
    const refused = await act('agent', mine.id, 'merge', { intoCaseId: hidden.id });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual(['intoCaseId']);
    const [after] = await t.database.db.select().from(cases).where(eq(cases.id, hidden.id));
    expect(after.timelineSeq).toBe(0);
    const visible = await create({ description: '楼道灯不亮（重复）' });
    const merged = await act('agent', mine.id, 'merge', { intoCaseId: visible.id });
    expect(merged.statusCode, merged.body).toBe(200);
  });
});
