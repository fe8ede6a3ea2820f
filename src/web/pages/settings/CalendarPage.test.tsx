// @vitest-environment happy-dom
/**
 * The working calendar page as an admin uses it (CLOCK-2, CLOCK-9): the known and missing years with the warning,
 * the national days and the company's entries of a year, and the State Council's notice pasted as text — read into
 * a proposal per festival with its unread lines, and saved only on 确认保存, the year's own entries kept and the
 * proposal winning on the same date; one company entry (a day off or a day worked, with a note) added, changed
 * and removed, the year's other entries kept. Only the network is fake (src/web/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CalendarNoticeProposal, CalendarOverrides } from '../../../contracts/calendar';
import { fakeServer, renderInApp, type SentRequest } from '../../testing/render';
import CalendarPage from './CalendarPage';

const NOTICE = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）放假，与周末连休。
二、春节：2月6日至12日放假调休，共7天。2月7日（周日）上班。
三、清明节：见另行通知。`;

const proposal: CalendarNoticeProposal = {
  year: 2027,
  festivals: [
    { name: '元旦', holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
    {
      name: '春节',
      holidays: ['2027-02-06', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
      workdays: ['2027-02-07'],
    },
  ],
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    { date: '2027-02-06', kind: 'holiday', name: '春节' },
    { date: '2027-02-07', kind: 'workday', name: '春节' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2027-02-09', kind: 'holiday', name: '春节' },
    { date: '2027-02-10', kind: 'holiday', name: '春节' },
    { date: '2027-02-11', kind: 'holiday', name: '春节' },
    { date: '2027-02-12', kind: 'holiday', name: '春节' },
  ],
  unread: ['三、清明节：见另行通知。'],
};

const overrides = (year: number): CalendarOverrides =>
  year === 2027
    ? {
        year,
        // the company's own entries: one the notice confirms differently, one it does not touch
        days: [
          { date: '2027-02-07', kind: 'holiday', name: '春节' },
          { date: '2027-10-08', kind: 'holiday', name: '司庆' },
        ],
        nationalDays: [],
        known: false,
      }
    : {
        year,
        days: [{ date: `${year}-06-01`, kind: 'holiday', name: '司庆' }],
        nationalDays: [
          { date: `${year}-01-01`, kind: 'holiday', name: '元旦' },
          { date: `${year}-02-14`, kind: 'workday', name: '春节' },
        ],
        known: true,
      };

function openPage() {
  const server = fakeServer({
    'GET /api/calendar/status': {
      knownYears: [2025, 2026],
      missingYears: [2027],
      warning: true,
      message: '2027年的工作日历尚未录入',
    },
    'GET /api/calendar/overrides': (req: SentRequest) => overrides(Number(req.query.get('year'))),
    'POST /api/calendar/notice': proposal,
    'PUT /api/calendar/overrides/:year': (req: SentRequest) => ({
      year: 2027,
      days: (req.body as { days: unknown[] }).days,
      nationalDays: [],
      known: true,
    }),
  });
  renderInApp(<CalendarPage />);
  return server;
}

describe('working calendar page (CLOCK-2, CLOCK-9)', () => {
  it("shows the known and missing years, the warning, and the year's national and company days", async () => {
    const server = openPage();
    expect((await screen.findByTestId('calendar-warning')).textContent).toContain('2027年的工作日历尚未录入');
    expect(screen.getByTestId('calendar-known-years').textContent).toBe('20252026');
    expect(screen.getByTestId('calendar-missing-years').textContent).toBe('2027');
    const national = screen.getByTestId('calendar-national');
    const thisYear = Number(server.to('GET', '/api/calendar/overrides')[0].query.get('year'));
    expect(await within(national).findByText(`${thisYear}-02-14`)).toBeTruthy();
    expect(within(national).getByText('调休上班')).toBeTruthy();
    expect(within(screen.getByTestId('calendar-company')).getByText('司庆')).toBeTruthy();
  });

  it('reads the pasted notice into a proposal, saves nothing until confirmed, then PUTs it merged', async () => {
    const server = openPage();
    const panel = await screen.findByTestId('calendar-notice');
    // the first missing year is proposed
    expect((within(panel).getByTestId('calendar-notice-year') as HTMLInputElement).value).toBe('2027');
    fireEvent.change(within(panel).getByTestId('calendar-notice-text'), { target: { value: NOTICE } });
    fireEvent.click(within(panel).getByTestId('calendar-notice-read'));

    const table = await within(panel).findByTestId('calendar-proposal');
    expect(server.to('POST', '/api/calendar/notice').map((r) => r.body)).toEqual([
      { year: 2027, text: NOTICE },
    ]);
    const row = within(table).getByText('春节').closest('tr')!;
    expect(row.textContent).toContain('2月6日、2月8日、2月9日、2月10日、2月11日、2月12日');
    expect(row.textContent).toContain('2月7日');
    expect(within(panel).getByTestId('calendar-unread').textContent).toContain('三、清明节：见另行通知。');
    expect(server.to('PUT', /^\/api\/calendar\/overrides\//)).toHaveLength(0);

    fireEvent.click(within(panel).getByTestId('calendar-notice-save'));
    await waitFor(() => expect(server.to('PUT', '/api/calendar/overrides/2027')).toHaveLength(1));
    // the year's entries as read just before saving, the notice's over them
    expect(server.to('GET', '/api/calendar/overrides').some((r) => r.query.get('year') === '2027')).toBe(
      true,
    );
    expect(server.to('PUT', '/api/calendar/overrides/2027')[0].body).toEqual({
      days: [
        ...proposal.days.map(({ date, kind, name }) => ({ date, kind, name })),
        { date: '2027-10-08', kind: 'holiday', name: '司庆' },
      ],
    });
    expect(await screen.findByText('已保存2027年工作日历，共 11 天')).toBeTruthy();
    expect(within(panel).queryByTestId('calendar-proposal')).toBeNull();
  });

  it('asks for the text before reading', async () => {
    const server = openPage();
    const panel = await screen.findByTestId('calendar-notice');
    fireEvent.click(within(panel).getByTestId('calendar-notice-read'));
    expect(await within(panel).findByText('请填写年份并粘贴通知全文')).toBeTruthy();
    expect(server.to('POST', '/api/calendar/notice')).toHaveLength(0);
  });

  it("CLOCK-2: adds a make-up working day with a note, keeping the year's other entries", async () => {
    const server = openPage();
    const company = await screen.findByTestId('calendar-company');
    await within(company).findByText('司庆');
    const thisYear = Number(server.to('GET', '/api/calendar/overrides')[0].query.get('year'));
    fireEvent.click(screen.getByTestId('calendar-entry-add'));
    const form = await screen.findByTestId('calendar-entry-form');
    const date = within(form).getByTestId('calendar-entry-date') as HTMLInputElement;
    fireEvent.mouseDown(date);
    fireEvent.focus(date);
    fireEvent.change(date, { target: { value: `${thisYear}-09-30` } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    fireEvent.click(within(form).getByText('调休上班'));
    fireEvent.change(within(form).getByTestId('calendar-entry-name'), { target: { value: ' 国庆补班 ' } });
    fireEvent.click(within(form).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(server.to('PUT', `/api/calendar/overrides/${thisYear}`)).toHaveLength(1));
    expect(server.to('PUT', `/api/calendar/overrides/${thisYear}`)[0].body).toEqual({
      days: [
        { date: `${thisYear}-06-01`, kind: 'holiday', name: '司庆' },
        { date: `${thisYear}-09-30`, kind: 'workday', name: '国庆补班' },
      ],
    });
    expect(await screen.findByText('已保存公司调整')).toBeTruthy();
  });

  it('CLOCK-2: refuses a date the year already has an entry for, pointing to that entry', async () => {
    const server = openPage();
    const company = await screen.findByTestId('calendar-company');
    await within(company).findByText('司庆');
    const thisYear = Number(server.to('GET', '/api/calendar/overrides')[0].query.get('year'));
    fireEvent.click(screen.getByTestId('calendar-entry-add'));
    const form = await screen.findByTestId('calendar-entry-form');
    const date = within(form).getByTestId('calendar-entry-date') as HTMLInputElement;
    fireEvent.mouseDown(date);
    fireEvent.focus(date);
    fireEvent.change(date, { target: { value: `${thisYear}-06-01` } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    fireEvent.click(within(form).getByRole('button', { name: /保\s*存/ }));
    expect(await within(form).findByText('这一天已有公司调整，请直接编辑那一条')).toBeTruthy();
    expect(server.to('PUT', /^\/api\/calendar\/overrides\//)).toHaveLength(0);
  });

  it('CLOCK-2: changes an entry and removes one, the rest of the year kept', async () => {
    const server = openPage();
    const company = await screen.findByTestId('calendar-company');
    await within(company).findByText('司庆');
    const thisYear = Number(server.to('GET', '/api/calendar/overrides')[0].query.get('year'));
    fireEvent.click(within(company).getByTestId('calendar-entry-edit'));
    const form = await screen.findByTestId('calendar-entry-form');
    expect((within(form).getByTestId('calendar-entry-name') as HTMLInputElement).value).toBe('司庆');
    fireEvent.change(within(form).getByTestId('calendar-entry-name'), { target: { value: '司庆日' } });
    fireEvent.click(within(form).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(server.to('PUT', `/api/calendar/overrides/${thisYear}`)).toHaveLength(1));
    expect(server.to('PUT', `/api/calendar/overrides/${thisYear}`)[0].body).toEqual({
      days: [{ date: `${thisYear}-06-01`, kind: 'holiday', name: '司庆日' }],
    });

    fireEvent.click(within(company).getByTestId('calendar-entry-delete'));
    const ok = await waitFor(() => {
      const btn = Array.from(document.querySelectorAll<HTMLElement>('.ant-popconfirm button')).find(
        (b) => b.textContent?.replace(/\s/g, '') === '删除',
      );
      if (!btn) throw new Error('no confirmation');
      return btn;
    });
    fireEvent.click(ok);
    await waitFor(() => expect(server.to('PUT', `/api/calendar/overrides/${thisYear}`)).toHaveLength(2));
    expect(server.to('PUT', `/api/calendar/overrides/${thisYear}`)[1].body).toEqual({ days: [] });
  });
});
