import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import {
  createTestApp,
  injectFromSameOrigin,
  type SeededCompany,
  type TestApp,
} from '../../../test/test-app';
import { buildApp } from '../app';
import { quarterlyRoutes } from './quarterly.routes';
import { draftQuarterlyReports } from './quarterly.service';
import { sweep } from '../deadlines/sweeper';

let t: TestApp;
let s: SeededCompany;
/** The app with the quarterly routes (registered here until app.ts registers them). */
let app: Awaited<ReturnType<typeof buildApp>>;
let room1: string;
let room2: string;
/** extra users, by name, with their passwords all TEST_PASSWORD */
const extra: Record<string, { id: string; username: string; cookie: string }> = {};
let bOfficeId: string;
let q3Id: string;

const URL = '/api/reports/quarterly';

const inject = (cookie: string) => (opts: InjectOptions) =>
  app.inject({ ...opts, headers: { ...opts.headers, cookie } });
const as = (who: keyof SeededCompany['users'] | string) =>
  inject(who in extra ? extra[who].cookie : s.cookies[who as keyof SeededCompany['users']]);

/** Signs everybody in again after the clock moved past the session lifetime. */
async function relogin() {
  await s.relogin();
  for (const u of Object.values(extra)) u.cookie = await t.login(u.username);
}

async function setClock(at: string) {
  t.clock.set(new Date(at));
  await relogin();
}

