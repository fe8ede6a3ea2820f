// @vitest-environment happy-dom
/**
 * The intake form as the agent uses it: what it refuses, what the caller lookup tells, and the body it sends.
 * Only the network is fake (src/web/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import IntakePage from '../IntakePage';
import { fakeServer, renderInApp, type Routes } from '../../../testing/render';

const ME = {
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'agent',
    name: '王客服',
    jobNumber: null,
    roles: ['agent'],
    officeIds: ['00000000-0000-4000-8000-0000000000a1'],
    companyId: '00000000-0000-4000-8000-0000000000c1',
    companyName: '回音物业服务有限公司',
    companyShortName: '回音物业',
    departmentId: null,
  },
  permissions: ['cases.create', 'cases.read'],
  serverTime: '2026-11-24T06:00:00.000Z',
};

const CREATED = {
  id: '00000000-0000-4000-8000-0000000000e1',
  number: 'TS20261124001',
  kind: 'complaint',
  state: 'received',
};

const base: Routes = {
  'GET /api/auth/me': ME,
  'GET /api/categories': { items: [] },
  'GET /api/lookup/caller': { residents: [], rooms: [], openCases: [] },
  'GET /api/problems/match': { items: [] },
  'GET /api/fee-items': { items: [] },
};

async function openForm(routes: Routes = {}) {
  const server = fakeServer({ ...base, ...routes });
  renderInApp(<IntakePage />, { path: '/cases/new' });
  await screen.findByTestId('intake-form');
  return server;
}

describe('intake form', () => {
  it('refuses to submit without kind and description, saying so in the UI language', async () => {
    const server = await openForm();
    fireEvent.click(screen.getByTestId('intake-submit'));

    // the kind and the description are required; the first responder is filled with oneself
    await waitFor(() => expect(screen.getAllByText('必填')).toHaveLength(2));
    const kindItem = screen.getByTestId('intake-kind').closest('.ant-form-item')!;
    expect(within(kindItem as HTMLElement).getByText('必填')).toBeTruthy();
    const descriptionItem = screen.getByTestId('intake-description').closest('.ant-form-item')!;
    expect(within(descriptionItem as HTMLElement).getByText('必填')).toBeTruthy();
    expect(server.to('POST', '/api/cases')).toHaveLength(0);
  });

  it("shows the caller's likely duplicate that the lookup reports, and only that one", async () => {
    const server = await openForm({
      'GET /api/lookup/caller': {
        residents: [],
        rooms: [],
        openCases: [
          {
            id: '00000000-0000-4000-8000-0000000000d1',
            number: 'TS20261120007',
            kind: 'complaint',
            state: 'in_progress',
            receivedAt: '2026-11-20T02:00:00.000Z',
            categoryId: null,
            roomId: null,
            summary: '楼道灯不亮',
            likelyDuplicate: true,
          },
          {
            id: '00000000-0000-4000-8000-0000000000d2',
            number: 'TS20261101003',
            kind: 'inquiry',
            state: 'in_progress',
            receivedAt: '2026-11-01T02:00:00.000Z',
            categoryId: null,
            roomId: null,
            summary: '停车费怎么交',
            likelyDuplicate: false,
          },
        ],
      },
    });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('intake-phone'), '13800001234');

    const hint = await screen.findByTestId('intake-duplicate', undefined, { timeout: 3000 });
    expect(hint.textContent).toContain('该业主或房屋 7 天内已有同类未关闭工单');
    expect(hint.textContent).toContain('TS20261120007');
    expect(hint.textContent).not.toContain('TS20261101003');
    // both open cases are in the caller panel
    expect(screen.getAllByTestId('caller-open-case')).toHaveLength(2);
    const lookups = server.to('GET', '/api/lookup/caller');
    expect(lookups.at(-1)!.query.get('phone')).toBe('13800001234');
  });

  it('sends the filled form as the create body, once, with an Idempotency-Key', async () => {
    const server = await openForm({ 'POST /api/cases': CREATED });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('intake-phone'), '13800001234');
    await user.type(screen.getByTestId('intake-name'), ' 李女士 ');
    await user.click(within(screen.getByTestId('intake-kind')).getByText('投诉'));
    await user.type(screen.getByTestId('intake-address'), '3号楼门口');
    await user.type(screen.getByTestId('intake-description'), '  楼下餐馆油烟很大  ');
    fireEvent.click(screen.getByTestId('intake-submit'));

    expect((await screen.findByTestId('intake-number')).textContent).toBe('TS20261124001');
    const posts = server.to('POST', '/api/cases');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({
      channel: 'phone',
      kind: 'complaint',
      severity: 'general',
      address: '3号楼门口',
      reporter: { name: '李女士', phone: '13800001234', anonymous: false },
      description: '楼下餐馆油烟很大',
      firstResponderId: ME.user.id,
    });
    expect(posts[0].headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(screen.getByTestId('intake-created').textContent).toContain('投诉工单已登记');
  });

  it('sends a special incident when switched on, for the director and the manager to hear at once (HANDLE-7)', async () => {
    const server = await openForm({ 'POST /api/cases': CREATED });
    const user = userEvent.setup();
    await user.click(within(screen.getByTestId('intake-kind')).getByText('投诉'));
    await user.type(screen.getByTestId('intake-description'), '业主情绪激动，在大堂聚集');
    await user.click(screen.getByTestId('intake-special-incident'));
    fireEvent.click(screen.getByTestId('intake-submit'));

    await screen.findByTestId('intake-created');
    expect(server.to('POST', '/api/cases')[0].body).toMatchObject({
      kind: 'complaint',
      specialIncident: true,
    });
  });
});
