/**
 * Route coverage (ACCESS-1): every registered /api route declares a
 * permission, refuses anonymous callers unless public, and every route that takes an id is proven to answer 404
 * for another company's id. Lists never show another company's rows (TENANT-1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '../../domain/case/case';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { createPgBlobStore } from '../attachments/blob-store';
import {
  attachments,
  dutyViolations,
  feeItems,
  monthlySummaries,
  outboxMessages,
  problems,
  quarterlyReports,
} from '../db/schema';
import { notify } from '../notifications/notifications.service';

let t: TestApp;
let a: SeededCompany;
/** company B's entities, by kind */
let other: Record<string, string>;

/** Which entity each :id route addresses. A new :id route fails the test until it is listed here. */
const ID_ROUTE_KIND: Record<string, string> = {
  '/api/cases/:id': 'case',
  '/api/cases/:id/reveal': 'case',
  ...Object.fromEntries(CASE_ACTIONS.map((a) => [`/api/cases/:id/actions/${a}`, 'case'])),
  '/api/users/:id': 'user',
  '/api/users/:id/unlock': 'user',
  '/api/auth/tokens/:id': 'token',
  '/api/offices/:id': 'office',
  '/api/departments/:id': 'department',
  '/api/partner-units/:id': 'partnerUnit',
  '/api/fee-items/:id': 'feeItem',
  '/api/communities/:id': 'community',
  '/api/buildings/:id': 'building',
  '/api/building-units/:id': 'buildingUnit',
  '/api/rooms/:id': 'room',
  '/api/residents/:id': 'resident',
  '/api/categories/:id': 'category',
  '/api/attachments/:id/content': 'attachment',
  '/api/notifications/:id/read': 'notification',
  '/api/outbox/:id': 'outboxMessage',
  '/api/outbox/:id/retry': 'outboxMessage',
  '/api/accountability/violations/:id/confirm': 'violation',
  '/api/accountability/violations/:id/waive': 'violation',
  '/api/problems/:id': 'problem',
  '/api/problems/:id/close': 'problem',
  ...Object.fromEntries(
    ['', '/public', '/cases', '/highlights', '/approve', '/publish', '/export.xlsx', '/print'].map((p) => [
      `/api/reports/monthly/:id${p}`,
      'summary',
    ]),
  ),
  ...Object.fromEntries(
    ['', '/service', '/submit-service', '/finance', '/submit-finance', '/sign', '/publish'].map((p) => [
      `/api/reports/quarterly/:id${p}`,
      'quarterly',
    ]),
  ),
};

/** Lists whose query names what they list: company A's own, so the list is read; company B's is not there. */
let aDepartment: string;
const REQUIRED_QUERY: Record<string, (department: string) => string> = {
  '/api/accountability/first-ask-register': (department) => `?departmentId=${department}`,
  '/api/accountability/first-ask-register.xlsx': (department) => `?departmentId=${department}`,
};

/** Streams never end, so they cannot be read like a list; GET /api/events has its own tests (events.test.ts). */
const STREAM_ROUTES = new Set(['/api/events']);

const someId = '00000000-0000-4000-8000-000000000001';
/** A body each case action accepts, so the 404 comes from the id and not from validation. */
const VALID_ACTION_BODY: Record<string, Record<string, unknown>> = {
  route: { target: { type: 'department', id: someId } },
  assign: { handlerId: someId },
  recordContact: { unitId: someId, contactPerson: '孙工', via: 'phone' },
  return: { reason: '不属于本部门' },
  wait: { reason: '等待配件' },
  extend: { clock: 'resolve', dueAt: '2030-01-01T00:00:00+08:00', reason: '配件', residentAgreed: true },
  reply: { message: '已安排师傅上门', via: 'phone' },
  resolve: { result: '已修复' },
  callback: { method: 'phone', reached: false },
  reopen: { reason: '仍未修好' },
  close: { reason: '业主不再回应' },
  invalidate: { explanation: '非物业责任' },
  merge: { intoCaseId: someId },
  escalate: { reason: '超时' },
  comment: { text: '内部备注' },
  assignCallback: { assigneeId: someId },
  verify: { findings: '现场核实', method: 'site' },
  completeCorrective: { result: '已完成' },
  recordReportSent: { unitId: someId, copies: 2, receiver: '刘工' },
  refer: { reason: '需主任决定' },
  recordDecision: { decision: 'handle' },
  arrangeLeaderMeeting: { leaderId: someId, at: '2030-01-01T10:00:00+08:00' },
  flagSpecialIncident: { reason: '业主情绪激动' },
};
/** A body other :id routes accept (besides `version`), so the 404 comes from the id and not from validation. */
const VALID_ROUTE_BODY: Record<string, Record<string, unknown>> = {
  '/api/fee-items/:id': { priceYuan: '12.30' },
  '/api/reports/quarterly/:id/service': { sections: { overview: '概况', quality: '质量', nextPlan: '计划' } },
  '/api/reports/quarterly/:id/finance': { figures: { incomeYuan: 1, expenseYuan: 1, arrearsYuan: 0 } },
  '/api/reports/monthly/:id/highlights': { highlightId: 'intro.name-x-0', choice: 'keep' },
  '/api/reports/quarterly/:id/sign': {
    chairName: '王主任',
    chairSignedAt: '2026-10-02T09:00:00+08:00',
    directorSignature: true,
  },
};