async function intake(role: 'supervisor' | 'agent', payload: Record<string, unknown>) {
  const res = await as(role)({
    method: 'POST',
    url: '/api/cases',
    payload: {
      channel: 'phone',
      reporter: { name: '李四', phone: '13912345678' },
      description: '楼道灯不亮',
      ...payload,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

async function callback(id: string, version: number, satisfaction: string) {
  const res = await as('supervisor')({
    method: 'POST',
    url: `/api/cases/${id}/actions/callback`,
    payload: {
      version,
      method: 'phone',
      reached: true,
      satisfaction,
      ...(satisfaction === 'unsatisfied' ? { reason: '仍有问题' } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  app = injectFromSameOrigin(
    await buildApp({ db: t.database.db, clock: t.clock, config: t.config }, { logger: false }),
  );
  if (!app.registeredRoutes.some((r) => r.url === URL))
    quarterlyRoutes(app, { db: t.database.db, clock: t.clock, config: t.config });
  await app.ready();

  const db = t.database.db;
  await db.execute(sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`);
  const place = async (officeId: string) => {
    const community = await t.make.community({ officeId });
    const building = await t.make.building({ communityId: community.id });
    const unit = await t.make.unit({ buildingId: building.id });
    return (await t.make.room({ unitId: unit.id })).id;
  };
  room1 = await place(s.office.id);
  room2 = await place(s.otherOffice.id);

  const finance = await t.make.department({ companyId: s.company.id, name: '财务部', function: 'finance' });
  const officeFinance = await t.make.department({
    companyId: s.company.id,
    officeId: s.otherOffice.id,
    name: '财务组',
    function: 'finance',
  });
  const users = {
    finance: { roles: ['agent'] as const, departmentId: finance.id, officeIds: [] },
    officeFinance: {
      roles: ['agent'] as const,
      departmentId: officeFinance.id,
      officeIds: [s.otherOffice.id],
    },
    director2: { roles: ['director'] as const, officeIds: [s.otherOffice.id] },
    agent2: { roles: ['agent'] as const, officeIds: [s.otherOffice.id] },
  };
  for (const [name, v] of Object.entries(users)) {
    const u = await t.make.user({ companyId: s.company.id, ...v, roles: [...v.roles] });
    extra[name] = { id: u.id, username: u.username, cookie: '' };
  }
  // Another company, for the cross-company checks.
  const b = await t.make.company({ name: '别家物业' });
  bOfficeId = (await t.make.office({ companyId: b.id })).id;
  const bAdmin = await t.make.user({ companyId: b.id, roles: ['admin'], officeIds: [bOfficeId] });
  extra.bAdmin = { id: bAdmin.id, username: bAdmin.username, cookie: '' };

  // Q2: received at 23:30 on 30 June, Shanghai — not the third quarter.
  await setClock('2026-07-01T02:00:00Z');
  await intake('agent', { kind: 'suggestion', roomId: room1, receivedAt: '2026-06-30T15:30:00Z' });
  // Q3, office 1: a complaint called back satisfied, a repair called back unsatisfied, an open inquiry.
  await setClock('2026-08-15T02:00:00Z');
  const complaint = await intake('supervisor', {
    kind: 'complaint',
    roomId: room1,
    resolvedOnTheSpot: { result: '当场更换灯泡' },
  });
  await callback(complaint.id, complaint.version, 'satisfied');
  const repair = await intake('supervisor', {
    kind: 'repair',
    roomId: room1,
    resolvedOnTheSpot: { result: '已疏通' },
  });
  await callback(repair.id, repair.version, 'unsatisfied');
  await intake('agent', { kind: 'inquiry', roomId: room1 });
  // Q3, office 2: not office 1's.
  await intake('agent', { kind: 'complaint', roomId: room2 });
});

afterAll(async () => {
  await app?.close();
  await t.close();
});

describe('REPORT-5: drafted from the data in the first month of the next quarter (002 篇4 4.2.3.1)', () => {
  it('the Q3 report cannot be drafted before 1 October (local); the Q4 report not in October', async () => {
    await setClock('2026-09-30T15:58:00Z'); // the fake clock ticks: a margin for the sign-ins
    const early = await as('director')({
      method: 'GET',
      url: `${URL}?officeId=${s.office.id}&year=2026&quarter=3`,
    });
    expect(early.statusCode, early.body).toBe(400);
    expect(early.json().error.fields['querystring.quarter']).toMatch(/下一季度首月/);
    const rows = await t.database.db.execute(sql`select id from quarterly_reports`);
    expect(rows.rows).toEqual([]);
  });

  it('is drafted on its first read once 1 October has come, with its deadlines (Q3 → October)', async () => {
    await setClock('2026-09-30T16:00:00Z');
    const res = await as('director')({
      method: 'GET',
      url: `${URL}?officeId=${s.office.id}&year=2026&quarter=3`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    q3Id = r.id;
    expect(r).toMatchObject({
      officeId: s.office.id,
      year: 2026,
      quarter: 3,
      status: 'draft',
      version: 1,
      draftedAt: expect.stringMatching(/^2026-09-30T16:00:0/),
      period: { start: '2026-06-30T16:00:00.000Z', end: '2026-09-30T16:00:00.000Z' },
      deadlines: {
        draftFrom: '2026-09-30T16:00:00.000Z',
        serviceDue: '2026-10-10T15:59:59.999Z',
        financeDue: '2026-10-15T15:59:59.999Z',
        publishDue: '2026-10-20T15:59:59.999Z',
      },
      serviceOverdue: false,
      financeOverdue: false,
      publishOverdue: false,
      allowedActions: ['editService', 'submitService'],
    });
    // The second read finds the same report; without year and quarter it is the report in preparation.
    const again = await as('director')({ method: 'GET', url: URL });
    expect(again.json().id).toBe(q3Id);
    const q4 = await as('director')({ method: 'GET', url: `${URL}?year=2026&quarter=4` });
    expect(q4.statusCode).toBe(400);
  });

  it('counts the quarter’s cases by kind in the company zone, the callbacks done and the satisfaction (SQL aggregates)', async () => {
    // Recorded at 01:00 on 1 October: one received at 23:30 on 30 September (Q3), one at 00:30 on 1 October (Q4).
    await setClock('2026-09-30T17:00:00Z');
    await intake('agent', { kind: 'praise', roomId: room1, receivedAt: '2026-09-30T15:30:00Z' });
    await intake('agent', { kind: 'other', roomId: room1, receivedAt: '2026-09-30T16:30:00Z' });
    await setClock('2026-10-02T02:00:00Z');
    const r = (await as('director')({ method: 'GET', url: `${URL}/${q3Id}` })).json();
    const f = r.service.figures;
    expect(f.received).toBe(4);
    expect(
      Object.fromEntries(f.byKind.map((b: { kind: string; count: number }) => [b.kind, b.count])),
    ).toEqual({
      complaint: 1,
      repair: 1,
      inquiry: 1,
      suggestion: 0,
      praise: 1,
      other: 0,
    });
    expect(f.resolved).toBe(2);
    expect(f.callbacks).toEqual({ due: 2, done: 2, rate: { value: 1, numerator: 2, denominator: 2 } });
    expect(f.satisfaction).toEqual({
      answered: 2,
      satisfied: 1,
      basicallySatisfied: 0,
      unsatisfied: 1,
      rate: { value: 0.5, numerator: 1, denominator: 2 },
    });
    expect(r.service.frozen).toBe(false);
    // The sections are drafted from the figures until the office edits them; the plan is the office's to write.
    expect(r.service.sections.overview).toContain('本季度共受理各类事项 4 件');
    expect(r.service.sections.quality).toContain('满意率 50.0%');
    expect(r.service.sections.nextPlan).toBe('');
  });
});

describe('REPORT-5: service part → finance part → signatures → published, in order', () => {
  const post = (who: string, action: string, payload: Record<string, unknown>) =>
    as(who)({ method: 'POST', url: `${URL}/${q3Id}/${action}`, payload });
  const put = (who: string, part: string, payload: Record<string, unknown>) =>
    as(who)({ method: 'PUT', url: `${URL}/${q3Id}/${part}`, payload });
  let v = 1;
  const sections = {
    overview: '本季度完成电梯年检。',
    quality: '回访满意率有待提高。',
    nextPlan: '下季度更换楼道照明。',
  };
  const figures = {
    incomeYuan: 125000.5,
    expenseYuan: 98000,
    arrearsYuan: 3200.75,
    notes: '物业费收缴率 96%',
  };

  it('a step out of order is 422 with a message that says what comes first', async () => {
    const finance = await post('manager', 'submit-finance', { version: v });
    expect(finance.statusCode).toBe(422);
    expect(finance.json().error).toMatchObject({
      code: 'rule_violation',
      message: '请先提交管理服务情况部分，再提交经营情况部分',
      details: { rule: 'quarterly_service_first' },
    });
    const sign = await post('director', 'sign', {
      version: v,
      chairName: '王主任',
      chairSignedAt: '2026-10-02T09:00:00+08:00',
      directorSignature: true,
    });
    expect(sign.json().error.details.rule).toBe('quarterly_finance_first');
    const publish = await as('director')({
      method: 'POST',
      url: `${URL}/${q3Id}/publish`,
      payload: { version: v },
      headers: { 'accept-language': 'en-US' },
    });
    expect(publish.statusCode).toBe(422);
    expect(publish.json().error.message).toBe(
      'The report can be published only after the owners’ committee chair and the director have signed it',
    );
    // The drafted text has no plan for next quarter yet: the office must write it.
    const blank = await post('director', 'submit-service', { version: v });
    expect(blank.json().error.details.rule).toBe('quarterly_sections_missing');
  });

  it('the office’s director or supervisor writes the service part; stale versions are 409', async () => {
    expect((await put('agent', 'service', { version: v, sections })).statusCode).toBe(403);
    const manager = await put('manager', 'service', { version: v, sections });
    expect(manager.statusCode).toBe(403);
    expect(manager.json().error.message).toBe('只有本管理处的主任或客服主管可以编写和提交管理服务情况部分');
    expect((await put('director2', 'service', { version: v, sections })).statusCode).toBe(404);
    const stale = await put('supervisor', 'service', { version: v + 5, sections });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(v);
    const ok = await put('supervisor', 'service', { version: v, sections });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().service).toMatchObject({ sections, sectionsEdited: true, frozen: false });
    v = ok.json().version;
    expect(v).toBe(2);
  });

  it('submitting the service part freezes its figures and text', async () => {
    const res = await post('director', 'submit-service', { version: v });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.status).toBe('service_submitted');
    expect(r.service).toMatchObject({
      frozen: true,
      sections,
      submittedAt: expect.stringMatching(/^2026-10-02T02:00/),
      submittedBy: { id: s.users.director.id },
    });
    v = r.version;
    // A case recorded late for the quarter no longer changes what was submitted.
    await intake('agent', { kind: 'complaint', roomId: room1, receivedAt: '2026-09-30T10:00:00Z' });
    const after = (await as('director')({ method: 'GET', url: `${URL}/${q3Id}` })).json();
    expect(after.service.figures.received).toBe(4);
    const locked = await put('director', 'service', { version: v, sections });
    expect(locked.statusCode).toBe(422);
    expect(locked.json().error.details.rule).toBe('quarterly_service_locked');
  });

  it('finance enters the figures: the finance department or a manager, not the office', async () => {
    const director = await put('director', 'finance', { version: v, figures });
    expect(director.statusCode).toBe(403);
    expect(director.json().error.message).toMatch(/财务人员/);
    expect((await put('supervisor', 'finance', { version: v, figures })).statusCode).toBe(403);
    // An office's own finance team covers its office only.
    expect((await put('officeFinance', 'finance', { version: v, figures })).statusCode).toBe(404);

    // The finance department's staff hold no report role, yet read the report and fill the finance part.
    const read = await as('finance')({ method: 'GET', url: `${URL}/${q3Id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().allowedActions).toEqual(['editFinance', 'submitFinance']);
    const empty = await post('finance', 'submit-finance', { version: v });
    expect(empty.json().error.details.rule).toBe('quarterly_figures_missing');
    const fen = await put('finance', 'finance', { version: v, figures: { ...figures, incomeYuan: 1.234 } });
    expect(fen.statusCode).toBe(400);
    expect(fen.json().error.fields['figures.incomeYuan']).toBe('金额须为 0 或正数，最多两位小数');

    const entered = await put('finance', 'finance', { version: v, figures });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(entered.json().finance).toMatchObject({
      figures,
      balanceYuan: 27000.5,
      enteredBy: { id: extra.finance.id },
    });
    v = entered.json().version;
    const byManager = await put('manager', 'finance', {
      version: v,
      figures: { ...figures, arrearsYuan: 3000 },
    });
    expect(byManager.statusCode).toBe(200);
    v = byManager.json().version;
    const submitted = await post('finance', 'submit-finance', { version: v });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'finance_submitted',
      finance: { submittedBy: { id: extra.finance.id }, figures: { arrearsYuan: 3000 } },
    });
    v = submitted.json().version;
    const locked = await put('manager', 'finance', { version: v, figures });
    expect(locked.json().error.details.rule).toBe('quarterly_finance_locked');
  });

  it('records the chair’s paper signature and the director’s sign-off (the office’s director or a manager)', async () => {
    const body = {
      version: v,
      chairName: '王建国',
      chairSignedAt: '2026-10-02T09:00:00+08:00',
      directorSignature: true,
    };
    expect((await post('supervisor', 'sign', body)).statusCode).toBe(403);
    expect((await post('director2', 'sign', body)).statusCode).toBe(404);
    expect((await post('director', 'sign', { ...body, directorSignature: false })).statusCode).toBe(400);
    const future = await post('director', 'sign', { ...body, chairSignedAt: '2026-10-03T09:00:00+08:00' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.chairSignedAt).toBeTruthy();
    const early = await post('director', 'sign', { ...body, chairSignedAt: '2026-09-30T09:00:00+08:00' });
    expect(early.json().error.fields.chairSignedAt).toBe('签字时间不能早于报告开始编制的日期');

    const signed = await post('director', 'sign', body);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'signed',
      signatures: {
        chairName: '王建国',
        chairSignedAt: '2026-10-02T01:00:00.000Z',
        director: { id: s.users.director.id },
        directorSignedAt: expect.stringMatching(/^2026-10-02T02:00/),
      },
      allowedActions: ['publish'],
    });
    v = signed.json().version;
    expect((await post('director', 'sign', { ...body, version: v })).json().error.details.rule).toBe(
      'quarterly_already_signed',
    );
  });

  it('published only when signed; then readable by the office’s staff at the service centre', async () => {
    expect((await as('agent')({ method: 'GET', url: `${URL}/${q3Id}` })).statusCode).toBe(404);
    expect((await as('agent')({ method: 'GET', url: `${URL}?year=2026&quarter=3` })).statusCode).toBe(404);
    expect((await post('director', 'publish', { version: v - 1 })).statusCode).toBe(409);
    const published = await post('director', 'publish', { version: v });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      publishedAt: expect.stringMatching(/^2026-10-02T02:00/),
      publishedBy: { id: s.users.director.id },
      publishOverdue: false,
    });
    v = published.json().version;

    const counter = await as('agent')({ method: 'GET', url: `${URL}/${q3Id}` });
    expect(counter.statusCode).toBe(200);
    expect(counter.json()).toMatchObject({
      status: 'published',
      service: { sections },
      finance: { figures: { arrearsYuan: 3000 } },
    });
    const byQuarter = await as('agent')({ method: 'GET', url: `${URL}?year=2026&quarter=3` });
    expect(byQuarter.json().id).toBe(q3Id);
    expect((await as('agent2')({ method: 'GET', url: `${URL}/${q3Id}` })).statusCode).toBe(404);
    expect((await post('director', 'publish', { version: v })).json().error.details.rule).toBe(
      'quarterly_already_published',
    );
  });
});

describe('REPORT-5: scope and tenancy', () => {
  it('a director of office 2 cannot read office 1’s report (404), and sees office 2’s overdue flags', async () => {
    expect((await as('director2')({ method: 'GET', url: `${URL}/${q3Id}` })).statusCode).toBe(404);
    const byQuery = await as('director2')({
      method: 'GET',
      url: `${URL}?officeId=${s.office.id}&year=2026&quarter=3`,
    });
    expect(byQuery.statusCode).toBe(404);
    await setClock('2026-10-11T02:00:00Z');
    const own = await as('director2')({ method: 'GET', url: `${URL}?year=2026&quarter=3` });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      officeId: s.otherOffice.id,
      status: 'draft',
      serviceOverdue: true,
      financeOverdue: false,
      publishOverdue: false,
    });
    expect(own.json().service.figures.received).toBe(1);
    const auditor = await as('auditor')({ method: 'GET', url: `${URL}/${q3Id}` });
    expect(auditor.statusCode).toBe(200);
    expect(auditor.json().allowedActions).toEqual([]);
  });

  it('another company’s report and office are 404', async () => {
    expect((await as('bAdmin')({ method: 'GET', url: `${URL}/${q3Id}` })).statusCode).toBe(404);
    expect(
      (await as('bAdmin')({ method: 'POST', url: `${URL}/${q3Id}/publish`, payload: { version: 1 } }))
        .statusCode,
    ).toBe(404);
    const office = await as('bAdmin')({
      method: 'GET',
      url: `${URL}?officeId=${s.office.id}&year=2026&quarter=3`,
    });
    expect(office.statusCode).toBe(404);
    const own = await as('admin')({ method: 'GET', url: `${URL}?officeId=${bOfficeId}&year=2026&quarter=3` });
    expect(own.statusCode).toBe(404);
  });

  it('every quarterly route refuses anonymous callers and answers 404 for another company’s id (TENANT-1)', async () => {
    const bReport = (
      await as('bAdmin')({ method: 'GET', url: `${URL}?officeId=${bOfficeId}&year=2026&quarter=3` })
    ).json();
    expect(bReport.officeId).toBe(bOfficeId);
    const bodies: Record<string, Record<string, unknown>> = {
      service: { sections: { overview: '概况', quality: '质量', nextPlan: '计划' } },
      finance: { figures: { incomeYuan: 1, expenseYuan: 1, arrearsYuan: 0 } },
      sign: { chairName: '王主任', chairSignedAt: '2026-10-02T09:00:00+08:00', directorSignature: true },
    };
    const routes = app.registeredRoutes.filter((r) => r.url.startsWith(URL));
    expect(routes).toHaveLength(8);
    for (const r of routes) {
      const url = r.url.replace(':id', bReport.id);
      const payload = r.method === 'GET' ? undefined : { version: 1, ...bodies[r.url.split('/').pop()!] };
      const anonymous = await app.inject({ method: r.method as 'GET', url, payload });
      expect(anonymous.statusCode, `${r.method} ${r.url}`).toBe(401);
      if (!r.url.includes(':id')) continue;
      const res = await as('admin')({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
    }
  });
});

describe('REPORT-5: reminders before each date, each once (Q4 2026 report, January 2027)', () => {
  type Sent = {
    user_id: string;
    step: string;
    due_at: string;
    overdue: string;
    office_id: string;
    type: string;
  };
  const sent = async (): Promise<Sent[]> =>
    (
      await t.database.db
        .execute<Sent>(sql`select n.user_id, n.type, n.data->>'step' as step, n.data->>'dueAt' as due_at,
        n.data->>'overdue' as overdue, n.data->>'officeId' as office_id
      from notifications n where n.company_id = ${s.company.id} and n.data->>'reason' = 'quarterly_report_due'
        and n.data->>'year' = '2026' and n.data->>'quarter' = '4' order by n.created_at, n.data->>'step', n.user_id`)
    ).rows;
  // the hourly drafting job, then the deadline sweep that sends the reminders
  const run = async () => ({
    ...(await draftQuarterlyReports(t.database.db, t.clock)),
    ...(await sweep(t.database.db, t.clock)),
  });

  it('drafts every office’s report when January begins and sends nothing before 09:00 on the 7th', async () => {
    t.clock.set(new Date('2027-01-01T00:30:00Z'));
    const first = await run();
    expect(first.drafted).toBe(3); // office 1, office 2, company B's office
    const { rows } = await t.database.db.execute<{ office_id: string }>(
      sql`select office_id from quarterly_reports where year = 2026 and quarter = 4 and company_id = ${s.company.id}`,
    );
    expect(rows.map((r) => r.office_id).sort()).toEqual([s.office.id, s.otherOffice.id].sort());
    t.clock.set(new Date('2027-01-07T00:58:00Z'));
    expect((await run()).drafted).toBe(0);
    expect(await sent()).toEqual([]);
  });

  it('3 days before the service date: the office’s director, once', async () => {
    t.clock.set(new Date('2027-01-07T01:00:00Z'));
    await run();
    const first = await sent();
    expect(first).toEqual([
      {
        user_id: expect.any(String),
        type: 'warning',
        step: 'service',
        due_at: '2027-01-10T15:59:59.999Z',
        overdue: 'false',
        office_id: expect.any(String),
      },
      expect.objectContaining({ step: 'service' }),
    ]);
    // Office 1 has a recorded director; office 2 none, so its directors are found by role.
    expect(first.map((n) => [n.office_id, n.user_id]).sort()).toEqual(
      [
        [s.office.id, s.users.director.id],
        [s.otherOffice.id, extra.director2.id],
      ].sort(),
    );
    t.clock.set(new Date('2027-01-07T05:00:00Z'));
    await run();
    await run();
    expect(await sent()).toHaveLength(2);
  });

  it('a submitted service part stops its reminders; the finance step also reminds the finance department', async () => {
    await setClock('2027-01-08T02:00:00Z');
    const report = (await as('director')({ method: 'GET', url: URL })).json();
    expect(report).toMatchObject({ year: 2026, quarter: 4 });
    const edited = await as('director')({
      method: 'PUT',
      url: `${URL}/${report.id}/service`,
      payload: { version: report.version, sections: { overview: '概况', quality: '质量', nextPlan: '计划' } },
    });
    const submitted = await as('director')({
      method: 'POST',
      url: `${URL}/${report.id}/submit-service`,
      payload: { version: edited.json().version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    t.clock.set(new Date('2027-01-09T01:00:00Z'));
    await run();
    const d1 = (await sent()).slice(2);
    expect(d1.map((n) => [n.office_id, n.step])).toEqual([[s.otherOffice.id, 'service']]);

    t.clock.set(new Date('2027-01-12T01:30:00Z'));
    await run();
    const d12 = (await sent()).slice(3);
    const office1 = d12.filter((n) => n.office_id === s.office.id);
    expect(office1.map((n) => n.step)).toEqual(['finance', 'finance']);
    expect(office1.map((n) => n.user_id).sort()).toEqual([s.users.director.id, extra.finance.id].sort());
    // Office 2 missed its service date: the overdue reminder (the 10th's was not sent separately) and finance d-3,
    // which goes to its director, the company's finance department and its own finance team.
    const office2 = d12.filter((n) => n.office_id === s.otherOffice.id);
    expect(office2.filter((n) => n.step === 'service')).toEqual([
      expect.objectContaining({ user_id: extra.director2.id, overdue: 'true' }),
    ]);
    expect(
      office2
        .filter((n) => n.step === 'finance')
        .map((n) => n.user_id)
        .sort(),
    ).toEqual([extra.director2.id, extra.finance.id, extra.officeFinance.id].sort());
  });

  it('a late run sends the latest reminder of each pending step only, never a burst', async () => {
    const before = (await sent()).length;
    t.clock.set(new Date('2027-01-20T03:00:00Z'));
    await run();
    const late = (await sent()).slice(before).filter((n) => n.office_id === s.otherOffice.id);
    // finance: d-1, d0 and overdue have come — only the overdue one goes out; publish: d-3, d-1, d0 — only d0.
    expect(late.filter((n) => n.step === 'finance').every((n) => n.overdue === 'true')).toBe(true);
    expect(late.filter((n) => n.step === 'finance')).toHaveLength(3);
    expect(late.filter((n) => n.step === 'publish')).toEqual([
      expect.objectContaining({
        user_id: extra.director2.id,
        overdue: 'false',
        due_at: '2027-01-20T15:59:59.999Z',
      }),
    ]);
    expect((await run()).warned).toBe(0);
  });
});
