// @vitest-environment happy-dom
/**
 * 绑定房屋 and 首页 as a resident uses them (RESIDENT-3): the room is picked community → building → unit → room,
 * each level asked of the server under the one chosen before and listed in counting order; a level chosen can be chosen again; the request
 * names the room, and the resident is taken back to 首页, which lists it as pending, and a declined one with the
 * office's reason. A refusal of the server is shown in its words. Only the network is fake (src/h5/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../App';
import type { ResidentMe } from '../api';
import { fakeServer, renderH5, type Routes } from '../testing/render';
import { BindPage } from './BindPage';
import { HomePage } from './HomePage';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const B1 = '00000000-0000-4000-8000-0000000000b1';
const B2 = '00000000-0000-4000-8000-0000000000b2';
const B10 = '00000000-0000-4000-8000-0000000000b3';
const U1 = '00000000-0000-4000-8000-0000000000d1';
const R1 = '00000000-0000-4000-8000-0000000000e1';

const me = (over: Partial<ResidentMe> = {}): ResidentMe => ({
  resident: { id: 'a1', phone: '138****8000' },
  company: { code: 'demo', name: '回音物业服务有限公司', shortName: '回音' },
  rooms: [],
  pendingBindings: [],
  declinedBindings: [],
  ...over,
});

const session = (m = me()): Session => ({
  companyCode: 'demo',
  me: m,
  refresh: vi.fn(async () => {}),
  signedOut: vi.fn(),
});

const places: Routes = {
  'GET /api/resident/places': (req) =>
    req.query.get('buildingId') === B1
      ? { level: 'unit', items: [{ id: U1, name: '1单元' }] }
      : req.query.get('communityId') === C1
        ? {
            level: 'building',
            items: [
              { id: B10, name: '10幢' },
              { id: B1, name: '1幢' },
              { id: B2, name: '2幢' },
            ],
          }
        : req.query.get('communityId') === C2
          ? { level: 'building', items: [] }
          : {
              level: 'community',
              items: [
                { id: C1, name: '翠湖花园' },
                { id: C2, name: '锦绣江南' },
              ],
            },
  'GET /api/resident/rooms': (req) =>
    req.query.get('unitId') === U1 ? { items: [{ id: R1, label: '翠湖花园1幢1单元101' }] } : { items: [] },
};

const options = () => screen.getByTestId('h5-bind-options');
const pick = async (name: string) => fireEvent.click(await within(options()).findByText(name));

describe('绑定房屋 (RESIDENT-3)', () => {
  it('asks each level under the one chosen, sends the room and returns to 首页 with the request pending', async () => {
    const server = fakeServer({
      ...places,
      'POST /api/resident/bindings': { status: 201, body: { id: 'q1', roomId: R1, status: 'pending' } },
    });
    const s = session();
    renderH5(<BindPage session={s} />, { path: '/h5/demo/bind' });
    expect((await screen.findByText('请选择小区')).textContent).toBe('请选择小区');
    await pick('翠湖花园');
    expect(await screen.findByText('请选择楼栋')).toBeTruthy();
    // in the order a resident counts them, not the server's text order
    await within(options()).findByText('10幢');
    expect(
      [...options().querySelectorAll('.adm-list-item-content-main')].map((el) => el.textContent),
    ).toEqual(['1幢', '2幢', '10幢']);
    await pick('1幢');
    await pick('1单元');
    await pick('翠湖花园1幢1单元101');
    expect(server.to('GET', '/api/resident/places').map((r) => Object.fromEntries(r.query))).toEqual([
      {},
      { communityId: C1 },
      { buildingId: B1 },
    ]);
    expect(server.to('GET', '/api/resident/rooms').map((r) => r.query.get('unitId'))).toEqual([U1]);

    fireEvent.click(screen.getByTestId('h5-bind-submit'));
    await waitFor(() => expect(location.pathname).toBe('/h5/demo/'));
    expect(server.to('POST', '/api/resident/bindings').map((r) => r.body)).toEqual([{ roomId: R1 }]);
    expect(s.refresh).toHaveBeenCalledTimes(1);
  });

  it('lets a level be chosen again, and says when a level has nothing to choose', async () => {
    fakeServer(places);
    renderH5(<BindPage session={session()} />, { path: '/h5/demo/bind' });
    await pick('翠湖花园');
    await pick('1幢');
    expect(await screen.findByText('请选择单元')).toBeTruthy();
    // change the community: the building chosen under it goes too
    fireEvent.click(within(screen.getByTestId('h5-bind-path')).getByText('翠湖花园'));
    await pick('锦绣江南');
    expect(await within(options()).findByText('这里还没有可选的楼栋')).toBeTruthy();
    expect(within(screen.getByTestId('h5-bind-path')).queryByText('1幢')).toBeNull();
  });

  it('shows the server’s refusal in its words and stays on the page', async () => {
    fakeServer({
      ...places,
      'POST /api/resident/bindings': {
        status: 409,
        body: { error: { code: 'conflict', message: '该房屋已在等待物业审核' } },
      },
    });
    const s = session();
    renderH5(<BindPage session={s} />, { path: '/h5/demo/bind' });
    for (const name of ['翠湖花园', '1幢', '1单元', '翠湖花园1幢1单元101']) await pick(name);
    fireEvent.click(screen.getByTestId('h5-bind-submit'));
    expect(await screen.findByText('该房屋已在等待物业审核')).toBeTruthy();
    expect(location.pathname).toBe('/h5/demo/bind');
    expect(s.refresh).not.toHaveBeenCalled();
  });
});

describe('首页 (RESIDENT-3)', () => {
  it('lists the bound rooms, the pending requests and the declined ones with the office’s reason', () => {
    const binding = { source: 'request' as const, createdAt: '2026-11-24T02:00:00Z' };
    renderH5(
      <HomePage
        session={session(
          me({
            rooms: [{ roomId: R1, label: '翠湖花园1幢1单元101', communityId: C1 }],
            pendingBindings: [
              {
                ...binding,
                id: 'q1',
                roomId: 'r2',
                label: '翠湖花园1幢1单元102',
                status: 'pending',
                reason: null,
                decidedAt: null,
              },
            ],
            declinedBindings: [
              {
                ...binding,
                id: 'q2',
                roomId: 'r3',
                label: '锦绣江南2幢1单元301',
                status: 'declined',
                reason: '登记的业主不是您',
                decidedAt: '2026-11-25T02:00:00Z',
              },
            ],
          }),
        )}
      />,
    );
    expect(screen.getByTestId('h5-company').textContent).toBe('回音');
    expect(screen.getByText('翠湖花园1幢1单元101')).toBeTruthy();
    expect(screen.getByTestId('h5-pending').textContent).toContain('翠湖花园1幢1单元102');
    expect(screen.getByTestId('h5-pending').textContent).toContain('待物业审核');
    expect(screen.getByTestId('h5-declined').textContent).toContain('原因：登记的业主不是您');
    expect(screen.queryByText('还没有绑定房屋')).toBeNull();
  });
});
