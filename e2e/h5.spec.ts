/**
 * The residents' H5 in a real browser at a phone's size (390×844), against the production build on the real
 * server: /h5/demo answers the H5 (not the console); a resident asks for a code, reads it from the development
 * SMS sender's outbox (GET /api/test/outbox), signs in (RESIDENT-1), picks a room community → building → unit →
 * room and asks to bind it; 首页 lists it as waiting for the office (RESIDENT-3). Nothing scrolls sideways.
 */
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  horizontalOverflow,
  launchBrowser,
  newPage,
  startServer,
  type E2eServer,
} from './harness';

/** a mobile the demo register does not list: the resident starts with no room */
const PHONE = '19900001234';
const PHONE_SIZE = { width: 390, height: 844 };

let server: E2eServer;
let browser: Browser;
let current: Page | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && current && !current.isClosed()) {
    const file = path.join(os.tmpdir(), `huiyin-e2e-${task.name.replace(/[^\w]+/g, '-').slice(0, 60)}.png`);
    await current.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`screenshot of the failing page: ${file}`);
  }
  current = undefined;
});

/** The code of the latest login_code SMS to `phone`, from its zh-CN text `您的登录验证码为 NNNNNN`. */
async function codeSentTo(phone: string): Promise<string> {
  const admin = await apiSession(server.baseUrl, 'admin');
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const { items } = await admin.get<{ items: { type: string; text: Record<string, string> }[] }>(
          `/api/test/outbox?phone=${phone}`,
        );
        const texts = items.filter((m) => m.type === 'login_code').map((m) => m.text['zh-CN'] ?? '');
        code = texts.map((t) => /您的登录验证码为\s*(\d{6})/.exec(t)?.[1]).find(Boolean);
        return code;
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

/** Picks the first choice the level offers and returns its name. */
async function pickFirst(page: Page, level: string): Promise<string> {
  const options = page.getByTestId('h5-bind-options');
  await options.getByText(`请选择${level}`).waitFor();
  const first = options.locator('.adm-list-item').first();
  await first.waitFor();
  const name = (await first.textContent())!.trim();
  await first.click();
  return name;
}

describe('residents’ H5', () => {
  it('RESIDENT-1, RESIDENT-3: signs in with the SMS code, asks to bind a room and sees it pending', async () => {
    // any path under /h5/<code> answers the H5's page; the console's paths still answer the console
    const under = await (await fetch(`${server.baseUrl}/h5/demo/bind`)).text();
    expect(under).toContain('<title>回音 · 住户服务</title>');
    expect(await (await fetch(`${server.baseUrl}/cases`)).text()).not.toContain('住户服务');

    const { page } = await newPage(browser, server.baseUrl, PHONE_SIZE);
    current = page;
    await page.goto('/h5/demo');
    expect(await page.title()).toBe('回音 · 住户服务');

    await page.getByPlaceholder('请输入手机号').fill(PHONE);
    await page.getByTestId('h5-send-code').click();
    await page
      .getByTestId('h5-send-code')
      .getByText(/秒后重发/)
      .waitFor();
    const code = await codeSentTo(PHONE);
    await page.getByPlaceholder('6 位验证码').fill(code);
    await page.getByTestId('h5-login').click();

    await page.getByTestId('h5-home').waitFor();
    expect(await page.getByTestId('h5-company').textContent()).toBe('回音');
    expect(await page.getByTestId('h5-rooms').textContent()).toContain('还没有绑定房屋');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByTestId('h5-go-bind').click();
    await page.waitForURL('**/h5/demo/bind');
    const community = await pickFirst(page, '小区');
    await pickFirst(page, '楼栋');
    await pickFirst(page, '单元');
    const room = await pickFirst(page, '房号');
    await page.getByTestId('h5-bind-submit').click();

    await page.waitForURL((url) => url.pathname === '/h5/demo/');
    const pending = page.getByTestId('h5-pending');
    await pending.waitFor();
    expect(await pending.textContent()).toContain(room);
    expect(await pending.textContent()).toContain(community);
    expect(await pending.textContent()).toContain('待物业审核');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // the session outlives a reload: the same page comes back signed in, the request still pending
    await page.reload();
    await page.getByTestId('h5-pending').waitFor();
  });
});
