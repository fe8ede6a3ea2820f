/**
 * Browser tests run the production build (`npm run build`) on the real server (`huiyin serve`, NODE_ENV=test,
 * HUIYIN_FAKE_CLOCK=1, a fresh embedded PostgreSQL with the minimal demo seed: the demo company, its people and
 * logins, no history — quick to start, and every case a test sees is its own) and drive Debian's chromium with
 * playwright-core. No browser is ever downloaded: without /usr/bin/chromium the suite fails loudly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2eServer {
  baseUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(): Promise<E2eServer> {
  if (!fs.existsSync('dist/web/index.html'))
    throw new Error('dist/web is missing: run `npm run build` first (npm run test:e2e does).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['bin/huiyin.js', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      NODE_ENV: 'test',
      HUIYIN_FAKE_CLOCK: '1',
      HUIYIN_SEED: 'minimal',
      PORT: String(port),
      HUIYIN_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in 90 s:\n${output}`)), 90_000);
    const check = () => {
      if (output.includes('Huiyin is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium fonts-noto-cjk); browsers are never downloaded.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newPage(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  // a step that has not happened in 15 s will not happen: fail with the step's name well inside the test timeout
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export async function login(page: Page, username: string, password = 'huiyin-demo') {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** No page may scroll sideways at a phone width (UI-6: scrollWidth ≤ 360). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
}

/**
 * Picks an option of an antd Select by its label: opens the select found by its data-testid, then clicks the
 * option in the open dropdown (antd renders it in a portal, outside the form).
 */
export async function chooseOption(page: Page, testId: string, label: string) {
  const select = page.getByTestId(testId);
  await pickOption(
    page,
    select,
    page.locator(
      `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title=${JSON.stringify(label)}]`,
    ),
    select.filter({ hasText: label }),
  );
}

/**
 * Opens a select, clicks an option and waits until the select shows the option's text. On a loaded machine a
 * click can land while the option list is still opening or filling and choose nothing (CI: the route form's
 * department stayed empty, so its handler select stayed disabled); the pick is then tried again, at most three
 * times.
 */
async function pickOption(page: Page, select: Locator, option: Locator, chosen: Locator, search?: string) {
  for (let attempt = 1; ; attempt++) {
    // Opened only when its list is not showing: Escape would also close the dialog a select may sit in.
    if (!(await option.isVisible())) {
      await select.click();
      if (search) await page.keyboard.type(search);
    }
    await option.click();
    try {
      await chosen.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * Waits until the element with this data-testid is on screen and no spinner or skeleton is left (lazy page
 * loaded, lists fetched). Checked every animation frame: Playwright's own polling backs off to 500 ms steps.
 */
export async function contentReady(page: Page, testId: string, timeout = 15_000) {
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return (
        el !== null &&
        el.getBoundingClientRect().height > 0 &&
        !document.querySelector('.ant-spin-spinning, .ant-skeleton')
      );
    },
    testId,
    { polling: 'raf', timeout },
  );
}

/**
 * An API session outside the browser (cookie kept by hand): for the set-up a test does not drive through the UI
 * (finding seed data, moving the fake clock, running the sweep). Throws with the server's answer on any non-2xx.
 */
export async function apiSession(baseUrl: string, username: string, password = 'huiyin-demo') {
  // Node's fetch sends no Origin, and cookie writes must come from the console's own pages
  // (src/server/http/same-origin.ts): this session speaks as a page of baseUrl, like the browser next to it.
  const origin = new URL(baseUrl).origin;
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async <T = unknown>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> => {
    const res = await fetch(`${baseUrl}${pathAndQuery}`, {
      method,
      headers: {
        Cookie: cookie,
        Origin: origin,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${pathAndQuery} as ${username}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T = unknown>(pathAndQuery: string) => call<T>('GET', pathAndQuery),
    post: <T = unknown>(pathAndQuery: string, body: unknown = {}, headers?: Record<string, string>) =>
      call<T>('POST', pathAndQuery, body, headers),
  };
}

/**
 * Picks an option whose label contains `text` (for options whose full label carries data the test does not fix,
 * e.g. a job number), searching first when the select searches the server.
 */
export async function chooseOptionContaining(page: Page, testId: string, text: string, search?: string) {
  const select = page.getByTestId(testId);
  await pickOption(
    page,
    select,
    page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: text })
      .first(),
    select.filter({ hasText: text }),
    search,
  );
}

/** Picks a node of an antd TreeSelect by its title (searched first, so a collapsed child is found too). */
export async function chooseTreeOption(page: Page, testId: string, title: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(title);
  await page
    .locator(
      `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper[title=${JSON.stringify(title)}]`,
    )
    .click();
}
