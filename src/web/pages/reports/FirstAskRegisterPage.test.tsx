// @vitest-environment happy-dom
/**
 * The 首问负责制度登记表 screen (FORM-2): the reader's own department picked among those in their scope, the
 * register's rows in the columns of 附表二 (the case number linking to the case), the .xlsx asked for with the same
 * department and month, and the print view of the same rows. Only the network is fake (src/web/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FirstAskRegister } from '../../../contracts/accountability';
import { fakeServer, renderInApp } from '../../testing/render';
import FirstAskRegisterPage from './FirstAskRegisterPage';
import FirstAskRegisterPrintPage from './FirstAskRegisterPrintPage';

const OFFICE = '00000000-0000-4000-8000-0000000000a1';
const OTHER_OFFICE = '00000000-0000-4000-8000-0000000000a2';
const DEPT = '00000000-0000-4000-8000-0000000000d1';
const CASE_1 = '00000000-0000-4000-8000-0000000000c1';
const CASE_2 = '00000000-0000-4000-8000-0000000000c2';

const director = {
  user: {
    id: '00000000-0000-4000-8000-000000000002',
    username: 'director',
    name: '陈主任',
    jobNumber: null,
    roles: ['director'],
    officeIds: [OFFICE],
    companyId: '00000000-0000-4000-8000-000000000001',
    companyName: '汇银物业',
    companyShortName: '汇银',
    departmentId: DEPT,
  },
  permissions: ['accountability.read', 'org.read', 'cases.read'],
  serverTime: '2026-11-24T06:00:00.000Z',
};

const department = (id: string, name: string, office: { id: string; name: string } | null) => ({
  id,
  name,
  function: 'customer_service',
  office,
  head: null,
  memberCount: 3,
  version: 1,
});

const departments = {
  items: [
    department('00000000-0000-4000-8000-0000000000d0', '客服部', null),
    department(DEPT, '客服组', { id: OFFICE, name: '一管理处' }),
    department('00000000-0000-4000-8000-0000000000d2', '维修班', { id: OTHER_OFFICE, name: '二管理处' }),
  ],
  nextCursor: null,
  total: 3,
};

const register: FirstAskRegister = {
  department: { id: DEPT, name: '客服组', office: { id: OFFICE, name: '一管理处' } },
  year: 2026,
  month: 11,
  rows: [
    {
      case: { id: CASE_1, number: 'TS20261103001' },
      receivedAt: '2026-11-03T02:00:00.000Z',
      reporterName: '王**',
      reporterPhone: '138****5678',
      matter: '楼上漏水',
      firstResponder: { id: 'u1', name: '李客服' },
      handler: { id: 'u2', name: '赵师傅' },
      state: 'closed',
      result: '已更换水管',
      satisfaction: 'satisfied',
    },
    {
      case: { id: CASE_2, number: 'ZX20261105002' },
      receivedAt: '2026-11-05T02:00:00.000Z',
      reporterName: null,
      reporterPhone: null,
      matter: '咨询停车费',
      firstResponder: { id: 'u1', name: '李客服' },
      handler: null,
      state: 'received',
      result: null,
      satisfaction: null,
    },
  ],
};

beforeEach(() => {
  // the download hands a blob to the browser; happy-dom has no object URLs to give
  URL.createObjectURL = vi.fn(() => 'blob:register');
  URL.revokeObjectURL = vi.fn();
});

function openPage() {
  const server = fakeServer({
    'GET /api/auth/me': director,
    'GET /api/departments': departments,
    'GET /api/accountability/first-ask-register': register,
    'GET /api/accountability/first-ask-register.xlsx': {},
  });
  renderInApp(
    <Routes>
      <Route path="/reports/first-ask-register" element={<FirstAskRegisterPage />} />
      <Route path="/reports/first-ask-register/print" element={<FirstAskRegisterPrintPage />} />
      <Route path="/cases/:id" element={<div data-testid="case-page" />} />
    </Routes>,
    { path: '/reports/first-ask-register' },
  );
  return server;
}

describe('首问负责制度登记表 page (FORM-2)', () => {
  it("shows the reader's department's rows in the columns of 附表二, the case number linking to the case", async () => {
    const server = openPage();
    const table = await screen.findByTestId('first-ask-table');
    await within(table).findByText('楼上漏水');
    // the reader's own department, asked for the server's current month
    const asked = server.to('GET', '/api/accountability/first-ask-register');
    expect(asked[0].query.get('departmentId')).toBe(DEPT);
    expect(asked[0].query.get('month')).toBeNull();

    const heads = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent);
    expect(heads).toEqual([
      '日期',
      '业主姓名',
      '联系电话',
      '拟办事项',
      '首问人',
      '责任人',
      '处理情况',
      '业主意见',
      '备注',
    ]);
    const cells = (i: number) =>
      Array.from(table.querySelectorAll('tbody tr.ant-table-row')[i].querySelectorAll('td')).map(
        (td) => td.textContent,
      );
    expect(cells(0)).toEqual([
      '2026年11月03日',
      '王**',
      '138****5678',
      '楼上漏水',
      '李客服',
      '赵师傅',
      '已关闭：已更换水管',
      '满意',
      'TS20261103001',
    ]);
    expect(cells(1)).toEqual([
      '2026年11月05日',
      '—',
      '—',
      '咨询停车费',
      '李客服',
      '—',
      '已受理',
      '—',
      'ZX20261105002',
    ]);
    const links = within(table).getAllByTestId('first-ask-case');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([`/cases/${CASE_1}`, `/cases/${CASE_2}`]);
    expect(screen.getByText('一管理处 · 客服组 · 2026年11月')).toBeTruthy();
  });

  it('offers the departments in the reader’s scope only', async () => {
    openPage();
    await screen.findByText('楼上漏水');
    const select = screen.getByTestId('first-ask-department');
    fireEvent.mouseDown(select.closest('.ant-select')!.querySelector('[role=combobox]')!);
    const options = await waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLElement>('.ant-select-item-option')).map(
        (o) => o.textContent,
      );
      if (!found.length) throw new Error('no options yet');
      return found;
    });
    expect(options).toEqual(['客服部', '一管理处 · 客服组']);
  });

  it('exports the same department and month as .xlsx', async () => {
    const server = openPage();
    await screen.findByText('楼上漏水');
    const exportButton = screen.getByTestId('first-ask-export');
    expect(exportButton.textContent).toContain('导出 Excel');
    fireEvent.click(exportButton);
    await waitFor(() =>
      expect(server.to('GET', '/api/accountability/first-ask-register.xlsx')).toHaveLength(1),
    );
    const q = server.to('GET', '/api/accountability/first-ask-register.xlsx')[0].query;
    expect(Object.fromEntries(q)).toEqual({ departmentId: DEPT, year: '2026', month: '11' });
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalled());
  });

  it('prints the same rows on an A4 sheet', async () => {
    const server = openPage();
    await screen.findByText('楼上漏水');
    fireEvent.click(screen.getByTestId('first-ask-print'));
    const sheet = await screen.findByTestId('print-first-ask-register');
    expect(sheet.querySelector('h1')?.textContent).toBe('首问负责制度登记表');
    expect(within(sheet).getByText('汇银物业')).toBeTruthy();
    expect(within(sheet).getByText('已关闭：已更换水管')).toBeTruthy();
    expect(within(sheet).getByText('ZX20261105002')).toBeTruthy();
    expect(screen.getByTestId('first-ask-print-page').querySelector('style')?.textContent).toContain(
      'size: A4 landscape',
    );
    const printed = server.to('GET', '/api/accountability/first-ask-register').at(-1)!;
    expect(Object.fromEntries(printed.query)).toEqual({ departmentId: DEPT, year: '2026', month: '11' });
  });
});
