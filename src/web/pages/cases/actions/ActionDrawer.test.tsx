// @vitest-environment happy-dom
/**
 * Action forms as a user fills them: route (picks a department, sends the target; the resident told while routing),
 * callback (an unsatisfied resident needs a reason), reply (the server's warnings, then sending anyway with a
 * reason), verify (how and what was found), arrive (empty means now), the director's decision (the decisions
 * that fit the case, the fields of the one taken), a unit contacted (personal data only with the resident's
 * agreement) and the written report handed over (the routed unit, two copies). Only the network is fake (src/web/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import type { Case, CaseAction } from '../../../api/types';
import { ActionDrawer } from '../ActionDrawer';
import { fakeServer, renderInApp, type Routes } from '../../../testing/render';

const CASE_ID = '00000000-0000-4000-8000-0000000000e1';
const ENGINEERING = '00000000-0000-4000-8000-0000000000b1';
const SECURITY = '00000000-0000-4000-8000-0000000000b2';

const theCase = (over: Partial<Case> = {}): Case => ({
  id: CASE_ID,
  number: 'TS20261124001',
  version: 3,
  channel: 'phone',
  kind: 'complaint',
  severity: 'general',
  category: null,
  repairType: null,
  visitAt: null,
  state: 'received',
  receivedAt: '2026-11-24T02:00:00.000Z',
  createdAt: '2026-11-24T02:00:00.000Z',
  recordedBy: null,
  firstResponder: null,
  handler: null,
  department: null,
  target: null,
  office: { id: '00000000-0000-4000-8000-0000000000a1', name: '阳光花园管理处' },
  officePhone: null,
  room: null,
  address: null,
  reporter: { name: '李女士', phone: '138****1234', anonymous: false, masked: true },
  description: '楼下餐馆油烟很大',
  selfComplaint: false,
  escalationTier: 0,
  satisfaction: null,
  reopenCount: 0,
  mergedInto: null,
  invalid: false,
  calendarUnknown: false,
  callbackAssignee: null,
  nextDueAt: null,
  clocks: [],
  allowedActions: [],
  ...over,
});

const HANDLER = '00000000-0000-4000-8000-0000000000c1';
const WATER = '00000000-0000-4000-8000-0000000000d1';
const staff = (id: string, name: string, jobNumber: string, active = true) => ({
  id,
  username: jobNumber.toLowerCase(),
  name,
  jobNumber,
  phone: null,
  departmentId: ENGINEERING,
  departmentName: '工程部',
  roles: ['staff'],
  officeIds: [],
  active,
  isService: false,
  demo: false,
  lockedUntil: null,
  version: 1,
});

const department = (id: string, name: string) => ({
  id,
  name,
  function: 'engineering',
  office: null,
  active: true,
});

const base: Routes = {
  'GET /api/departments': {
    items: [department(ENGINEERING, '工程部'), department(SECURITY, '秩序部')],
    total: 2,
    totalCapped: false,
    nextCursor: null,
  },
  'GET /api/partner-units': { items: [], total: 0, totalCapped: false, nextCursor: null },
  'GET /api/users': { items: [], total: 0, totalCapped: false, nextCursor: null },
  'GET /api/notifications': { items: [], total: 0, totalCapped: false, nextCursor: null },
};

function open(action: CaseAction, c: Case, routes: Routes) {
  const server = fakeServer({ ...base, ...routes });
  const onClose = vi.fn();
  renderInApp(<ActionDrawer c={c} action={action} onClose={onClose} />);
  return { server, onClose };
}

/** Opens an antd select by its test id and clicks the option with this text. */
async function choose(testId: string, text: string) {
  const select = screen.getByTestId(testId);
  const trigger = select.closest('.ant-select') ?? select;
  fireEvent.mouseDown(trigger.querySelector('.ant-select-selector, [role=combobox]') ?? trigger);
  const option = await waitFor(() => {
    const found = Array.from(document.querySelectorAll<HTMLElement>('.ant-select-item-option')).find(
      (o) => o.textContent === text,
    );
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}

describe('route', () => {
  it('picks a department and sends it as the target with the version read', async () => {
    const { server, onClose } = open('route', theCase(), {
      'POST /api/cases/:id/actions/route': theCase({ version: 4, state: 'routed' }),
    });
    const form = await screen.findByTestId('action-form-route');
    // the department is the default target type
    expect(within(form).getByTestId('action-target-type').querySelector('input:checked')).toBeTruthy();

    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(within(form).getAllByText('必填')).toHaveLength(1));
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/route`)).toHaveLength(0);

    await choose('action-target-id', '秩序部');
    await userEvent.setup().type(within(form).getByTestId('action-note'), '  夜间巡查时顺便看看  ');
    fireEvent.click(within(form).getByTestId('action-form-submit'));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const posts = server.to('POST', `/api/cases/${CASE_ID}/actions/route`);
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({
      target: { type: 'department', id: SECURITY },
      note: '夜间巡查时顺便看看',
      version: 3,
    });
  });
});

describe('route: the resident told while routing (ROUTE-2)', () => {
  it('sends residentTold only when switched on, with how and the time promised', async () => {
    const { server, onClose } = open('route', theCase(), {
      'POST /api/cases/:id/actions/route': theCase({ version: 4, state: 'routed' }),
    });
    const form = await screen.findByTestId('action-form-route');
    expect(within(form).queryByTestId('action-resident-told-via')).toBeNull();
    await choose('action-target-id', '工程部');

    fireEvent.click(within(form).getByTestId('action-resident-told-on'));
    await within(form).findByTestId('action-resident-told-via');
    // a phone case: told by phone unless the agent picks another way
    await choose('action-resident-told-via', '短信');
    const promised = dayjs().add(2, 'day').hour(17).minute(0).second(0).millisecond(0);
    const picker = within(form).getByTestId('action-resident-told-promised-by');
    const input = picker.querySelector('input') ?? picker;
    fireEvent.mouseDown(input);
    fireEvent.change(input, { target: { value: promised.format('YYYY年MM月DD日 HH:mm') } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    fireEvent.click(within(form).getByTestId('action-form-submit'));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/route`)[0].body).toEqual({
      target: { type: 'department', id: ENGINEERING },
      residentTold: { via: 'sms', promisedBy: promised.toISOString() },
      version: 3,
    });
  });

  it('offers the 12345 hotline for a case it passed on, and leaves residentTold out once switched off', async () => {
    const { server, onClose } = open('route', theCase({ channel: 'hotline' }), {
      'POST /api/cases/:id/actions/route': theCase({ version: 4, state: 'routed' }),
    });
    const form = await screen.findByTestId('action-form-route');
    await choose('action-target-id', '秩序部');
    fireEvent.click(within(form).getByTestId('action-resident-told-on'));
    const via = await within(form).findByTestId('action-resident-told-via');
    expect(via.closest('.ant-select')?.textContent).toContain('12345热线');
    expect(within(form).getByText('12345热线转来的工单，须答复热线才算已告知。')).toBeTruthy();

    fireEvent.click(within(form).getByTestId('action-resident-told-on'));
    await waitFor(() => expect(within(form).queryByTestId('action-resident-told-via')).toBeNull());
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/route`)[0].body).toEqual({
      target: { type: 'department', id: SECURITY },
      version: 3,
    });
  });
});

describe('callback', () => {
  it('asks why an unsatisfied resident is unsatisfied before sending the callback', async () => {
    const c = theCase({ state: 'resolved', version: 7 });
    const { server, onClose } = open('callback', c, {
      'POST /api/cases/:id/actions/callback': { ...c, version: 8 },
    });
    const form = await screen.findByTestId('action-form-callback');
    const user = userEvent.setup();
    await user.click(within(within(form).getByTestId('callback-satisfaction')).getByText('不满意'));
    // the note becomes the reason, and a required one
    expect(within(form).getByText('不满意的原因')).toBeTruthy();
    fireEvent.click(within(form).getByTestId('callback-submit'));
    await waitFor(() => expect(within(form).getAllByText('必填')).toHaveLength(1));
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/callback`)).toHaveLength(0);

    await user.type(within(form).getByTestId('callback-reason'), '维修后仍有异味');
    fireEvent.click(within(form).getByTestId('callback-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/callback`)[0].body).toEqual({
      method: 'phone',
      reached: true,
      satisfaction: 'unsatisfied',
      reason: '维修后仍有异味',
      version: 7,
    });
  });

  it('sends no satisfaction when the resident was not reached', async () => {
    const c = theCase({ state: 'resolved', version: 7 });
    const { server, onClose } = open('callback', c, {
      'POST /api/cases/:id/actions/callback': { ...c, version: 8 },
    });
    const form = await screen.findByTestId('action-form-callback');
    const user = userEvent.setup();
    await user.click(within(within(form).getByTestId('callback-satisfaction')).getByText('满意'));
    await user.click(within(within(form).getByTestId('callback-reached')).getByText('未联系上'));
    expect(within(form).queryByTestId('callback-satisfaction')).toBeNull();
    fireEvent.click(within(form).getByTestId('callback-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/callback`)[0].body).toEqual({
      method: 'phone',
      reached: false,
      version: 7,
    });
  });
});

