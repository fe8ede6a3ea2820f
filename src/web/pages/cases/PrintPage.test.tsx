// @vitest-environment happy-dom
/**
 * The six paper forms of FORM-1, each printed from one case and its timeline (003 第2篇 六.2, 六.3; 004 附表一–三;
 * 001 细则): its title, the one case number, the QR code back to the case (UI-7), and the facts the form asks for.
 * Only the network is fake (src/web/testing/render.tsx).
 */
import { screen } from '@testing-library/react';
import { Route, Routes as RouterRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, TimelineEntry } from '../../api/types';
import { fakeServer, renderInApp } from '../../testing/render';
import PrintPage from './PrintPage';
import { PRINT_FORMS, type PrintForm } from './printForms';

const CASE_ID = '00000000-0000-4000-8000-0000000000e1';
const AGENT = { id: '00000000-0000-4000-8000-0000000000c1', name: '王小明' };
const TECH = { id: '00000000-0000-4000-8000-0000000000c2', name: '李师傅' };
const POWER = '00000000-0000-4000-8000-0000000000d1';

let seq = 0;
const entry = (
  type: TimelineEntry['type'],
  at: string,
  data: Record<string, unknown> = {},
  actor = AGENT,
) => ({
  seq: ++seq,
  at,
  actor,
  type,
  data,
  hash: `h${seq}`,
});

const complaint = (): CaseDetail => ({
  id: CASE_ID,
  number: 'TS20261124001',
  version: 9,
  channel: 'phone',
  kind: 'complaint',
  severity: 'major',
  category: { id: '00000000-0000-4000-8000-0000000000f1', name: '供电' },
  repairType: null,
  visitAt: null,
  state: 'closed',
  receivedAt: '2026-11-24T02:00:00.000Z',
  createdAt: '2026-11-24T02:00:00.000Z',
  recordedBy: AGENT,
  firstResponder: AGENT,
  handler: AGENT,
  department: null,
  target: { type: 'sisterUnit', id: POWER, name: '城东供电所' },
  office: { id: '00000000-0000-4000-8000-0000000000a1', name: '阳光花园管理处' },
  officePhone: '0755-86001234',
  room: { id: '00000000-0000-4000-8000-0000000000b1', label: '阳光花园 3栋2单元501' },
  address: null,
  reporter: { name: '李女士', phone: '13812345678', anonymous: false, masked: false },
  description: '小区3栋整栋停电已两小时，电梯困人',
  selfComplaint: false,
  escalationTier: 0,
  satisfaction: 'basically_satisfied',
  reopenCount: 0,
  mergedInto: null,
  invalid: false,
  calendarUnknown: false,
  callbackAssignee: null,
  nextDueAt: null,
  clocks: [],
  allowedActions: [],
  timeline: [
    entry('received', '2026-11-24T02:00:00.000Z'),
    entry('routed', '2026-11-24T02:10:00.000Z', {
      target: { type: 'sisterUnit', id: POWER },
      note: '请供电所尽快派人抢修，并告知恢复供电时间',
    }),
    entry('contact_recorded', '2026-11-24T02:20:00.000Z', {
      unitId: POWER,
      contactPerson: '供电所张工',
      via: '电话',
      passed: ['matter'],
    }),
    entry('report_sent', '2026-11-24T03:00:00.000Z', {
      unitId: POWER,
      copies: 2,
      receiver: '供电所刘工',
      at: '2026-11-24T03:00:00.000Z',
    }),
    entry('replied', '2026-11-24T05:00:00.000Z', { via: 'phone', message: '供电所已恢复供电' }),
    entry('resolved', '2026-11-24T05:10:00.000Z', { result: '供电所更换了配电柜开关，已恢复供电' }),
    entry('callback', '2026-11-25T02:00:00.000Z', {
      method: 'phone',
      reached: true,
      satisfaction: 'basically_satisfied',
    }),
  ],
  timelineIntact: true,
  attachments: [],
});

const repair = (): CaseDetail => ({
  ...complaint(),
  number: 'BX20261124002',
  kind: 'repair',
  severity: 'general',
  repairType: 'private',
  visitAt: '2026-11-24T06:00:00.000Z',
  handler: TECH,
  target: { type: 'department', id: '00000000-0000-4000-8000-0000000000b9', name: '工程维修组' },
  description: '厨房水龙头漏水，需上门更换',
  satisfaction: 'satisfied',
  timeline: [
    entry('received', '2026-11-24T02:00:00.000Z'),
    entry('routed', '2026-11-24T02:03:00.000Z', {
      target: { type: 'department', id: '00000000-0000-4000-8000-0000000000b9' },
    }),
    entry('accepted', '2026-11-24T02:05:00.000Z', {}, TECH),
    entry('resolved', '2026-11-24T06:40:00.000Z', { result: '已更换水龙头', materials: '水龙头一个' }, TECH),
    entry('callback', '2026-11-25T02:00:00.000Z', {
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
    }),
  ],
});

const me = {
  user: {
    id: AGENT.id,
    username: 'agent',
    name: AGENT.name,
    jobNumber: 'A001',
    roles: ['agent'],
    officeIds: [],
    companyId: '00000000-0000-4000-8000-0000000000c9',
    companyName: '回音物业服务有限公司',
    companyShortName: '回音物业',
    departmentId: null,
  },
  permissions: ['cases.read', 'org.read'],
  serverTime: '2026-11-25T03:00:00.000Z',
};
const empty = { items: [], total: 0, totalCapped: false, nextCursor: null };

