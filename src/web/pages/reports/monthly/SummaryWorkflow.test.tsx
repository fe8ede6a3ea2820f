// @vitest-environment happy-dom
/**
 * The director's part of the monthly summary: the highlighted words still to decide hold the approval back and
 * each decision is sent with the version read; approve is sent after its confirmation. Only the network is fake
 * (src/web/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MonthlySummary, PublicHighlight } from '../reportsApi';
import { fakeServer, renderInApp } from '../../../testing/render';
import { HighlightReview } from './HighlightReview';
import { WorkflowBar } from './WorkflowBar';

const SUMMARY_ID = '00000000-0000-4000-8000-0000000000f1';
const INTRO = '本月共受理投诉 12 件，其中张三反映的噪音问题已处理。';

const highlight: PublicHighlight = {
  id: 'intro.person_name-abc-0',
  field: 'intro',
  kind: 'person_name',
  text: '张三',
  start: INTRO.indexOf('张三'),
  end: INTRO.indexOf('张三') + 2,
  choice: null,
  decidedBy: null,
  decidedAt: null,
};

/**
 * The parts of a summary the workflow bar and the highlight review read; the figures and lists they do not read
 * are left out (the cast says so).
 */
const summary = (over: Partial<MonthlySummary> = {}) =>
  ({
    id: SUMMARY_ID,
    officeId: null,
    title: '阳光花园管理处',
    year: 2026,
    month: 10,
    status: 'draft',
    version: 4,
    frozen: false,
    publicTextEdited: false,
    publicHighlights: [highlight],
    workflow: {
      draftedAt: '2026-11-01T00:00:00.000Z',
      approvedBy: null,
      approvedAt: null,
      publishedBy: null,
      publishedAt: null,
      deadline: '2026-11-05T15:59:59.999Z',
      overdue: false,
    },
    allowedActions: ['editPublic', 'approve'],
    ...over,
  }) as MonthlySummary;

const director = {
  user: {
    id: '00000000-0000-4000-8000-000000000002',
    username: 'director',
    name: '陈主任',
    jobNumber: null,
    roles: ['director'],
    officeIds: [],
    companyId: '00000000-0000-4000-8000-0000000000c1',
    companyName: '回音物业服务有限公司',
    companyShortName: '回音物业',
    departmentId: null,
  },
  permissions: ['reports.read', 'reports.approve'],
  serverTime: '2026-11-03T06:00:00.000Z',
};

describe('monthly summary workflow', () => {
  it('counts the undecided words and sends a decision with the version read', async () => {
    const server = fakeServer({
      'GET /api/auth/me': director,
      'POST /api/reports/monthly/:id/highlights': summary({ version: 5 }),
      'GET /api/reports/monthly': summary(),
    });
    const s = summary();
    renderInApp(
      <>
        <WorkflowBar s={s} />
        <HighlightReview s={s} text={{ intro: INTRO, notable: '', unresolved: '', closing: '' }} />
      </>,
    );
    expect(screen.getByTestId('summary-highlights-pending').textContent).toBe(
      '还有 1 处待确认的词语，确认后才能审批',
    );
    const review = screen.getByTestId('summary-highlights');
    expect(within(review).getByTestId('summary-highlight-word').textContent).toBe('张三');
    // the buttons wait for the permission read from /api/auth/me
    fireEvent.click(await within(review).findByTestId('summary-highlight-redact'));

    await screen.findByText('已记录您的选择');
    expect(server.to('POST', `/api/reports/monthly/${SUMMARY_ID}/highlights`).map((r) => r.body)).toEqual([
      { version: 4, highlightId: highlight.id, choice: 'redact' },
    ]);
  });

  it('approves only after the confirmation, with the version read', async () => {
    const server = fakeServer({
      'GET /api/auth/me': director,
      'POST /api/reports/monthly/:id/approve': summary({ version: 5, status: 'approved' }),
    });
    renderInApp(<WorkflowBar s={summary({ publicHighlights: [] })} />);
    expect(screen.queryByTestId('summary-highlights-pending')).toBeNull();
    fireEvent.click(await screen.findByTestId('summary-approve'));
    expect(server.to('POST', `/api/reports/monthly/${SUMMARY_ID}/approve`)).toHaveLength(0);

    const confirm = await waitFor(() => {
      const ok = document.querySelector<HTMLElement>('.ant-popconfirm .ant-btn-primary');
      if (!ok) throw new Error('no confirmation yet');
      return ok;
    });
    fireEvent.click(confirm);
    await screen.findByText('已审批');
    expect(server.to('POST', `/api/reports/monthly/${SUMMARY_ID}/approve`).map((r) => r.body)).toEqual([
      { version: 4 },
    ]);
  });
});