describe('reply', () => {
  it("shows the server's warnings and sends again with the reason for sending anyway", async () => {
    const c = theCase({ state: 'in_progress', version: 5 });
    let calls = 0;
    const { server, onClose } = open('reply', c, {
      'POST /api/cases/:id/actions/reply': () =>
        ++calls === 1
          ? {
              status: 422,
              body: {
                error: {
                  code: 'rule_violation',
                  message: '答复内容需要注意',
                  details: {
                    rule: 'reply_warnings',
                    warnings: [{ code: 'deflection', phrase: '不归我们管' }],
                  },
                },
              },
            }
          : { ...c, version: 6 },
    });
    const form = await screen.findByTestId('action-form-reply');
    const user = userEvent.setup();
    await user.type(within(form).getByTestId('action-message'), '这个不归我们管，请联系供电局。');
    fireEvent.click(within(form).getByTestId('action-form-submit'));

    const warnings = await within(form).findByTestId('reply-warnings');
    expect(warnings.textContent).toContain('含有推诿用语“不归我们管”');
    expect(onClose).not.toHaveBeenCalled();

    await user.type(within(form).getByTestId('reply-override-reason'), '业主要求直接告知供电局电话');
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const posts = server.to('POST', `/api/cases/${CASE_ID}/actions/reply`);
    expect(posts.map((p) => p.body)).toEqual([
      { message: '这个不归我们管，请联系供电局。', via: 'phone', version: 5 },
      {
        message: '这个不归我们管，请联系供电局。',
        via: 'phone',
        warningOverrideReason: '业主要求直接告知供电局电话',
        version: 5,
      },
    ]);
  });
});