beforeAll(async () => {
  t = await createTestApp();
  a = await t.seedCompany();
  // Company A has rows of every kind too, so lists are not trivially empty.
  const aRoom = await t.make.room({
    unitId: (
      await t.make.unit({
        buildingId: (
          await t.make.building({ communityId: (await t.make.community({ officeId: a.office.id })).id })
        ).id,
      })
    ).id,
  });
  await t.make.resident({ rooms: [{ roomId: aRoom.id }], phones: ['13900000001'] });
  aDepartment = (
    await t.make.department({ companyId: a.company.id, officeId: a.office.id, name: '本家客服中心' })
  ).id;

  const b = await t.make.company({ name: '别家物业' });
  const office = await t.make.office({ companyId: b.id, name: '别家管理处' });
  const department = await t.make.department({ companyId: b.id, officeId: office.id, name: '别家客服中心' });
  const user = await t.make.user({
    companyId: b.id,
    roles: ['admin'],
    officeIds: [office.id],
    name: '别家员工',
  });
  const partnerUnit = await t.make.partnerUnit({ companyId: b.id, name: '别家水务' });
  const community = await t.make.community({ officeId: office.id, name: '别家小区' });
  const building = await t.make.building({ communityId: community.id });
  const buildingUnit = await t.make.unit({ buildingId: building.id });
  const room = await t.make.room({ unitId: buildingUnit.id });
  const resident = await t.make.resident({
    rooms: [{ roomId: room.id }],
    name: '别家住户',
    phones: ['13900000002'],
  });
  const bCookie = await t.login(user.username);
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: { cookie: bCookie },
    payload: { name: 'b', userId: user.id },
  });
  const bCase = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: bCookie },
    payload: {
      channel: 'phone',
      kind: 'complaint',
      roomId: room.id,
      reporter: { name: '别家住户', phone: '13900000002' },
      description: '别家小区的投诉',
    },
  });
  expect(bCase.statusCode, bCase.body).toBe(201);
  const category = (
    await t.app.inject({ method: 'GET', url: '/api/categories', headers: { cookie: bCookie } })
  ).json().items[0];
  const blob = await createPgBlobStore(t.database.db).put(b.id, Buffer.from('别家附件'));
  const [attachment] = await t.database.db
    .insert(attachments)
    .values({ companyId: b.id, ...blob, filename: '别家附件.txt', mime: 'text/plain', uploadedById: user.id })
    .returning();
  const [notification] = await t.database.db.transaction((tx) =>
    notify(tx, { companyId: b.id, userIds: [user.id], type: 'assigned', at: t.clock.now() }),
  );
  other = {
    user: user.id,
    office: office.id,
    department: department.id,
    partnerUnit: partnerUnit.id,
    feeItem: (
      await t.database.db
        .insert(feeItems)
        .values({ companyId: b.id, name: '别家收费项', unit: '次', priceFen: 5000 })
        .returning({ id: feeItems.id })
    )[0].id,
    community: community.id,
    building: building.id,
    buildingUnit: buildingUnit.id,
    room: room.id,
    resident: resident.id,
    token: token.json().apiToken.id,
    case: bCase.json().id,
    category: category.id,
    attachment: attachment.id,
    notification: notification.id,
    outboxMessage: (
      await t.database.db
        .insert(outboxMessages)
        .values({
          companyId: b.id,
          type: 'test',
          channel: 'webhook',
          recipientKind: 'user',
          userId: user.id,
          idempotencyKey: 'b0000000000000000000000000000001',
          status: 'failed',
          nextAttemptAt: t.clock.now(),
          expiresAt: t.clock.now(),
        })
        .returning({ id: outboxMessages.id })
    )[0].id,
    summary: (
      await t.database.db
        .insert(monthlySummaries)
        .values({ companyId: b.id, officeId: office.id, year: 2026, month: 10, draftedAt: t.clock.now() })
        .returning({ id: monthlySummaries.id })
    )[0].id,
    quarterly: (
      await t.database.db
        .insert(quarterlyReports)
        .values({ companyId: b.id, officeId: office.id, year: 2026, quarter: 3, draftedAt: t.clock.now() })
        .returning({ id: quarterlyReports.id })
    )[0].id,
    violation: (
      await t.database.db
        .insert(dutyViolations)
        .values({
          companyId: b.id,
          officeId: office.id,
          year: 2026,
          month: 10,
          subjectType: 'user',
          subjectId: user.id,
          kind: 'first_responder_route_breached',
          caseId: bCase.json().id,
          clockName: 'route',
          evidence: { caseNumber: bCase.json().number, timelineSeq: 1 },
          occurredAt: t.clock.now(),
          amount: 50,
        })
        .returning({ id: dutyViolations.id })
    )[0].id,
    problem: (
      await t.database.db
        .insert(problems)
        .values({
          companyId: b.id,
          officeId: office.id,
          communityId: community.id,
          scopeType: 'community',
          scopeId: community.id,
          title: '别家小区 · 漏水',
          detectedAt: t.clock.now(),
          clusterKey: `community:${community.id}:x`,
        })
        .returning({ id: problems.id })
    )[0].id,
    companyId: b.id,
  };
});
afterAll(() => t.close());

