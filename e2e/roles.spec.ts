/**
 * Each role in a real browser, against the production build on the real server (minimal seed): every demo login
 * lands on the page of its work at a desk (1440×900) and on a phone (390×844), and at 1440×900 its menu opens the
 * groups it uses and shows every item whole, covered by nothing (UI-11). A case's clock warning reaches the bell of
 * the agent who recorded it, reads with the case's number and the clock's name, and opens the case (UI-13).
 */
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  contentReady,
  horizontalOverflow,
  launchBrowser,
  login,
  newPage,
  startServer,
  type E2eServer,
} from './harness';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Each demo login: where it lands, what shows there, and the menu groups open at first. */
const ROLES: { username: string; path: string; content: string; groups: string[] }[] = [
  { username: 'technician', path: '/m/tasks', content: 'tech-tasks', groups: ['工单'] },
  { username: 'agent', path: '/cases/new', content: 'intake-form', groups: ['工单'] },
  { username: 'supervisor', path: '/cases/callbacks', content: 'callbacks-table', groups: ['工单'] },
  { username: 'director', path: '/dashboard', content: 'dashboard', groups: ['工单', '报表'] },
  { username: 'manager', path: '/dashboard', content: 'dashboard', groups: ['工单', '报表'] },
  { username: 'auditor', path: '/reports/monthly', content: 'summary-page', groups: ['报表'] },
  { username: 'admin', path: '/', content: 'home-greeting', groups: ['工单', '组织架构', '物业资料'] },
];

let server: E2eServer;
let browser: Browser;
/** the page a failing test is looking at, for the screenshot in /tmp */
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

/** Retries a read until the assertion holds. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

/** The side menu's open groups, by their titles, once no group is still opening. */
async function openGroups(page: Page): Promise<string[]> {
  await page.waitForFunction(() => !document.querySelector('[data-testid="side-menu"] [class*="motion"]'));
  return page
    .getByTestId('side-menu')
    .locator('.ant-menu-submenu-open > .ant-menu-submenu-title')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
}

/**
 * Every menu item shown, scrolled into the sider's view as a user would: wholly inside the sider's scroll area and
 * the window, and the element at its centre is the item itself (nothing — the collapse trigger, the header —
 * covers it). Returns what is wrong, one line an item.
 */
async function menuProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="side-menu-scroll"]');
    if (!scroller) return ['no scrolling menu area'];
    const items = [
      ...document.querySelectorAll(
        '[data-testid="side-menu"] .ant-menu-item, [data-testid="side-menu"] .ant-menu-submenu-title',
      ),
    ].filter((el) => el.getBoundingClientRect().height > 0);
    const problems: string[] = [];
    if (items.length === 0) problems.push('no menu item shown');
    for (const el of items) {
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect();
      const s = scroller.getBoundingClientRect();
      const name = (el.textContent ?? '').trim();
      if (r.top < s.top - 1 || r.bottom > s.bottom + 1 || r.bottom > window.innerHeight + 1)
        problems.push(`${name}: clipped (${Math.round(r.top)}–${Math.round(r.bottom)} px)`);
      if (r.left < s.left - 1 || r.right > s.right + 1) problems.push(`${name}: cut at the side`);
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !el.contains(hit))
        problems.push(`${name}: covered by ${hit?.closest('[class]')?.getAttribute('class') ?? 'nothing'}`);
    }
    return problems;
  });
}

describe('UI-11 each role lands where its work is', () => {
  it.each(ROLES)(
    '$username lands on $path at 1440×900 with its groups open and every menu item whole',
    async ({ username, path: landing, content, groups }) => {
      const { context, page } = await newPage(browser, server.baseUrl, DESK);
      current = page;
      try {
        await login(page, username);
        await page.waitForURL((url) => url.pathname === landing);
        await contentReady(page, content);
        expect(await openGroups(page)).toEqual(groups);
        expect(await menuProblems(page)).toEqual([]);
        // home stays one click away
        await page.getByTestId('side-menu').getByTestId('nav-home').click();
        await page.waitForURL((url) => url.pathname === '/');
        await page.getByTestId('home-greeting').waitFor();
      } finally {
        await context.close();
      }
    },
  );

  it.each(ROLES)('$username lands on $path at 390×844, no page scrolls sideways', async (r) => {
    const { context, page } = await newPage(browser, server.baseUrl, PHONE);
    current = page;
    try {
      await login(page, r.username);
      await page.waitForURL((url) => url.pathname === r.path);
      await contentReady(page, r.content);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // the menu is a drawer on a phone: it opens with the same groups
      await page.getByTestId('nav-toggle').click();
      await page.getByTestId('nav-drawer').getByTestId('nav-home').waitFor();
    } finally {
      await context.close();
    }
  });

  it('a sign-in on the way to a page goes to that page, not to the landing', async () => {
    const { context, page } = await newPage(browser, server.baseUrl, DESK);
    current = page;
    try {
      await page.goto('/cases/mine');
      await page.waitForURL('**/login?next=*');
      await page.getByTestId('login-username').fill('technician');
      await page.getByTestId('login-password').fill('huiyin-demo');
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => url.pathname === '/cases/mine');
    } finally {
      await context.close();
    }
  });
});

describe('UI-13 a bell entry reads as itself and opens its subject', () => {
  it.each([DESK, PHONE])('a clock warning opens its case (%j)', async (viewport) => {
    // a complaint left unrouted: its 60-minute route clock passes 80 % after 48 minutes
    const agentApi = await apiSession(server.baseUrl, 'agent');
    const { items } = await agentApi.get<{
      items: { phones: string[]; rooms: { roomId: string }[] }[];
    }>('/api/residents?limit=20');
    const r = items.find((x) => x.phones.length > 0 && x.rooms.length > 0)!;
    const created = await agentApi.post<{ id: string; number: string }>(
      '/api/cases',
      {
        channel: 'phone',
        kind: 'complaint',
        roomId: r.rooms[0].roomId,
        reporter: { phone: r.phones[0] },
        description: '楼道声控灯坏了一个多星期，晚上回家看不见台阶。',
      },
      { 'Idempotency-Key': `e2e-roles-bell-${viewport.width}-${Date.now()}` },
    );
    const admin = await apiSession(server.baseUrl, 'admin');
    await admin.post('/api/test/clock', { advanceMs: 50 * 60_000 });
    const swept = await (
      await apiSession(server.baseUrl, 'admin')
    ).post<{ warned: number }>('/api/admin/sweep');
    expect(swept.warned).toBeGreaterThanOrEqual(1);

    const { context, page } = await newPage(browser, server.baseUrl, viewport);
    current = page;
    try {
      await login(page, 'agent');
      await page.getByTestId('bell').click();
      const notice = page.getByTestId('bell-item').filter({ hasText: created.number });
      // the number and the clock's name, never an empty “—”
      await eventually(() => notice.first().textContent()).toContain(`工单 ${created.number} 的“`);
      const text = (await notice.first().textContent()) ?? '';
      expect(text).toContain('时限已过八成');
      expect(text).not.toContain('“—”');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await notice.first().click();
      await page.waitForURL(`**/cases/${created.id}`);
      await contentReady(page, 'case-detail');
    } finally {
      await context.close();
    }
  });
});
