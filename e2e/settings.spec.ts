/**
 * Company settings in a real browser, against the production build on the real server: the admin opens 分类设置
 * from the menu, adds a subcategory under 设施报修 (CLASS-3) and finds it offered at intake; then adds a company
 * entry to the working calendar (a make-up working day with a note, CLOCK-2) and sees it listed, as the server
 * stored it.
 */
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  contentReady,
  launchBrowser,
  login,
  newPage,
  startServer,
  type E2eServer,
} from './harness';

/** a name no default category has */
const NEW_CATEGORY = '单元门禁';

let server: E2eServer;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
/** the page a failing test is looking at, for the screenshot in /tmp */
let current: Page | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = await newPage(browser, server.baseUrl);
  await login(admin.page, 'admin');
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

/** Retries a read until the assertion holds: the UI refetches after every write. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

describe('company settings', () => {
  it('CLASS-3: the admin adds a subcategory in 分类设置 and intake offers it', async () => {
    const { page } = admin;
    current = page;
    await page.goto('/');
    await page.getByTestId('side-menu').getByText('系统设置', { exact: true }).click();
    await page.getByTestId('nav-categories').click();
    await page.waitForURL('**/settings/categories');
    await contentReady(page, 'categories-table');

    const parent = page.getByTestId('category-row-设施报修').locator('xpath=ancestor::tr[1]');
    await parent.getByTestId('category-add-child').click();
    const form = page.getByTestId('category-form');
    await form.getByTestId('category-name').fill(NEW_CATEGORY);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId(`category-row-${NEW_CATEGORY}`).waitFor();

    // stored under 设施报修, active
    const api = await apiSession(server.baseUrl, 'admin');
    const { items } = await api.get<{
      items: { id: string; name: string; parentId: string | null; active: boolean }[];
    }>('/api/categories');
    const added = items.find((c) => c.name === NEW_CATEGORY);
    const facility = items.find((c) => c.name === '设施报修');
    expect(added).toMatchObject({ parentId: facility?.id, active: true });

    // intake offers it (the admin may take a case too)
    await page.goto('/cases/new');
    await page.getByTestId('intake-category').waitFor();
    await page.getByTestId('intake-category').click();
    await page.keyboard.type(NEW_CATEGORY);
    await page
      .locator(
        `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper[title=${JSON.stringify(NEW_CATEGORY)}]`,
      )
      .waitFor();
  });

  it('CLOCK-2: the admin adds a company calendar entry and sees it listed', async () => {
    const { page } = admin;
    current = page;
    await page.goto('/settings/calendar');
    await contentReady(page, 'calendar-company');
    // the page opens on this year of the browser's clock (the server's fake clock moves the API's only)
    const year = Number(await page.getByTestId('calendar-year').textContent());
    expect(year).toBeGreaterThan(2000);
    const date = `${year}-06-13`;

    await page.getByTestId('calendar-entry-add').click();
    const form = page.getByTestId('calendar-entry-form');
    await form.getByTestId('calendar-entry-kind').getByText('调休上班', { exact: true }).click();
    await form.getByTestId('calendar-entry-name').fill('端午补班');
    // the date typed last: Enter takes it and submits the form, as a keyboard user would
    await form.getByTestId('calendar-entry-date').click();
    await form.getByTestId('calendar-entry-date').fill(date);
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'hidden' });

    const company = page.getByTestId('calendar-company');
    const row = company.locator('tr', { hasText: date });
    await row.waitFor();
    await eventually(() => row.textContent()).toContain('端午补班');
    expect(await row.textContent()).toContain('调休上班');

    const api = await apiSession(server.baseUrl, 'admin');
    const stored = await api.get<{ days: { date: string; kind: string; name: string | null }[] }>(
      `/api/calendar/overrides?year=${year}`,
    );
    expect(stored.days).toContainEqual({ date, kind: 'workday', name: '端午补班' });
  });
});
