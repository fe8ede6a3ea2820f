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

const NO_CALLER = { residents: [], rooms: [], openCases: [], recentlyClosed: [] };
const CATEGORY = '00000000-0000-4000-8000-0000000000b1';
const RECENTLY_CLOSED = {
  id: '00000000-0000-4000-8000-0000000000d9',
  number: 'BX-2026-000088',
  kind: 'repair',
  categoryId: CATEGORY,
  roomId: '00000000-0000-4000-8000-000000000101',
  closedAt: '2026-11-10T06:00:00.000Z',
  summary: '厨房水管漏水，已更换接头',
};
/** the case of CREATED as the caller panel lists it once taken */
const TAKEN_OPEN = {
  id: CREATED.id,
  number: CREATED.number,
  kind: 'complaint',
  state: 'received',
  receivedAt: '2026-11-24T06:00:00.000Z',
  categoryId: null,
  roomId: null,
  summary: '楼下餐馆油烟很大',
  likelyDuplicate: false,
};

const base: Routes = {
  'GET /api/auth/me': ME,
  'GET /api/categories': { items: [] },
  'GET /api/lookup/caller': { residents: [], rooms: [], openCases: [], recentlyClosed: [] },
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

  it("shows the room's recently closed case of the same category, and links the new case to it only when chosen (INTAKE-12)", async () => {
    const server = await openForm({
      'GET /api/categories': {
        items: [
          {
            id: CATEGORY,
            parentId: null,
            code: null,
            name: '漏水',
            displayName: '漏水',
            depth: 1,
            sort: 0,
            active: true,
          },
        ],
      },
      'GET /api/lookup/caller': { ...NO_CALLER, recentlyClosed: [RECENTLY_CLOSED] },
      'POST /api/cases': CREATED,
    });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('intake-phone'), '13800001234');

    const hint = await screen.findByTestId('intake-repeat', undefined, { timeout: 3000 });
    expect(hint.textContent).toContain('该房屋近期有同类工单已关闭');
    const item = within(hint).getByTestId('intake-repeat-case');
    // the number opens the closed case (in a new tab: the call goes on), with its kind, category and closing date
    const number = within(item).getByTestId('intake-repeat-number');
    expect(number.textContent).toBe('BX-2026-000088');
    expect(number.getAttribute('href')).toBe(`/cases/${RECENTLY_CLOSED.id}`);
    expect(item.textContent).toContain('报修');
    expect(item.textContent).toContain('漏水');
    expect(item.textContent).toContain('2026年11月10日 关闭');

    // linked, then unlinked again before submitting: the body names no related case
    await user.click(within(item).getByTestId('intake-repeat-link'));
    await waitFor(() => expect(item.getAttribute('data-linked')).toBe('true'));
    expect(item.textContent).toContain('已关联');
    await user.click(within(item).getByTestId('intake-repeat-unlink'));
    await waitFor(() => expect(item.getAttribute('data-linked')).toBe('false'));
    await user.click(within(screen.getByTestId('intake-kind')).getByText('报修'));
    await user.type(screen.getByTestId('intake-description'), '厨房又漏水了');
    fireEvent.click(screen.getByTestId('intake-submit'));
    await screen.findByTestId('intake-created');
    expect(server.to('POST', '/api/cases')[0].body).not.toHaveProperty('relatedCaseId');
  });

  it('sends relatedCaseId when the agent links the new case to the closed one', async () => {
    const server = await openForm({
      'GET /api/lookup/caller': { ...NO_CALLER, recentlyClosed: [RECENTLY_CLOSED] },
      'POST /api/cases': CREATED,
    });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('intake-phone'), '13800001234');
    await user.click(await screen.findByTestId('intake-repeat-link', undefined, { timeout: 3000 }));
    await user.click(within(screen.getByTestId('intake-kind')).getByText('报修'));
    await user.type(screen.getByTestId('intake-description'), '厨房又漏水了');
    fireEvent.click(screen.getByTestId('intake-submit'));
    await screen.findByTestId('intake-created');
    expect(server.to('POST', '/api/cases')[0].body).toMatchObject({
      kind: 'repair',
      relatedCaseId: RECENTLY_CLOSED.id,
    });
  });

  it('shows the case just taken in the caller panel of the next call from the same number, at once (UI-3)', async () => {
    let taken = false;
    const server = await openForm({
      'GET /api/lookup/caller': () => ({ ...NO_CALLER, openCases: taken ? [TAKEN_OPEN] : [] }),
      'POST /api/cases': () => {
        taken = true;
        return CREATED;
      },
      // the case lists are refreshed too
      'GET /api/cases': { items: [], nextCursor: null, total: 0, totalCapped: false },
    });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('intake-phone'), '13800001234');
    await screen.findByTestId('caller-none', undefined, { timeout: 3000 });
    await user.click(within(screen.getByTestId('intake-kind')).getByText('投诉'));
    await user.type(screen.getByTestId('intake-description'), '楼下餐馆油烟很大');
    fireEvent.click(screen.getByTestId('intake-submit'));
    await user.click(await screen.findByTestId('intake-new'));

    // the same number again, well within the lookup's 30 s stale time: the panel was asked again after the case was
    // taken, and lists it
    await user.type(await screen.findByTestId('intake-phone'), '13800001234');
    const open = await screen.findByTestId('caller-open-case', undefined, { timeout: 3000 });
    expect(open.textContent).toContain(CREATED.number);
    const posted = server.sent.findIndex((r) => r.method === 'POST' && r.path === '/api/cases');
    const after = server.sent.slice(posted + 1);
    expect(after.some((r) => r.path === '/api/lookup/caller' && r.query.get('phone') === '13800001234')).toBe(
      true,
    );
  });
});