describe('reply to a case the 12345 hotline passed on', () => {
  it('answers through the hotline unless the agent picks another way', async () => {
    const c = theCase({ state: 'routed', channel: 'hotline', version: 5 });
    const { server, onClose } = open('reply', c, {
      'POST /api/cases/:id/actions/reply': { ...c, version: 6 },
    });
    const form = await screen.findByTestId('action-form-reply');
    await userEvent.setup().type(within(form).getByTestId('action-message'), '已安排维修，明天上午完成。');
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/reply`)[0].body).toEqual({
      message: '已安排维修，明天上午完成。',
      via: 'hotline',
      version: 5,
    });
  });
});

describe('verify', () => {
  it('asks how the complaint was verified and what was found, then sends both', async () => {
    const c = theCase({ state: 'in_progress', version: 5 });
    const { server, onClose } = open('verify', c, {
      'POST /api/cases/:id/actions/verify': { ...c, version: 6 },
    });
    const form = await screen.findByTestId('action-form-verify');
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(within(form).getAllByText('必填')).toHaveLength(2));
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/verify`)).toHaveLength(0);

    const user = userEvent.setup();
    await user.click(within(within(form).getByTestId('action-method')).getByText('听取双方意见'));
    await user.type(within(form).getByTestId('action-findings'), '  餐馆排烟管道未装净化器，业主反映属实  ');
    fireEvent.click(within(form).getByTestId('action-form-submit'));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/verify`)[0].body).toEqual({
      method: 'both_parties',
      findings: '餐馆排烟管道未装净化器，业主反映属实',
      version: 5,
    });
  });

  it("shows the server's field message next to the field", async () => {
    const c = theCase({ state: 'in_progress', version: 5 });
    open('verify', c, {
      'POST /api/cases/:id/actions/verify': {
        status: 422,
        body: {
          error: {
            code: 'invalid_input',
            message: '请检查填写的内容',
            fields: { findings: '必须填写核实情况' },
          },
        },
      },
    });
    const form = await screen.findByTestId('action-form-verify');
    const user = userEvent.setup();
    await user.click(within(within(form).getByTestId('action-method')).getByText('现场查看'));
    await user.type(within(form).getByTestId('action-findings'), '已查看');
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    expect(await within(form).findByText('必须填写核实情况')).toBeTruthy();
  });
});

describe('arrive', () => {
  it('sends no time when left empty: the server takes now', async () => {
    const c = theCase({ state: 'routed', severity: 'emergency', version: 2 });
    const { server, onClose } = open('arrive', c, {
      'POST /api/cases/:id/actions/arrive': { ...c, state: 'in_progress', version: 3 },
    });
    const form = await screen.findByTestId('action-form-arrive');
    expect(within(form).getByPlaceholderText('现在')).toBeTruthy();
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/arrive`)[0].body).toEqual({ version: 2 });
  });
});