async function print(form: PrintForm, c: CaseDetail) {
  fakeServer({
    'GET /api/auth/me': me,
    [`GET /api/cases/${CASE_ID}`]: c,
    'GET /api/departments': empty,
    'GET /api/partner-units': {
      ...empty,
      items: [{ id: POWER, name: '城东供电所' }],
      total: 1,
    },
    'GET /api/users': empty,
  });
  renderInApp(
    <RouterRoutes>
      <Route path="/cases/:id/print/:form" element={<PrintPage />} />
    </RouterRoutes>,
    { path: `/cases/${CASE_ID}/print/${form}` },
  );
  const sheet = await screen.findByTestId(`print-${form}`);
  return sheet;
}

/** The value cells right of every label cell so named, as the form prints them. */
const cells = (sheet: HTMLElement, label: string) =>
  [...sheet.querySelectorAll('th')]
    .filter((th) => th.textContent === label)
    .map((th) => th.nextElementSibling?.textContent);

/** The value cell right of a label cell, as the form prints it. */
const cell = (sheet: HTMLElement, label: string) => {
  const th = [...sheet.querySelectorAll('th')].find((x) => x.textContent === label);
  if (!th) throw new Error(`no ${label} on the form`);
  return (th.nextElementSibling as HTMLElement).textContent;
};

const TITLES: Record<PrintForm, string> = {
  'complaint-register': '客户投诉登记表',
  'complaint-notice': '客户投诉处理通知单',
  'written-report': '业主投诉书面报告',
  'first-responder-register': '首问负责制度登记表',
  'major-complaint-record': '首问责任制重要投诉记录表',
  'repair-order': '修理派工单',
};

describe('FORM-1 the six paper forms print from the case', () => {
  it.each(PRINT_FORMS.map((f) => [f]))(
    'UI-7 %s: its title, the one case number and the QR code back to the case',
    async (form) => {
      const c = form === 'repair-order' ? repair() : complaint();
      const sheet = await print(form, c);
      expect(sheet.querySelector('h1')?.textContent).toBe(TITLES[form]);
      for (const n of screen.getAllByTestId('print-number')) expect(n.textContent).toContain(c.number);
      expect(screen.getByTestId('print-qr').getAttribute('aria-label')).toBe(
        `${window.location.origin}/cases/${CASE_ID}`,
      );
    },
  );

  it('客户投诉登记表 (003 第2篇 六.2): the customer, phone, address, matter, first responder, result and callback', async () => {
    const sheet = await print('complaint-register', complaint());
    expect(cell(sheet, '客户姓名')).toBe('李女士');
    expect(cell(sheet, '联系电话')).toBe('13812345678');
    expect(cell(sheet, '房号/地址')).toBe('阳光花园 3栋2单元501');
    expect(sheet.textContent).toContain('小区3栋整栋停电已两小时');
    expect(sheet.textContent).toContain('供电所更换了配电柜开关');
    expect(sheet.textContent).toContain('基本满意');
  });

  it('客户投诉处理通知单: the unit it went to, the requirement given with the routing and the result', async () => {
    const sheet = await print('complaint-notice', complaint());
    expect(sheet.textContent).toContain('城东供电所');
    expect(sheet.textContent).toContain('请供电所尽快派人抢修');
    expect(sheet.textContent).toContain('供电所更换了配电柜开关');
  });

  it('ROUTE-3 业主投诉书面报告 (004 附表一): two copies with the office’s phone, the receiver and the handling opinion', async () => {
    const sheet = await print('written-report', complaint());
    expect(sheet.querySelectorAll('.hy-copy')).toHaveLength(2);
    expect(sheet.textContent).toContain('第一联（存根）');
    expect(sheet.textContent).toContain('第二联（交接收单位）');
    const first = sheet.querySelector<HTMLElement>('.hy-copy')!;
    expect(cell(first, '报告部门')).toBe('阳光花园管理处');
    expect(cell(first, '联系人')).toBe('王小明');
    expect(cells(first, '联系电话')).toEqual(['0755-86001234', '13812345678']);
    expect(cell(first, '接收单位')).toBe('城东供电所');
    expect(cell(first, '接收人')).toBe('供电所刘工');
    expect(cell(first, '处理意见')).toBe('请供电所尽快派人抢修，并告知恢复供电时间');
  });

  it('首问负责制度登记表 (004 附表二): the first responder, who answers for it, the handling and the owner’s opinion', async () => {
    const sheet = await print('first-responder-register', complaint());
    expect(cell(sheet, '首问责任人')).toBe('王小明');
    expect(sheet.textContent).toContain('城东供电所');
    expect(cell(sheet, '业主意见')).toBe('基本满意');
  });

  it('首问责任制重要投诉记录表 (004 附表三): the transfer, its receiver, the feedback and the callback method ticked', async () => {
    const sheet = await print('major-complaint-record', complaint());
    expect(cell(sheet, '转送单位')).toBe('城东供电所');
    // who took the call, then who took the matter over at the unit
    expect(cells(sheet, '接收人')).toEqual(['王小明', '供电所张工']);
    expect(sheet.textContent).toContain('☑ 电话');
    expect(sheet.textContent).toContain('☐ 上门');
  });

  it('修理派工单 (001 细则 三.二): a paid repair with the fee standard, the agreed visit, the technician and the owner’s check', async () => {
    const sheet = await print('repair-order', repair());
    expect(sheet.textContent).toContain('按收费标准收费');
    expect(cell(sheet, '维修人员')).toBe('李师傅');
    expect(cell(sheet, '用料')).toBe('水龙头一个');
    expect(sheet.textContent).toContain('☑ 满意');
  });
});
