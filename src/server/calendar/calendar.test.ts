import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { loadWorkingCalendar } from './calendar.service';

let t: TestApp;
let s: SeededCompany;
beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
});
afterAll(() => t.close());

// 2027 as the State Council might publish it: 元旦 1-1..1-3, 春节 2-6..2-13 with 调休 workdays 2-14 (Sun) and 2-20 (Sat).
const DAYS_2027 = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-01-02', kind: 'holiday', name: '元旦' },
  { date: '2027-01-03', kind: 'holiday', name: '元旦' },
  ...['06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({
    date: `2027-02-${d}`,
    kind: 'holiday',
    name: '春节',
  })),
  { date: '2027-02-14', kind: 'workday', name: '春节调休' },
  { date: '2027-02-20', kind: 'workday', name: '春节调休' },
];

const put = (year: number | string, days: unknown, as = s.as('admin')) =>
  as({ method: 'PUT', url: `/api/calendar/overrides/${year}`, payload: { days } });
const status = (as = s.as('agent'), lang = 'zh-CN') =>
  as({ method: 'GET', url: '/api/calendar/status', headers: { 'accept-language': lang } }).then((r) =>
    r.json(),
  );

describe('working calendar per company (CLOCK-2)', () => {
  it('2027 is unknown (chinese-days lacks it) and the status warns in November 2026', async () => {
    const st = await status();
    expect(st.knownYears).toContain(2026);
    expect(st.knownYears).not.toContain(2027);
    expect(st.missingYears).toEqual([2027]);
    expect(st.warning).toBe(true);
    expect(st.message).toContain('2027');
    expect(st.message).toContain('法定节假日');
    expect((await status(s.as('agent'), 'en-US')).message).toMatch(/2027.*not been entered/);
    const cal = await loadWorkingCalendar(t.database.db, s.company.id);
    expect(cal.dayKind('2027-01-01')).toBe('unknown');

    const overrides = (
      await s.as('agent')({ method: 'GET', url: '/api/calendar/overrides?year=2027' })
    ).json();
    expect(overrides).toEqual({ year: 2027, days: [], nationalDays: [], known: false });
  });

  it('the current year is read by default, with the national days of the package', async () => {
    const res = (await s.as('agent')({ method: 'GET', url: '/api/calendar/overrides' })).json();
    expect(res.year).toBe(2026);
    expect(res.known).toBe(true);
    expect(res.nationalDays).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: null });
  });

  it('only admins (settings.manage) enter a year', async () => {
    for (const role of ['manager', 'director', 'supervisor', 'agent'] as const)
      expect((await put(2027, DAYS_2027, s.as(role))).statusCode, role).toBe(403);
  });

  it('refuses dates outside the year, duplicates and impossible dates, naming the field', async () => {
    const outside = await put(2027, [{ date: '2026-12-31', kind: 'holiday' }, ...DAYS_2027]);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields).toEqual({ 'days.0.date': '日期不在所编辑的年份内' });
    const twice = await put(2027, [...DAYS_2027, { date: '2027-01-01', kind: 'workday' }]);
    expect(twice.json().error.fields).toEqual({ [`days.${DAYS_2027.length}.date`]: '同一日期填写了两次' });
    const impossible = await put(2027, [{ date: '2027-02-30', kind: 'holiday' }]);
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error.fields['days.0.date']).toBe('不是有效的日期');
    expect((await put(2027, [{ date: '2027-03-01', kind: 'maybe' }])).statusCode).toBe(400);
    expect((await put('20x7', DAYS_2027)).statusCode).toBe(400);
    expect((await status()).missingYears).toEqual([2027]);
  });

  it('once 2027 is PUT it is known, the calendar cache is dropped, and the 调休 days count', async () => {
    const before = await loadWorkingCalendar(t.database.db, s.company.id); // cached now
    expect(before.knownYears.has(2027)).toBe(false);
    const res = await put(2027, [...DAYS_2027].reverse());
    expect(res.statusCode).toBe(200);
    expect(res.json().known).toBe(true);
    expect(res.json().days.map((d: { date: string }) => d.date)).toEqual(DAYS_2027.map((d) => d.date));
    expect(res.json().days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });

    const st = await status();
    expect(st.knownYears).toContain(2027);
    expect(st).toMatchObject({ missingYears: [], warning: false, message: null });

    const cal = await loadWorkingCalendar(t.database.db, s.company.id);
    expect(cal.knownYears.has(2027)).toBe(true);
    expect(cal.dayKind('2027-01-01')).toBe('holiday');
    expect(cal.dayKind('2027-02-14')).toBe('adjusted_workday');
    expect(cal.dayKind('2027-03-01')).toBe('workday');
    expect(cal.dayKind('2027-03-06')).toBe('weekend');
  });

  it('PUT replaces the whole year; an empty list makes the year unknown again', async () => {
    const res = await put(2027, [{ date: '2027-05-01', kind: 'holiday', name: '劳动节' }]);
    expect(res.json().days).toEqual([{ date: '2027-05-01', kind: 'holiday', name: '劳动节' }]);
    expect((await loadWorkingCalendar(t.database.db, s.company.id)).dayKind('2027-01-01')).toBe('workday');
    await put(2027, []);
    expect((await status()).missingYears).toEqual([2027]);
    expect((await loadWorkingCalendar(t.database.db, s.company.id)).dayKind('2027-01-01')).toBe('unknown');
  });

  it('another company’s overrides are not visible and do not make the year known (TENANT-1)', async () => {
    const b = await t.make.company();
    const bAdmin = await t.make.user({ companyId: b.id, roles: ['admin'] });
    const bCookie = await t.login(bAdmin.username);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/overrides/2027',
      headers: { cookie: bCookie },
      payload: { days: DAYS_2027 },
    });
    expect(res.statusCode).toBe(200);
    const mine = (await s.as('admin')({ method: 'GET', url: '/api/calendar/overrides?year=2027' })).json();
    expect(mine.days).toEqual([]);
    expect((await status()).missingYears).toEqual([2027]);
    expect((await loadWorkingCalendar(t.database.db, s.company.id)).dayKind('2027-01-01')).toBe('unknown');
    expect((await loadWorkingCalendar(t.database.db, b.id)).dayKind('2027-01-01')).toBe('holiday');
  });

  it('overrides also correct a day in a year the package covers', async () => {
    await put(2026, [{ date: '2026-12-31', kind: 'holiday', name: '公司年会' }]);
    const cal = await loadWorkingCalendar(t.database.db, s.company.id);
    expect(cal.dayKind('2026-12-31')).toBe('holiday');
    expect(cal.dayKind('2026-10-01')).toBe('holiday'); // national data still applies
    await put(2026, []);
  });
});

describe('CLOCK-9 the yearly notice pasted as text', () => {
  const notice2027 = `一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。`;

  it('CLOCK-9 proposes the year’s entries without saving them; the admin confirms with PUT', async () => {
    const res = await s.as('admin')({
      method: 'POST',
      url: '/api/calendar/notice',
      payload: { year: 2027, text: notice2027 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.unread).toEqual([]);
    expect(p.days).toHaveLength(3 + 9 + 1);
    expect(p.days.find((d: { date: string }) => d.date === '2027-02-20')).toEqual({
      date: '2027-02-20',
      kind: 'workday',
      name: '春节',
    });
    const confirmed = await put(2027, p.days);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const agent = await s.as('agent')({
      method: 'POST',
      url: '/api/calendar/notice',
      payload: { year: 2027, text: notice2027 },
    });
    expect(agent.statusCode).toBe(403);
  });
});