describe('recordDecision (ESCALATE-3, SUGGEST-1)', () => {
  it('offers a suggestion only adopt or decline, each with its own field, and sends only the one taken', async () => {
    const c = theCase({ kind: 'suggestion', state: 'in_progress', version: 5 });
    const { server, onClose } = open('recordDecision', c, {
      'POST /api/cases/:id/actions/recordDecision': { ...c, version: 6 },
    });
    const form = await screen.findByTestId('action-form-recordDecision');
    const decisions = within(form).getByTestId('action-decision');
    expect(Array.from(decisions.querySelectorAll('label')).map((l) => l.textContent)).toEqual([
      '采纳',
      '不采纳',
    ]);
    // nothing is decided for the director
    expect(decisions.querySelector('input:checked')).toBeNull();
    expect(within(form).queryByTestId('action-plan')).toBeNull();
    expect(within(form).queryByTestId('action-reason')).toBeNull();

    const user = userEvent.setup();
    await user.click(within(decisions).getByText('不采纳'));
    expect(within(form).getByText('不采纳的原因')).toBeTruthy();
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(within(form).getAllByText('必填')).toHaveLength(1));
    await user.type(within(form).getByTestId('action-reason'), '超出物业服务合同范围');

    // changed its mind: the plan replaces the reason, and the reason typed is not sent
    await user.click(within(decisions).getByText('采纳'));
    expect(within(form).queryByTestId('action-reason')).toBeNull();
    await user.type(within(form).getByTestId('action-plan'), '  下月起增设夜间巡逻  ');
    fireEvent.click(within(form).getByTestId('action-form-submit'));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/recordDecision`)[0].body).toEqual({
      decision: 'adopt',
      plan: '下月起增设夜间巡逻',
      version: 5,
    });
  });

  it('handles another case before the director: how, and an active employee to take it', async () => {
    const c = theCase({ state: 'in_progress', escalationTier: 2, version: 8 });
    const { server, onClose } = open('recordDecision', c, {
      'GET /api/users': {
        items: [staff(HANDLER, '赵师傅', 'G001'), staff(SECURITY, '钱师傅', 'G002', false)],
        total: 2,
        totalCapped: false,
        nextCursor: null,
      },
      'POST /api/cases/:id/actions/recordDecision': { ...c, version: 9 },
    });
    const form = await screen.findByTestId('action-form-recordDecision');
    const decisions = within(form).getByTestId('action-decision');
    expect(Array.from(decisions.querySelectorAll('label')).map((l) => l.textContent)).toEqual(['处理']);
    // the only decision that fits is taken, and the case is before the director: no warning
    expect(decisions.querySelector('input:checked')).toBeTruthy();
    expect(within(form).queryByText(/暂不能作出“处理”决定/)).toBeNull();
    expect(within(form).queryByTestId('action-plan')).toBeNull();

    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(within(form).getAllByText('必填')).toHaveLength(1));
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/recordDecision`)).toHaveLength(0);

    await userEvent.setup().type(within(form).getByTestId('action-note'), '工程部牵头，三天内修复');
    await choose('action-handlerId', '赵师傅（G001）');
    // an employee who left is not offered
    expect(
      Array.from(document.querySelectorAll('.ant-select-item-option')).map((o) => o.textContent),
    ).not.toContain('钱师傅（G002）');
    fireEvent.click(within(form).getByTestId('action-form-submit'));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/recordDecision`)[0].body).toEqual({
      decision: 'handle',
      handlerId: HANDLER,
      note: '工程部牵头，三天内修复',
      version: 8,
    });
  });

  it('warns that a case not before the director cannot be handled yet', async () => {
    open('recordDecision', theCase({ state: 'in_progress', escalationTier: 1 }), {});
    const form = await screen.findByTestId('action-form-recordDecision');
    expect(within(form).getByText(/暂不能作出“处理”决定/)).toBeTruthy();
  });
});

describe('recordContact: what the unit is given (ROUTE-3, PIPL 第二十三条)', () => {
  const routed = () =>
    theCase({
      state: 'routed',
      version: 4,
      target: { type: 'sisterUnit', id: WATER, name: '自来水分公司' },
    });
  const units = {
    'GET /api/partner-units': {
      items: [
        {
          id: WATER,
          name: '自来水分公司',
          relation: 'sister',
          service: 'water',
          contactPerson: null,
          phone: null,
          address: null,
          version: 1,
        },
      ],
      total: 1,
      totalCapped: false,
      nextCursor: null,
    },
  };
  const checkbox = (form: HTMLElement, text: string) =>
    within(within(form).getByTestId('action-passed'))
      .getByText(text)
      .closest('label')!
      .querySelector('input')!;

  it('gives the matter only by default: always ticked, never unticked, no agreement asked', async () => {
    const { server, onClose } = open('recordContact', routed(), {
      ...units,
      'POST /api/cases/:id/actions/recordContact': { ...routed(), version: 5 },
    });
    const form = await screen.findByTestId('action-form-recordContact');
    expect(checkbox(form, '事项').checked).toBe(true);
    expect(checkbox(form, '事项').disabled).toBe(true);
    expect(checkbox(form, '姓名').checked).toBe(false);
    expect(within(form).queryByTestId('action-residentAgreed')).toBeNull();

    const user = userEvent.setup();
    await user.type(within(form).getByTestId('action-contactPerson'), '刘工');
    await user.type(within(form).getByTestId('action-via'), '电话');
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/recordContact`)[0].body).toEqual({
      unitId: WATER,
      contactPerson: '刘工',
      via: '电话',
      passed: ['matter'],
      version: 4,
    });
  });

  it("passes the resident's name or contact only once the agreement is ticked", async () => {
    const { server, onClose } = open('recordContact', routed(), {
      ...units,
      'POST /api/cases/:id/actions/recordContact': { ...routed(), version: 5 },
    });
    const form = await screen.findByTestId('action-form-recordContact');
    const user = userEvent.setup();
    await user.type(within(form).getByTestId('action-contactPerson'), '刘工');
    await user.type(within(form).getByTestId('action-via'), '电话');
    await user.click(checkbox(form, '联系方式'));
    await user.click(checkbox(form, '姓名'));
    const agreed = await within(form).findByTestId('action-residentAgreed');
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    expect(await within(form).findByText('告知业主的姓名、地址或联系方式，须先征得业主同意')).toBeTruthy();
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/recordContact`)).toHaveLength(0);

    await user.click(agreed);
    fireEvent.click(within(form).getByTestId('action-form-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/recordContact`)[0].body).toEqual({
      unitId: WATER,
      contactPerson: '刘工',
      via: '电话',
      // in the contract's order, whatever the order ticked
      passed: ['name', 'contact', 'matter'],
      residentAgreed: true,
      version: 4,
    });
  });

  it('asks no agreement once the personal data are unticked again', async () => {
    open('recordContact', routed(), units);
    const form = await screen.findByTestId('action-form-recordContact');
    const user = userEvent.setup();
    await user.click(checkbox(form, '地址'));
    await within(form).findByTestId('action-residentAgreed');
    await user.click(checkbox(form, '地址'));
    await waitFor(() => expect(within(form).queryByTestId('action-residentAgreed')).toBeNull());
  });
});

