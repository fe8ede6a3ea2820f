/**
 * REPORT-1 in a real browser, against the production build on the real server: the director of 翠湖管理处 opens
 * last month's summary (a draft), is refused when the public wording names a room, saves clean wording, approves
 * and publishes it, and downloads both .xlsx exports. The public file carries neither the phone number nor the
 * resident's name planted in a case description; the internal one lists the cases.
 *
 * The minimal seed has no cases: before the browser starts, the fake clock is set into last month and an agent
 * records three cases there (one with the planted personal data, left open so it reaches the 未解决 part of the
 * public text; one resolved on the spot and called back 满意; one plain inquiry), then the clock goes back to now.
 */
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  chooseOption,
  contentReady,
  launchBrowser,
  login,
  newPage,
  startServer,
  type E2eServer,
} from './harness';

const OFFICE = '翠湖管理处';
const TIME_ZONE = 'Asia/Shanghai';
/** a mobile number no seed resident has: planted in a case description, must never reach the public version */
const PLANTED_PHONE = '13987650432';
const CLEAN_INTRO =
  '本月管理处共受理业主来电来访，各项诉求均已按时登记并跟进处理，感谢广大业主的理解与支持。';
const ROOM_INTRO = '3号楼2单元501的业主反映楼道灯不亮，已安排维修。';

interface CaseRow {
  id: string;
  number: string;
  state: string;
  version: number;
}
interface SummaryRow {
  id: string;
  status: string;
  version: number;
  publicTextEdited: boolean;
  figures: { received: number; counted: number };
  publicVersion: { text: Record<string, string> };
}

let server: E2eServer;
let browser: Browser;
let director: { context: BrowserContext; page: Page };
/** the page a failing test is looking at, for the screenshot in /tmp */
let current: Page | undefined;

/** last month in the company's calendar (Asia/Shanghai), and an instant in its middle */
const lastMonth = (() => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number);
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const mm = String(month).padStart(2, '0');
  return { year, month, mm, midMonth: new Date(`${year}-${mm}-15T10:00:00+08:00`) };
})();

/** the resident whose name goes into a case description, and their room */
let resident: { name: string; roomId: string };
let planted: { id: string; number: string };
let officeId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);

  const agent0 = await apiSession(server.baseUrl, 'agent');
  const rooms = await agent0.get<{ items: { id: string; residentCount: number }[] }>('/api/rooms?limit=50');
  const room = rooms.items.find((r) => r.residentCount > 0);
  if (!room) throw new Error(`the minimal seed has no occupied room in ${OFFICE}`);
  const detail = await agent0.get<{ residents: { name: string }[] }>(`/api/rooms/${room.id}`);
  const name = detail.residents.map((r) => r.name).find((n) => n.length >= 2 && !n.includes('*'));
  if (!name) throw new Error(`room ${room.id} has no resident with a readable name`);
  resident = { name, roomId: room.id };

  // into last month: every session is signed in anew after the clock jumps (2 h idle ends a session)
  await (
    await apiSession(server.baseUrl, 'admin')
  ).post('/api/test/clock', {
    now: lastMonth.midMonth.toISOString(),
  });
  const agent = await apiSession(server.baseUrl, 'agent');
  const receivedAt = new Date(lastMonth.midMonth.getTime() - 3600_000).toISOString();
  const create = (body: Record<string, unknown>, key: string) =>
    agent.post<CaseRow>(
      '/api/cases',
      { channel: 'phone', roomId: resident.roomId, receivedAt, ...body },
      { 'Idempotency-Key': `e2e-reports-${key}-${Date.now()}` },
    );
  const c1 = await create(
    {
      kind: 'complaint',
      reporter: { name: resident.name, phone: PLANTED_PHONE },
      description: `${resident.name}来电（${PLANTED_PHONE}）反映楼上夜间装修噪音，影响老人休息，要求物业尽快制止。`,
    },
    'noise',
  );
  planted = { id: c1.id, number: c1.number };
  const c2 = await create(
    {
      kind: 'repair',
      description: '厨房水龙头滴水，请派人看看。',
      resolvedOnTheSpot: { result: '电话指导业主拧紧水龙头阀芯，已不再滴水。' },
    },
    'tap',
  );
  expect(c2.state).toBe('resolved');
  await create({ kind: 'inquiry', description: '咨询本季度物业费的缴纳方式和截止日期。' }, 'fee');
  // the on-the-spot repair is called back 满意 (its closure counts in the month's figures)
  const supervisor = await apiSession(server.baseUrl, 'supervisor');
  await supervisor.post(`/api/cases/${c2.id}/actions/callback`, {
    version: c2.version,
    method: 'phone',
    reached: true,
    satisfaction: 'satisfied',
  });

  // back to now
  await (
    await apiSession(server.baseUrl, 'admin')
  ).post('/api/test/clock', { now: new Date().toISOString() });
  const offices = await (
    await apiSession(server.baseUrl, 'director')
  ).get<{
    items: { id: string; name: string }[];
  }>('/api/offices?limit=50');
  officeId = offices.items.find((o) => o.name === OFFICE)!.id;
  director = await newPage(browser, server.baseUrl);
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

const statusOf = (page: Page) => page.getByTestId('summary-status').getAttribute('data-status');

