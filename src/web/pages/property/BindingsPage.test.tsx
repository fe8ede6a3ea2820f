// @vitest-environment happy-dom
/**
 * RESIDENT-3: the bindings inbox approves a request as read (its version) and declines one only with a reason,
 * which the resident reads in the H5.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BindingRequest } from '../../api/types';
import { fakeServer, renderInApp, type SentRequest } from '../../testing/render';
import BindingsPage from './BindingsPage';

const request = (over: Partial<BindingRequest> = {}): BindingRequest => ({
  id: 'b1',
  status: 'pending',
  source: 'request',
  room: { id: 'r1', label: '翠湖花园 2号楼1单元302' },
  officeId: 'o1',
  phone: '13500008888',
  reason: null,
  decidedBy: null,
  decidedAt: null,
  createdAt: '2026-12-07T02:00:00.000Z',
  version: 3,
  ...over,
});
const page = (items: BindingRequest[]) => ({
  items,
  nextCursor: null,
  total: items.length,
  totalCapped: false,
});

describe('RESIDENT-3 the bindings inbox', () => {
  it('RESIDENT-3 approves with the version it read, and declines only with a reason', async () => {
    const server = fakeServer({
      'GET /api/resident-bindings': (req: SentRequest) =>
        req.query.getAll('status').includes('approved')
          ? page([request({ id: 'b2', status: 'approved', decidedBy: { id: 'u', name: '李娜' } })])
          : page([request()]),
      'POST /api/resident-bindings/:id/approve': request({ status: 'approved', version: 4 }),
      'POST /api/resident-bindings/:id/decline': request({ status: 'declined', version: 4 }),
    });
    renderInApp(<BindingsPage />);
    const table = await screen.findByTestId('bindings-table');
    expect(await within(table).findByText('翠湖花园 2号楼1单元302')).toBeTruthy();
    expect(within(table).getByText('13500008888')).toBeTruthy();

    fireEvent.click(screen.getByTestId('binding-approve-b1'));
    const ok = await waitFor(() => {
      const b = document.querySelector<HTMLButtonElement>('.ant-popconfirm .ant-btn-primary');
      expect(b).toBeTruthy();
      return b!;
    });
    fireEvent.click(ok);
    await waitFor(() => expect(server.to('POST', '/api/resident-bindings/b1/approve')).toHaveLength(1));
    expect(server.to('POST', '/api/resident-bindings/b1/approve')[0].body).toEqual({ version: 3 });

    fireEvent.click(screen.getByTestId('binding-decline-b1'));
    fireEvent.click(await screen.findByTestId('binding-decline-submit'));
    expect(await screen.findByText('请填写不通过的原因')).toBeTruthy();
    expect(server.to('POST', '/api/resident-bindings/b1/decline')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('binding-decline-reason'), { target: { value: '房号与登记不符' } });
    fireEvent.click(screen.getByTestId('binding-decline-submit'));
    await waitFor(() => expect(server.to('POST', '/api/resident-bindings/b1/decline')).toHaveLength(1));
    expect(server.to('POST', '/api/resident-bindings/b1/decline')[0].body).toEqual({
      version: 3,
      reason: '房号与登记不符',
    });

    fireEvent.click(screen.getByText('已绑定'));
    expect(await screen.findByText(/李娜/)).toBeTruthy();
    expect(server.unanswered).toEqual([]);
  });
});