describe('recordReportSent (ROUTE-3)', () => {
  it('starts with the sister unit routed to and two copies; an empty time is left to the server', async () => {
    const c = theCase({
      state: 'routed',
      version: 6,
      target: { type: 'sisterUnit', id: WATER, name: '自来水分公司' },
    });
    const { server, onClose } = open('recordReportSent', c, {
      'GET /api/partner-units': {
        items: [
          {
            id: WATER,
            name: '自来水分公司',
            relation: 'sister',
            service: 'water',
            contactPerson: null,
            phone: null,
            address: null,
            version: 1,
          },
        ],
        total: 1,
        totalCapped: false,
        nextCursor: null,
      },
      'POST /api/cases/:id/actions/recordReportSent': { ...c, version: 7 },
    });
    const form = await screen.findByTestId('action-form-recordReportSent');
    expect((within(form).getByTestId('action-copies') as HTMLInputElement).value).toBe('2');
    await userEvent.setup().type(within(form).getByTestId('action-receiver'), ' 刘工 ');
    fireEvent.click(within(form).getByTestId('action-form-submit'));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.to('POST', `/api/cases/${CASE_ID}/actions/recordReportSent`)[0].body).toEqual({
      unitId: WATER,
      copies: 2,
      receiver: '刘工',
      version: 6,
    });
  });
});
