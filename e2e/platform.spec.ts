/**
 * The platform in a real browser, against the production build on the real server: log in as admin, create a
 * community with a building, a unit and rooms, import a small .xlsx, find an imported room in the table, switch
 * the language; at a 360 px viewport no page scrolls sideways; a technician's menu follows their permissions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseOption,
  contentReady,
  horizontalOverflow,
  launchBrowser,
  login,
  newPage,
  startServer,
  type E2eServer,
} from './harness';

const COMMUNITY = 'E2E测试花园';
const OFFICE = '翠湖管理处';

let server: E2eServer;
let browser: Browser;
/** the admin's desktop session, shared by the tests that build on each other */
let admin: { context: BrowserContext; page: Page };
/** the page a failing test is looking at, for the screenshot in /tmp */
let current: Page | undefined;
let communityUrl = '';
let tmpDir = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = await newPage(browser, server.baseUrl);
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-e2e-files-'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
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

/** The import layout of REGISTER-3 (the template's header), one resident per row. */
async function writeImportFile(rows: (string | number)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('房屋住户');
  sheet.addRow(['小区', '楼栋', '单元', '房号', '面积', '状态', '住户姓名', '电话', '关系']);
  for (const r of rows) sheet.addRow(r);
  const file = path.join(tmpDir, '小区导入.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('the web console in Chromium on the production build', () => {
  it('REGISTER-1: admin logs in and creates a community with a building, a unit and rooms', async () => {
    const { page } = admin;
    current = page;
    await login(page, 'admin');
    await page.getByTestId('side-menu').waitFor();

    await page.getByTestId('nav-communities').click();
    await page.waitForURL('**/property/communities');
    await page.getByTestId('community-create').click();
    const communityForm = page.getByTestId('community-form');
    await communityForm.getByTestId('community-name').fill(COMMUNITY);
    await chooseOption(page, 'community-office', OFFICE);
    await communityForm.getByTestId('form-submit').click();
    await communityForm.waitFor({ state: 'detached' });

    await page.getByTestId('communities-search').locator('input').fill(COMMUNITY);
    await page.getByTestId('communities-search').locator('input').press('Enter');
    const link = page.getByTestId('communities-table').getByRole('link', { name: COMMUNITY, exact: true });
    await link.click();
    await page.waitForURL('**/property/communities/*');
    communityUrl = new URL(page.url()).pathname;

    // a building, then a unit under it (chosen in the tree), then two rooms
    await page.getByTestId('building-create').click();
    await page.getByTestId('building-name').fill('1号楼');
    await page.getByTestId('building-form').getByTestId('form-submit').click();
    await page.getByTestId('building-form').waitFor({ state: 'detached' });
    await page.getByTestId('building-tree').getByText('1号楼').click();
    await page.getByTestId('unit-create').click();
    await page.getByTestId('unit-name').fill('1单元');
    await page.getByTestId('unit-form').getByTestId('form-submit').click();
    await page.getByTestId('unit-form').waitFor({ state: 'detached' });

    for (const number of ['0101', '0102']) {
      await page.getByTestId('room-create').click();
      const form = page.getByTestId('room-form');
      await form.waitFor();
      // the building chosen in the tree is already filled in; the unit is picked from its units
      await eventually(() => form.getByTestId('room-building').textContent()).toContain('1号楼');
      await chooseOption(page, 'room-unit', '1单元');
      await form.getByTestId('room-number').fill(number);
      await form.getByTestId('form-submit').click();
      await form.waitFor({ state: 'detached' });
    }

    const rooms = page.getByTestId('rooms-table');
    await rooms.getByRole('link', { name: '1号楼 1单元 0102' }).waitFor();
    await rooms.getByRole('link', { name: '1号楼 1单元 0101' }).waitFor();
    await eventually(() => page.getByTestId('list-total').textContent()).toBe('共 2 条');
  });

  it('REGISTER-3: a small .xlsx is checked, imported, and its rooms are found in the rooms table', async () => {
    const { page } = admin;
    current = page;
    expect(communityUrl, 'the community of the previous test').not.toBe('');
    const file = await writeImportFile([
      [COMMUNITY, '2号楼', '1单元', '0201', 89.5, '已入住', '欧阳测试', '13800138000', '业主'],
      [COMMUNITY, '2号楼', '1单元', '0201', '', '', '欧阳小测', '13800138001', '家属'],
      [COMMUNITY, '2号楼', '1单元', '0202', 126.3, '空置', '', '', ''],
      // an existing room (created above): updated, not duplicated
      [COMMUNITY, '1号楼', '1单元', '0101', 66, '已入住', '司马测试', '13800138002', '租户'],
    ]);

    await page.getByTestId('nav-import').click();
    await page.waitForURL('**/property/import');
    await page.getByTestId('import-steps').waitFor();
    await page.getByTestId('import-file-input').setInputFiles(file);

    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await page.getByTestId('import-ok').waitFor();
    const stats = async (testId: string) =>
      page
        .getByTestId(testId)
        .locator('.ant-statistic')
        .evaluateAll((els) =>
          els.map((e) => [
            e.querySelector('.ant-statistic-title')?.textContent ?? '',
            e.querySelector('.ant-statistic-content')?.textContent ?? '',
          ]),
        );
    expect(Object.fromEntries(await stats('import-summary'))).toMatchObject({
      数据行: '4',
      新增房屋: '2',
      已有房屋: '1',
      新增住户: '3',
    });
    await page.getByTestId('import-updates').getByText('1号楼').first().waitFor();

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    expect(Object.fromEntries(await stats('import-result-summary'))).toMatchObject({
      数据行: '4',
      新增房屋: '2',
      新增住户: '3',
    });

    await page.goto(communityUrl);
    const search = page.getByTestId('rooms-search').locator('input');
    await search.fill('0202');
    await search.press('Enter');
    const rooms = page.getByTestId('rooms-table');
    await rooms.getByRole('link', { name: '2号楼 1单元 0202' }).waitFor();
    await eventually(() => page.getByTestId('list-total').textContent()).toBe('共 1 条');
    await eventually(() => rooms.locator('tbody tr.ant-table-row').count()).toBe(1);
    // the tree now has the imported building too
    await page.getByTestId('building-tree').getByText('2号楼').waitFor();
  });

  it('UI-4: the language switch turns the console from Chinese to English and is remembered', async () => {
    const { page } = admin;
    current = page;
    await page.goto('/property/communities');
    const navLabel = page.getByTestId('nav-communities');
    await eventually(() => navLabel.textContent()).toBe('小区');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.getByTestId('lang-switch').click();
    await eventually(() => navLabel.textContent()).toBe('Communities');
    await expect
      .poll(() => page.getByRole('heading', { level: 4 }).first().textContent())
      .toBe('Communities');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');

    await page.reload();
    await eventually(() => navLabel.textContent()).toBe('Communities');
    await eventually(() => page.getByTestId('lang-switch').textContent()).toContain('中文');

    await page.getByTestId('lang-switch').click();
    await eventually(() => navLabel.textContent()).toBe('小区');
  });

  it('UI-6: at 360 px no page of the admin menu scrolls sideways', async () => {
    expect(communityUrl, 'the community of the first test').not.toBe('');
    const { context, page } = await newPage(browser, server.baseUrl, { width: 360, height: 740 });
    current = page;
    try {
      await login(page, 'admin');
      await page.getByTestId('home-greeting').waitFor();

      // the phone menu is a drawer; it lists exactly the pages visited below
      await page.getByTestId('nav-toggle').click();
      const drawer = page.getByTestId('nav-drawer');
      await drawer.getByTestId('nav-home').waitFor();
      await drawer.getByText('系统设置').click();
      await drawer.getByTestId('nav-tokens').waitFor();
      await drawer.getByText('报表', { exact: true }).click();
      await drawer.getByTestId('nav-reports-monthly').waitFor();
      const menuIds = await drawer
        .locator('[data-testid^="nav-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      expect(menuIds.sort()).toEqual(
        [
          'nav-home',
          'nav-company',
          'nav-offices',
          'nav-departments',
          'nav-partner-units',
          'nav-users',
          'nav-communities',
          'nav-residents',
          'nav-bindings',
          'nav-import',
          'nav-tokens',
          'nav-report-policy',
          'nav-clock-policy',
          'nav-calendar',
          'nav-categories',
          'nav-fee-items',
          'nav-messages',
          'nav-outbox',
          // the case desk: its pages are covered at 360 px by e2e/cases.spec.ts
          'nav-case-new',
          'nav-cases-mine',
          'nav-cases-department',
          'nav-cases-all',
          'nav-cases-overdue',
          'nav-callbacks',
          // reports
          'nav-dashboard',
          'nav-reports-monthly',
          'nav-reports-quarterly',
          'nav-reports-accountability',
          'nav-reports-problems',
          'nav-first-ask-register',
        ].sort(),
      );
      // navigating through the drawer closes it
      await drawer.getByTestId('nav-residents').click();
      await page.waitForURL('**/property/residents');
      await drawer.waitFor({ state: 'hidden' });

      await page.goto(communityUrl);
      const roomLink = page.getByTestId('rooms-table').getByTestId('room-link').first();
      const roomUrl = await roomLink.getAttribute('href');
      expect(roomUrl).toMatch(/^\/property\/rooms\/[0-9a-f-]{36}$/);

      const pages: [string, string][] = [
        ['/', 'home-greeting'],
        ['/org/company', 'company-form'],
        ['/org/offices', 'offices-table'],
        ['/org/departments', 'departments-table'],
        ['/org/partner-units', 'partner-units-table'],
        ['/org/users', 'users-table'],
        ['/settings/tokens', 'tokens-table'],
        ['/settings/fee-items', 'fee-items-table'],
        ['/settings/report-policy', 'report-policy-page'],
        ['/property/communities', 'communities-table'],
        [communityUrl, 'rooms-table'],
        [roomUrl!, 'room-detail'],
        ['/property/residents', 'residents-table'],
        ['/property/import', 'import-steps'],
        ['/account/password', 'password-form'],
      ];
      const overflow: Record<string, number> = {};
      for (const [url, content] of pages) {
        await page.goto(url);
        await contentReady(page, content);
        const px = await horizontalOverflow(page);
        if (px > 0) overflow[url] = px;
      }
      // a failure names each page that scrolls sideways and by how many pixels
      expect(overflow).toEqual({});

      // the measure itself: one element wider than the phone does make the page scroll sideways
      await page.evaluate(() => {
        const wide = document.createElement('div');
        wide.style.cssText = 'width: 400px; height: 1px';
        document.querySelector('[data-testid="password-form"]')!.append(wide);
      });
      expect(await horizontalOverflow(page)).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('UI-11: a technician’s menu has no tokens, bulk import or settings (the menu follows permissions)', async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    current = page;
    try {
      await login(page, 'technician');
      const menu = page.getByTestId('side-menu');
      // the technician's menu opens on the case desk: the registers are a click away
      await menu.getByText('组织架构', { exact: true }).click();
      await menu.getByText('物业资料', { exact: true }).click();
      await menu.getByTestId('nav-offices').waitFor();
      await menu.getByTestId('nav-communities').waitFor();
      await menu.getByTestId('nav-residents').waitFor();
      // technicians read the staff list (to pick a colleague as handler) but manage nothing
      expect(await menu.getByTestId('nav-import').count()).toBe(0);
      expect(await menu.getByTestId('nav-tokens').count()).toBe(0);
      const text = (await menu.textContent()) ?? '';
      for (const word of ['令牌', '批量导入', '系统设置']) expect(text).not.toContain(word);

      // the same menu for the admin (already signed in above) does show them
      const adminMenu = admin.page.getByTestId('side-menu');
      await admin.page.goto('/');
      await adminMenu.getByText('系统设置').click();
      for (const id of ['nav-import', 'nav-tokens']) await adminMenu.getByTestId(id).waitFor();

      // typing the address of a page outside the menu shows 403, not the page
      await page.goto('/property/import');
      await page.getByText('没有权限', { exact: true }).waitFor();
      expect(await page.getByTestId('import-steps').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
