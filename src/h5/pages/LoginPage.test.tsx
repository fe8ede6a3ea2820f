// @vitest-environment happy-dom
/**
 * 登录 as a resident uses it (RESIDENT-1, RESIDENT-2): 获取验证码 sends the phone with the company of the address
 * and then waits 60 s before the next, counting down; a 429 counts down the server's `Retry-After` and shows its
 * message; the server's field messages stand under their field; a code that is not 6 digits is refused before any
 * call; the right code signs in. Only the network is fake (src/h5/testing/render.tsx).
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ResidentMe } from '../api';
import { fakeServer, renderH5 } from '../testing/render';
import { LoginPage } from './LoginPage';

const CODE_PATH = '/api/resident/auth/code';
const VERIFY_PATH = '/api/resident/auth/verify';

const me: ResidentMe = {
  resident: { id: 'a1', phone: '138****8000' },
  company: { code: 'demo', name: '回音物业服务有限公司', shortName: '回音' },
  rooms: [],
  pendingBindings: [],
  declinedBindings: [],
};

const phoneInput = () => screen.getByPlaceholderText('请输入手机号');
const codeInput = () => screen.getByPlaceholderText('6 位验证码');
const sendButton = () => screen.getByTestId('h5-send-code');

function renderLogin() {
  const onSignedIn = vi.fn();
  renderH5(<LoginPage companyCode="demo" onSignedIn={onSignedIn} />);
  return { onSignedIn };
}

describe('登录 (RESIDENT-1, RESIDENT-2)', () => {
  it('sends the code for the typed phone and the address’s company, then counts 60 s down before the next', async () => {
    const server = fakeServer({ [`POST ${CODE_PATH}`]: { status: 204, body: null } });
    renderLogin();
    // React renders through act() here: with the clock faked, waitFor's polling would not see it
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const tick = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
    fireEvent.change(phoneInput(), { target: { value: ' 13800138000 ' } });
    await act(async () => fireEvent.click(sendButton()));
    await tick(0);
    expect(sendButton().textContent).toBe('60 秒后重发');
    expect(server.to('POST', CODE_PATH).map((r) => r.body)).toEqual([
      { companyCode: 'demo', phone: '13800138000' },
    ]);
    expect(server.to('POST', CODE_PATH)[0].headers['Accept-Language']).toBe('zh-CN');
    expect((sendButton() as HTMLButtonElement).disabled).toBe(true);

    await tick(1000);
    expect(sendButton().textContent).toBe('59 秒后重发');
    fireEvent.click(sendButton()); // still waiting: nothing is sent
    for (let i = 0; i < 58; i++) await tick(1000);
    expect(sendButton().textContent).toBe('1 秒后重发');
    await tick(1000);
    expect(sendButton().textContent).toBe('获取验证码');
    expect((sendButton() as HTMLButtonElement).disabled).toBe(false);
    expect(server.to('POST', CODE_PATH)).toHaveLength(1);
  });

  it('shows the server’s 429 message and counts down its Retry-After instead of 60 s', async () => {
    fakeServer({
      [`POST ${CODE_PATH}`]: {
        status: 429,
        headers: { 'Retry-After': '42' },
        body: { error: { code: 'rate_limited', message: '验证码发送太频繁，请稍后再试' } },
      },
    });
    renderLogin();
    fireEvent.change(phoneInput(), { target: { value: '13800138000' } });
    fireEvent.click(sendButton());
    expect((await screen.findByTestId('h5-login-error')).textContent).toBe('验证码发送太频繁，请稍后再试');
    expect(sendButton().textContent).toBe('42 秒后重发');
    expect((sendButton() as HTMLButtonElement).disabled).toBe(true);
  });

  it('puts the server’s field message under the phone, and asks for a phone before calling at all', async () => {
    const server = fakeServer({
      [`POST ${CODE_PATH}`]: {
        status: 422,
        body: {
          error: {
            code: 'validation_failed',
            message: '请检查填写的内容',
            fields: { phone: '请填写中国大陆的手机号码' },
          },
        },
      },
    });
    renderLogin();
    fireEvent.click(sendButton());
    expect((await screen.findByTestId('h5-phone-error')).textContent).toBe('请输入手机号');
    expect(server.sent).toHaveLength(0);

    fireEvent.change(phoneInput(), { target: { value: '0571-86001234' } });
    fireEvent.click(sendButton());
    await waitFor(() =>
      expect(screen.getByTestId('h5-phone-error').textContent).toBe('请填写中国大陆的手机号码'),
    );
    expect(screen.queryByTestId('h5-login-error')).toBeNull();
    expect(sendButton().textContent).toBe('获取验证码');
  });

  it('refuses a code that is not 6 digits without a call, shows a wrong code’s message, and signs in with the right one', async () => {
    const server = fakeServer({
      [`POST ${VERIFY_PATH}`]: (req) =>
        (req.body as { code: string }).code === '123456'
          ? me
          : {
              status: 422,
              body: {
                error: {
                  code: 'rule_violation',
                  message: '验证码不正确或已过期',
                  fields: { code: '验证码不正确或已过期' },
                },
              },
            },
    });
    const { onSignedIn } = renderLogin();
    fireEvent.change(phoneInput(), { target: { value: '13800138000' } });
    fireEvent.change(codeInput(), { target: { value: '12345' } });
    fireEvent.click(screen.getByTestId('h5-login'));
    expect((await screen.findByTestId('h5-code-error')).textContent).toBe('请输入 6 位数字验证码');
    expect(server.sent).toHaveLength(0);

    fireEvent.change(codeInput(), { target: { value: '654321' } });
    fireEvent.click(screen.getByTestId('h5-login'));
    await waitFor(() => expect(screen.getByTestId('h5-code-error').textContent).toBe('验证码不正确或已过期'));
    expect(onSignedIn).not.toHaveBeenCalled();

    fireEvent.change(codeInput(), { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('h5-login'));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(me));
    expect(server.to('POST', VERIFY_PATH).at(-1)?.body).toEqual({
      companyCode: 'demo',
      phone: '13800138000',
      code: '123456',
    });
  });
});
