// @vitest-environment happy-dom
/**
 * The clock policy page as an admin uses it: every clock of the table with a label and its built-in value (the new
 * ones too; the home visit off, the appointment due at the time agreed), the rules by kind, severity and category
 * listed, the exempt kinds without a complaint, the case-number prefixes (INTAKE-8) with their refusals on the field,
 * and the body saved. Only the network is fake
 * (src/web/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import ClockPolicyPage from './ClockPolicyPage';
import { CATEGORY, policyFixture } from './policyFixture';
import { fakeServer, renderInApp, type SentRequest } from '../../testing/render';

/**
 * Opens an antd select by its test id and clicks the option with this text in its own list (the page has many
 * selects offering the same words).
 */
async function choose(testId: string, text: string) {
  const select = screen.getByTestId(testId);
  const input = (select.closest('.ant-select') ?? select).querySelector<HTMLElement>('[role=combobox]')!;
  fireEvent.mouseDown(input);
  const option = await waitFor(() => {
    const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
    const found = Array.from(
      list?.closest('.ant-select-dropdown')?.querySelectorAll<HTMLElement>('.ant-select-item-option') ?? [],
    ).find((o) => o.textContent === text);
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}

async function openPage() {
  const server = fakeServer({
    'GET /api/policies': policyFixture(),
    'PUT /api/policies': (req: SentRequest) => ({ ...policyFixture(), ...(req.body as object), version: 5 }),
  });
  renderInApp(<ClockPolicyPage />);
  const page = await screen.findByTestId('clock-policy-form');
  return { server, page };
}

describe('clock policy page', () => {
  it('shows every clock with its name and built-in value, the new ones too', async () => {
    const { page } = await openPage();
    for (const name of ['紧急到场', '进展告知', '跟进反馈', '上门回访'])
      expect(within(page).getByText(name, { selector: 'label' })).toBeTruthy();
    expect(within(page).getByTestId('clock-policy-default-onsite').textContent).toBe('系统默认：30分钟');
    expect(within(page).getByTestId('clock-policy-default-followUp').textContent).toBe('系统默认：2个工作日');
    // off by default, not a blank
    expect(within(page).getByTestId('clock-policy-default-homeVisit').textContent).toBe('系统默认：不计时');
    // due at the time agreed: nothing to set
    expect(within(page).getByTestId('clock-policy-given-appointment').textContent).toBe(
      '按约定的时间计时，无需设置时长',
    );
    expect(within(page).getByTestId('clock-policy-given-corrective')).toBeTruthy();
    expect(within(page).queryByTestId('clock-policy-mode-appointment')).toBeNull();
    // the company's own reply limit is shown as such
    expect(within(page).getByTestId('clock-policy-mode-reply').closest('.ant-select')?.textContent).toContain(
      '自定义时长',
    );
    const specific = within(page).getByTestId('clock-policy-specific');
    expect(specific.textContent).toContain('办结 3天');
    expect(specific.textContent).toContain('紧急到场 15分钟');
    expect(specific.textContent).toContain('回访 不计时');
    expect(within(page).getByText('另有 1 个分类设有专门的时限')).toBeTruthy();
  });

  it('never offers a complaint as exempt from the callback, and says why', async () => {
    const { page } = await openPage();
    expect(within(page).getByTestId('clock-policy-exempt-complaint').textContent).toBe(
      '投诉一律回访，不能免回访。',
    );
    const select = within(page).getByTestId('clock-policy-exempt-kinds');
    fireEvent.mouseDown(
      select.closest('.ant-select')!.querySelector('.ant-select-selector, [role=combobox]')!,
    );
    const complaint = await waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLElement>('.ant-select-item-option')).find(
        (o) => o.textContent === '投诉',
      );
      if (!found) throw new Error('no complaint option');
      return found;
    });
    expect(complaint.className).toContain('ant-select-item-option-disabled');
  });

  it('saves the own defaults and the exempt kinds, with the specific rules and prefixes as read', async () => {
    const { server, page } = await openPage();
    await choose('clock-policy-mode-homeVisit', '自定义时长');
    // turned on, the home visit starts from the suggested 7 days
    await waitFor(() =>
      expect((within(page).getByTestId('clock-policy-amount-homeVisit') as HTMLInputElement).value).toBe('7'),
    );
    await choose('clock-policy-mode-reply', '系统默认');
    await choose('clock-policy-mode-progress', '不计时');
    await choose('clock-policy-exempt-kinds', '建议');
    fireEvent.click(within(page).getByTestId('clock-policy-save'));

    await waitFor(() => expect(server.to('PUT', '/api/policies')).toHaveLength(1));
    expect(server.to('PUT', '/api/policies')[0].body).toEqual({
      version: 4,
      clockPolicy: {
        defaults: { corrective: null, homeVisit: { amount: 7, unit: 'calendar_days' }, progress: null },
        byKind: { repair: { resolve: { amount: 3, unit: 'calendar_days' } } },
        bySeverity: { emergency: { onsite: { amount: 15, unit: 'minutes' }, callback: null } },
        byCategory: { [CATEGORY]: { resolve: { amount: 1, unit: 'working_days' } } },
      },
      numberPrefixes: { complaint: 'TS' },
      callbackExemptKinds: ['inquiry', 'praise', 'suggestion'],
    });
    expect(await screen.findByText('已保存')).toBeTruthy();
  });

  it("shows the server's refusal of the exempt kinds next to the field", async () => {
    fakeServer({
      'GET /api/policies': policyFixture(),
      'PUT /api/policies': {
        status: 422,
        body: {
          error: {
            code: 'invalid_input',
            message: '请检查填写的内容',
            fields: { callbackExemptKinds: '投诉必须回访' },
          },
        },
      },
    });
    renderInApp(<ClockPolicyPage />);
    const page = await screen.findByTestId('clock-policy-form');
    await choose('clock-policy-exempt-kinds', '其他');
    fireEvent.click(within(page).getByTestId('clock-policy-save'));
    expect(await within(page).findByText('投诉必须回访')).toBeTruthy();
  });

  it('INTAKE-8: edits the number prefixes, blank for the built-in one, and saves them upper-cased', async () => {
    const { server, page } = await openPage();
    const prefixes = within(page).getByTestId('clock-policy-prefixes');
    expect(within(prefixes).getByText('投诉')).toBeTruthy();
    expect((within(page).getByTestId('clock-policy-prefix-complaint') as HTMLInputElement).value).toBe('TS');
    expect((within(page).getByTestId('clock-policy-prefix-repair') as HTMLInputElement).placeholder).toBe(
      'BX',
    );
    fireEvent.change(within(page).getByTestId('clock-policy-prefix-repair'), { target: { value: 'wx' } });
    fireEvent.change(within(page).getByTestId('clock-policy-prefix-complaint'), { target: { value: '' } });
    fireEvent.click(within(page).getByTestId('clock-policy-save'));
    await waitFor(() => expect(server.to('PUT', '/api/policies')).toHaveLength(1));
    expect((server.to('PUT', '/api/policies')[0].body as { numberPrefixes: unknown }).numberPrefixes).toEqual(
      {
        repair: 'WX',
      },
    );
  });

  it('INTAKE-8: refuses a malformed prefix, or one another kind numbers with, next to the field', async () => {
    const { server, page } = await openPage();
    fireEvent.change(within(page).getByTestId('clock-policy-prefix-inquiry'), { target: { value: 'Z1' } });
    // the built-in repair prefix: both kinds would number with BX
    fireEvent.change(within(page).getByTestId('clock-policy-prefix-other'), { target: { value: 'BX' } });
    fireEvent.click(within(page).getByTestId('clock-policy-save'));
    expect(await within(page).findByText('编号前缀须为 1–4 个大写英文字母')).toBeTruthy();
    expect(await within(page).findAllByText('与其他类型的编号前缀相同，请换一个')).toHaveLength(2);
    expect(server.to('PUT', '/api/policies')).toHaveLength(0);
  });

  it("INTAKE-8: shows the server's refusal of a prefix on that kind's field", async () => {
    fakeServer({
      'GET /api/policies': policyFixture(),
      'PUT /api/policies': {
        status: 400,
        body: {
          error: {
            code: 'invalid_input',
            message: '请检查填写的内容',
            fields: { 'numberPrefixes.repair': '编号前缀已被停用的类型占用' },
          },
        },
      },
    });
    renderInApp(<ClockPolicyPage />);
    const page = await screen.findByTestId('clock-policy-form');
    fireEvent.change(within(page).getByTestId('clock-policy-prefix-repair'), { target: { value: 'WX' } });
    fireEvent.click(within(page).getByTestId('clock-policy-save'));
    const field = within(page).getByTestId('clock-policy-prefix-repair').closest('.ant-form-item')!;
    await waitFor(() => expect(field.textContent).toContain('编号前缀已被停用的类型占用'));
  });
});