/** Last month's summary of 翠湖管理处 as the server has it. */
async function stored(): Promise<SummaryRow> {
  return (await apiSession(server.baseUrl, 'director')).get<SummaryRow>(
    `/api/reports/monthly?officeId=${officeId}&year=${lastMonth.year}&month=${lastMonth.month}`,
  );
}

/** Confirms the open Popconfirm (antd spaces two-character labels: 确 定). */
async function confirmPopup(page: Page) {
  await page
    .locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary')
    .click();
}

/** Clicks an export button and reads the downloaded .xlsx: every sheet's name and every cell's text. */
async function downloadXlsx(page: Page, testId: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = wb.worksheets.map((s) => s.name);
  const cells: string[] = [];
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(cell.text);
      }),
    ),
  );
  return { name: download.suggestedFilename(), sheets, cells };
}

describe('REPORT-1: the monthly summary in Chromium on the production build', () => {
  it('REPORT-3: the director opens last month of 翠湖管理处 as a draft; a room number in the public text is refused', async () => {
    const { page } = director;
    current = page;
    await login(page, 'director');
    await page.goto('/reports/monthly');
    await contentReady(page, 'summary-page');

    await chooseOption(page, 'summary-office', OFFICE);
    await page.getByTestId('summary-month').click();
    await page
      .locator(
        `.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) td[title="${lastMonth.year}-${lastMonth.mm}"]`,
      )
      .click();
    await eventually(() => statusOf(page)).toBe('draft');
    await contentReady(page, 'summary-figure-received');
    // the three cases recorded last month, counted
    await eventually(() => page.getByTestId('summary-figure-received').locator('button').textContent()).toBe(
      '3',
    );

    await page.getByRole('tab', { name: '公示版' }).click();
    const intro = page.getByTestId('summary-public-text-intro');
    await intro.waitFor();
    // the drafted wording names neither the resident nor the phone of the planted case
    for (const field of ['intro', 'notable', 'unresolved', 'closing']) {
      const text = await page.getByTestId(`summary-public-text-${field}`).inputValue();
      expect(text, field).not.toContain(PLANTED_PHONE);
      expect(text, field).not.toContain(resident.name);
    }
    // …though the planted case is there: open at month end, it is drafted into 未解决 with its data replaced
    const unresolved = await page.getByTestId('summary-public-text-unresolved').inputValue();
    expect(unresolved).toContain('装修噪音');
    expect(unresolved).toMatch(/某业主|某电话/);

    await intro.fill(ROOM_INTRO);
    await page.getByTestId('summary-save-public').click();
    const introItem = page.locator('.ant-form-item').filter({ has: intro });
    await eventually(() => introItem.locator('.ant-form-item-explain-error').textContent()).toContain('房号');
    const s = await stored();
    expect(s.status).toBe('draft');
    expect(s.publicTextEdited).toBe(false);
    expect(s.publicVersion.text.intro).not.toContain('501');
  });

  it('REPORT-3: the director saves clean wording, approves and publishes; the public .xlsx has no personal data', async () => {
    const { page } = director;
    current = page;
    const intro = page.getByTestId('summary-public-text-intro');
    await intro.fill(CLEAN_INTRO);
    await page.getByTestId('summary-save-public').click();
    await eventually(async () => (await stored()).publicTextEdited).toBe(true);
    expect((await stored()).publicVersion.text.intro).toBe(CLEAN_INTRO);
    // the form comes back with the stored wording and no error (the earlier refusal's message leaves with antd's
    // motion, so it is awaited, not read at one instant)
    await eventually(() => page.getByTestId('summary-public-text-intro').inputValue()).toBe(CLEAN_INTRO);
    await eventually(() => page.locator('.ant-form-item-explain-error').count()).toBe(0);

    await page.getByTestId('summary-approve').click();
    await confirmPopup(page);
    await eventually(() => statusOf(page)).toBe('approved');
    await page.getByTestId('summary-publish').click();
    await confirmPopup(page);
    await eventually(() => statusOf(page)).toBe('published');
    expect(await page.getByTestId('summary-approve').count()).toBe(0);
    expect(await page.getByTestId('summary-publish').count()).toBe(0);
    const s = await stored();
    expect(s).toMatchObject({ status: 'published', publicTextEdited: true });
    expect(s.publicVersion.text.intro).toBe(CLEAN_INTRO);

    const pub = await downloadXlsx(page, 'summary-export-public');
    expect(pub.name).toMatch(/\.xlsx$/);
    expect(pub.sheets).toContain('汇总');
    expect(pub.sheets).toContain('公示内容');
    expect(pub.sheets).not.toContain('明细');
    const pubText = pub.cells.join('\n');
    expect(pubText).toContain(CLEAN_INTRO);
    expect(pubText).toContain('装修噪音');
    expect(pubText).not.toContain(PLANTED_PHONE);
    expect(pubText).not.toContain(resident.name);
    expect(pubText).not.toContain(planted.number);

    const internal = await downloadXlsx(page, 'summary-export-internal');
    expect(internal.name).toMatch(/\.xlsx$/);
    expect(internal.sheets).toEqual(expect.arrayContaining(['汇总', '分类统计', '明细', '重点事项']));
    // the internal version lists the month's cases by number
    expect(internal.cells).toContain(planted.number);
  });
});