describe('every route declares a permission (ACCESS-1)', () => {
  it('lists the routes with their permission rules', () => {
    const routes = t.app.registeredRoutes;
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    for (const r of t.app.registeredRoutes) {
      if (r.permission === 'public') continue;
      const url = r.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        payload: ['GET', 'DELETE'].includes(r.method) ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});

describe('tenancy: another company’s id is 404 on every id route (TENANT-1)', () => {
  it('every :id route is listed in the cross-company table', () => {
    const idRoutes = [
      ...new Set(t.app.registeredRoutes.filter((r) => r.url.includes(':id')).map((r) => r.url)),
    ];
    const missing = idRoutes.filter((u) => !ID_ROUTE_KIND[u]);
    expect(missing, 'routes with no cross-company test').toEqual([]);
  });

  it('answers 404 for company B’s ids to company A’s admin, on every method', async () => {
    for (const r of t.app.registeredRoutes.filter((x) => x.url.includes(':id'))) {
      const id = other[ID_ROUTE_KIND[r.url]];
      const url = r.url.replace(':id', id);
      const action = r.url.match(/\/actions\/(\w+)$/)?.[1];
      const payload =
        r.method === 'GET' || r.method === 'DELETE'
          ? undefined
          : { version: 1, ...(action ? VALID_ACTION_BODY[action] : VALID_ROUTE_BODY[r.url]) };
      const res = await a.as('admin')({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('lists never contain company B’s rows', async () => {
    const bIds = Object.values(other);
    for (const r of t.app.registeredRoutes.filter(
      (x) =>
        x.method === 'GET' && !x.url.includes(':') && x.permission !== 'public' && !STREAM_ROUTES.has(x.url),
    )) {
      const query = REQUIRED_QUERY[r.url];
      if (query) {
        const theirs = await a.as('admin')({ method: 'GET', url: r.url + query(other.department) });
        expect(theirs.statusCode, `${r.url} with company B's department`).toBe(404);
      }
      const res = await a.as('admin')({ method: 'GET', url: r.url + (query ? query(aDepartment) : '') });
      if (res.headers['content-type']?.toString().includes('json')) {
        expect(res.statusCode, `${r.url}: ${res.body.slice(0, 200)}`).toBeLessThan(300);
        for (const id of bIds) expect(res.body, `${r.url} leaks ${id}`).not.toContain(id);
        for (const name of [
          '别家物业',
          '别家管理处',
          '别家客服中心',
          '别家员工',
          '别家水务',
          '别家收费项',
          '别家小区',
          '别家住户',
          '13900000002',
        ])
          expect(res.body, `${r.url} leaks ${name}`).not.toContain(name);
      }
    }
  });
});
