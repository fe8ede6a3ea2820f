/**
 * The one overdue view (GET /api/deadlines?overdue=true): every deadline past due the caller may see, whatever
 * its subject, most overdue first — a case's clocks under the case rule, a monthly summary not published by the
 * 5th (002 篇4 4.2.2.2) and each quarterly report step past its date (002 篇4 4.2.3) under reports.read.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { draftMonthlySummaries } from '../reports/summary.service';

let t: TestApp;
let s: SeededCompany;
let other: SeededCompany;
let caseId: string;
let caseNumber: string;

type Item = { kind: string; name: string; dueAt: string; subject: { id: string | null; label: string } };

const overdue = async (role: keyof SeededCompany['users'], query = '', company = s) => {
  const res = await company.as(role)({ method: 'GET', url: `/api/deadlines?overdue=true${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; nextCursor: string | null; total: number };
};

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  other = await t.seedCompany();
  await t.database.db.execute(
    sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`,
  );
  // A complaint received at 09:00 on 10 November; its route clock (1 h) falls due at 10:00.
  t.clock.set(new Date('2026-11-10T09:00:00+08:00'));
  const c = await s.as('agent')({
    method: 'POST',
    url: '/api/cases',
    payload: { channel: 'phone', kind: 'complaint', description: '保安夜间巡逻不到位' },
  });
  expect(c.statusCode, c.body).toBe(201);
  caseId = c.json().id;
  caseNumber = c.json().number;
  // The third quarter's report, drafted and left: its steps were due on 10, 15 and 20 October.
  const q = await s.as('director')({
    method: 'GET',
    url: `/api/reports/quarterly?officeId=${s.office.id}&year=2026&quarter=3`,
  });
  expect(q.statusCode, q.body).toBe(200);
  // October's summary: the hourly drafting job gives each office's month its publication deadline (the 5th).
  await draftMonthlySummaries(t.database.db, t.clock);
  t.clock.set(new Date('2026-11-10T10:30:00+08:00'));
});
afterAll(() => t.close());

describe('GET /api/deadlines?overdue=true: the one overdue view', () => {
  it('the director sees every kind past due, most overdue first', async () => {
    const list = await overdue('director');
    const seen = list.items.map((i) => `${i.kind}:${i.name}:${i.subject.label}`);
    expect(seen.slice(0, 4)).toEqual([
      'quarterly_report:service:2026-Q3',
      'quarterly_report:finance:2026-Q3',
      'quarterly_report:publish:2026-Q3',
      'monthly_summary:publication:2026-10',
    ]);
    expect(seen).toContain(`case_clock:route:${caseNumber}`);
    const times = list.items.map((i) => i.dueAt);
    expect(times).toEqual([...times].sort());
    expect(list.total).toBe(list.items.length);
    expect(list.items.find((i) => i.kind === 'case_clock')?.subject.id).toBe(caseId);
  });

  it('kind narrows the view to those kinds, given once or several times', async () => {
    const reports = await overdue('director', '&kind=monthly_summary&kind=quarterly_report');
    expect(new Set(reports.items.map((i) => i.kind))).toEqual(
      new Set(['monthly_summary', 'quarterly_report']),
    );
    expect(reports.total).toBe(4);
    const clocks = await overdue('director', '&kind=case_clock');
    expect(clocks.items.length).toBeGreaterThan(0);
    expect(clocks.items.every((i) => i.kind === 'case_clock')).toBe(true);
    const bad = await s.as('director')({ method: 'GET', url: '/api/deadlines?kind=notice' });
    expect(bad.statusCode).toBe(400);
  });

  it('pages of one item walk the same list once, in order, with a cursor that carries the place', async () => {
    const all = (await overdue('director')).items;
    const walked: Item[] = [];
    let cursor: string | null = null;
    do {
      const page = await overdue('director', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
  });

  it('each kind keeps its own read rule: no reports without reports.read; no case the case rule hides', async () => {
    // the office's technician sees the office's case (the case rule), but no report deadlines
    const mine = await overdue('technician');
    expect(mine.items.filter((i) => i.kind !== 'case_clock')).toEqual([]);
    expect(mine.items.some((i) => i.subject.id === caseId)).toBe(true);
    // a technician of the other office sees neither
    const elsewhere = await t.make.user({
      companyId: s.company.id,
      roles: ['technician'],
      officeIds: [s.otherOffice.id],
    });
    const cookie = await t.login(elsewhere.username);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/deadlines?overdue=true',
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('another company sees none of it', async () => {
    const list = await overdue('manager', '', other);
    expect(list.items.some((i) => i.subject.id === caseId)).toBe(false);
    expect(list.items.some((i) => i.kind === 'quarterly_report')).toBe(false);
  });

  it('a deadline met leaves the view: routing the case, the resident told, meets its route clock (ROUTE-2)', async () => {
    const c = (await s.as('agent')({ method: 'GET', url: `/api/cases/${caseId}` })).json();
    const dept = await t.make.department({
      companyId: s.company.id,
      officeId: s.office.id,
      name: '秩序维护部',
    });
    const routed = await s.as('agent')({
      method: 'POST',
      url: `/api/cases/${caseId}/actions/route`,
      payload: {
        version: c.version,
        target: { type: 'department', id: dept.id },
        residentTold: { via: 'phone' },
      },
    });
    expect(routed.statusCode, routed.body).toBe(200);
    const names = (await overdue('director')).items.filter((i) => i.subject.id === caseId).map((i) => i.name);
    expect(names).not.toContain('route');
  });

  it('overdue is the view there is: the default, and anything but true is refused', async () => {
    const plain = await s.as('director')({ method: 'GET', url: '/api/deadlines' });
    expect(plain.statusCode).toBe(200);
    expect(plain.json().items).toEqual((await overdue('director')).items);
    const other = await s.as('director')({ method: 'GET', url: '/api/deadlines?overdue=false' });
    expect(other.statusCode).toBe(400);
  });
});

describe('the overdue view’s cursor', () => {
  it('refuses a key it did not write (a kind it has not, a case clock id that is no uuid) as a bad cursor', async () => {
    for (const key of ['        :   ', '0:not-a-uuid', '3:anything', '1:']) {
      const cursor = Buffer.from(JSON.stringify(['2026-11-24T02:00:01.114Z', key])).toString('base64url');
      const res = await s.as('admin')({ method: 'GET', url: `/api/deadlines?cursor=${cursor}` });
      expect(res.statusCode, key).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), key).toContain('querystring.cursor');
    }
  });
});
