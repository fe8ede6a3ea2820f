/**
 * Exports of the monthly summary (REPORT-1): an .xlsx (exceljs; sheet names in Chinese: 汇总, 分类统计, 明细,
 * 重点事项 — or 公示内容 for the public version) and a print-ready A4 page, rendered on the server so the paper
 * posted in the service area is exactly what was approved. Both take the API's own view (MonthlySummary), so they
 * can never show what the API would not; the public version uses only `publicVersion`.
 */
import ExcelJS from 'exceljs';
import { formatRate } from '../../domain/metrics/rates';
import { translate, type Locale } from '../../contracts/messages';
import type { CountBucket, Figure, MonthlySummary, SummaryCase } from '../../contracts/reports';
import type { DetailRow } from './summary.repository';

export const SHEETS = {
  summary: '汇总',
  breakdown: '分类统计',
  detail: '明细',
  cases: '重点事项',
  publicText: '公示内容',
} as const;

type Version = 'internal' | 'public';

/** "2026-10-05 09:00" on the company's local clock. */
export function localTime(at: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(at));
}

const localDate = (at: string, timeZone: string) => localTime(at, timeZone).slice(0, 10);

function labels(locale: Locale) {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const target = (f: Figure) =>
    f.target ? `${f.target.op === '>=' ? '≥' : '≤'} ${formatRate({ value: f.target.value }, 0)}` : '';
  const meets = (f: Figure) =>
    f.meetsTarget === null ? '' : t(f.meetsTarget ? 'report.label.met' : 'report.label.missed');
  return { t, target, meets };
}

function title(s: MonthlySummary, version: Version, locale: Locale) {
  return translate(locale, version === 'public' ? 'report.title.public' : 'report.title.internal', {
    title: s.title,
    period: translate(locale, 'report.period', { year: s.year, month: s.month }),
  });
}

/** The rate rows of a version: [label, figure]. */
function rateRows(s: MonthlySummary, version: Version, locale: Locale): [string, Figure][] {
  const { t } = labels(locale);
  const f = version === 'public' ? s.publicVersion.figures : s.figures;
  const rows: [string, Figure][] = [
    [t('report.label.callback_rate'), f.callbackRate],
    [t('report.label.satisfaction_rate'), f.satisfactionRate],
    [t('report.label.reopen_rate'), f.reopenRate],
    [t('report.label.complaint_rate'), f.effectiveComplaintRate],
    [t('report.label.on_time_all'), f.onTimeAll],
  ];
  // REPORT-8: internal only, and absent from summaries approved before it was counted
  if (version === 'internal' && s.figures.paidRepairCallbackRate)
    rows.splice(1, 0, [t('report.label.paid_repair_callback_rate'), s.figures.paidRepairCallbackRate]);
  if (version === 'internal')
    for (const c of s.figures.onTime)
      rows.push([t('report.label.on_time', { clock: t(`report.clock.${c.clock}`) }), c]);
  return rows;
}

/** The count rows of a version: [label, count]. */
function countRows(s: MonthlySummary, version: Version, locale: Locale): [string, number][] {
  const { t } = labels(locale);
  if (version === 'public') {
    const p = s.publicVersion.figures;
    return [
      [t('report.label.counted'), p.counted],
      [t('report.label.valid'), p.validComplaints],
      [t('report.label.invalid'), p.invalid],
    ];
  }
  const f = s.figures;
  return [
    [t('report.label.received'), f.received],
    [t('report.label.counted'), f.counted],
    [t('report.label.invalid'), f.invalid],
    [t('report.label.merged'), f.merged],
    [t('report.label.valid'), f.validComplaints],
    [t('report.label.occupied'), f.occupiedHouseholds],
  ];
}

function breakdowns(s: MonthlySummary, version: Version, locale: Locale): [string, CountBucket[]][] {
  const { t } = labels(locale);
  if (version === 'public')
    return [
      [t('report.label.by_kind'), s.publicVersion.byKind],
      [t('report.label.by_category'), s.publicVersion.byCategory],
      [t('report.label.by_community'), s.publicVersion.byCommunity],
    ];
  return [
    [t('report.label.by_kind'), s.figures.byKind],
    [t('report.label.by_category'), s.figures.byCategory],
    [t('report.label.by_channel'), s.figures.byChannel],
    [t('report.label.by_severity'), s.figures.bySeverity],
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// .xlsx

const BOLD = { bold: true } as const;
const PERCENT = '0.0%';

function header(sheet: ExcelJS.Worksheet, values: string[]) {
  const row = sheet.addRow(values);
  row.font = BOLD;
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
}

function rateCell(row: ExcelJS.Row, col: number, f: Figure) {
  const cell = row.getCell(col);
  if (f.value === null) cell.value = '—';
  else {
    cell.value = f.value;
    cell.numFmt = PERCENT;
  }
}

export async function buildSummaryXlsx(
  s: MonthlySummary,
  version: Version,
  locale: Locale,
  detail: DetailRow[] | null,
): Promise<Buffer> {
  const { t, target, meets } = labels(locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Huiyin 回音';
  const status = t(`report.status.${s.status}`);

  // 汇总
  const sum = wb.addWorksheet(SHEETS.summary);
  sum.columns = [
    { width: 28 },
    { width: 12 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
    { width: 90 },
  ];
  sum.addRow([title(s, version, locale)]).font = { bold: true, size: 14 };
  sum.addRow([t('report.label.period'), t('report.period', { year: s.year, month: s.month })]);
  sum.addRow([t('report.label.status'), status]);
  if (s.workflow.approvedAt)
    sum.addRow([t('report.label.approved_on'), localDate(s.workflow.approvedAt, s.timeZone)]);
  if (version === 'public') sum.addRow([t('report.label.min_group', { n: s.publicVersion.minGroupSize })]);
  else sum.addRow([t('report.label.computed_at'), localTime(s.computedAt, s.timeZone)]);
  sum.addRow([]);
  header(sum, [t('report.label.figure'), t('report.label.count')]);
  for (const [label, n] of countRows(s, version, locale)) sum.addRow([label, n]);
  sum.addRow([]);
  header(sum, [
    t('report.label.figure'),
    t('report.label.value'),
    t('report.label.numerator'),
    t('report.label.denominator'),
    t('report.label.target'),
    t('report.label.meets'),
    t('report.label.formula'),
  ]);
  for (const [label, f] of rateRows(s, version, locale)) {
    const row = sum.addRow([label, null, f.numerator, f.denominator, target(f), meets(f), t(f.formulaKey)]);
    rateCell(row, 2, f);
  }

  // 分类统计
  const br = wb.addWorksheet(SHEETS.breakdown);
  br.columns = [{ width: 24 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 14 }];
  for (const [heading, buckets] of breakdowns(s, version, locale)) {
    header(br, [heading, t('report.label.count')]);
    for (const b of buckets) br.addRow([b.label, b.count]);
    br.addRow([]);
  }
  if (version === 'internal') {
    header(br, [
      t('report.label.community'),
      t('report.label.received'),
      t('report.label.counted'),
      t('report.label.valid'),
      t('report.label.occupied'),
      t('report.label.complaint_rate'),
      t('report.label.callback_rate'),
      t('report.label.satisfaction_rate'),
      t('report.label.reopen_rate'),
      t('report.label.on_time_all'),
    ]);
    for (const c of s.communities) {
      const row = br.addRow([c.name, c.received, c.counted, c.validComplaints, c.occupiedHouseholds]);
      [c.effectiveComplaintRate, c.callbackRate, c.satisfactionRate, c.reopenRate, c.onTimeAll].forEach(
        (f, i) => rateCell(row, 6 + i, f),
      );
    }
  }

  if (version === 'internal') {
    // 明细: every case received in the month, without personal data
    const de = wb.addWorksheet(SHEETS.detail, { views: [{ state: 'frozen', ySplit: 1 }] });
    de.columns = [18, 18, 8, 16, 12, 10, 16, 12, 12, 12, 8, 8, 8].map((width) => ({ width }));
    header(de, [
      t('report.label.number'),
      t('report.label.received_at'),
      t('report.label.kind'),
      t('report.label.category'),
      t('report.label.channel'),
      t('report.label.severity'),
      t('report.label.community'),
      t('report.label.state'),
      t('report.label.closure'),
      t('report.label.satisfaction'),
      t('report.label.reopen_count'),
      t('report.label.invalid'),
      t('report.label.merged'),
    ]);
    const yes = t('report.label.yes');
    for (const d of detail ?? [])
      de.addRow([
        d.number,
        localTime(d.received_at, s.timeZone),
        t(`report.kind.${d.kind}`),
        d.category ?? '',
        t(`report.channel.${d.channel}`),
        t(`report.severity.${d.severity}`),
        d.community ?? '',
        t(`report.state.${d.state}`),
        d.closure ? t(`report.closure.${d.closure}`) : '',
        d.satisfaction ? t(`report.satisfaction.${d.satisfaction}`) : '',
        d.reopen_count,
        d.invalid ? yes : '',
        d.merged ? yes : '',
      ]);

    // 重点事项: notable and unresolved, with what was done or why not
    const ca = wb.addWorksheet(SHEETS.cases);
    ca.columns = [16, 18, 8, 8, 16, 16, 12, 60, 60].map((width) => ({ width }));
    header(ca, [
      t('report.label.reason'),
      t('report.label.number'),
      t('report.label.kind'),
      t('report.label.severity'),
      t('report.label.category'),
      t('report.label.community'),
      t('report.label.state'),
      t('report.label.summary'),
      t('report.label.action'),
    ]);
    for (const c of [...s.notable, ...s.unresolved])
      ca.addRow([
        t(`report.reason.${c.reason}`),
        c.number,
        t(`report.kind.${c.kind}`),
        t(`report.severity.${c.severity}`),
        c.category ?? '',
        c.community ?? '',
        t(`report.state.${c.state}`),
        c.summary,
        c.action ?? '',
      ]);
  } else {
    const pt = wb.addWorksheet(SHEETS.publicText);
    pt.columns = [{ width: 22 }, { width: 100 }];
    const text = s.publicVersion.text;
    for (const [key, value] of [
      ['report.label.section_intro', text.intro],
      ['report.label.section_notable', text.notable],
      ['report.label.section_unresolved', text.unresolved],
      ['report.label.section_closing', text.closing],
    ] as const) {
      const row = pt.addRow([t(key), value]);
      row.getCell(1).font = BOLD;
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// Print page (A4)

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');

const PRINT_CSS = `@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 10.5pt; line-height: 1.6; color: #000; background: #fff; }
main { max-width: 178mm; margin: 0 auto; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
p { margin: 0 0 2mm; text-indent: 2em; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #444; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; white-space: nowrap; }
.meta { text-align: center; margin-bottom: 4mm; }
.draft { border: 2px solid #000; padding: 2mm; text-align: center; font-weight: bold; margin-bottom: 4mm; }
.note { font-size: 9pt; color: #333; }
.sign { margin-top: 10mm; text-align: right; }
@media screen { body { background: #eee; } main { background: #fff; padding: 18mm 16mm; min-height: 297mm; width: 210mm; max-width: none; } }`;

export function renderPrintPage(s: MonthlySummary, version: Version, locale: Locale): string {
  const { t, target } = labels(locale);
  const heading = title(s, version, locale);
  const rates = rateRows(s, version, locale)
    .map(
      ([label, f]) =>
        `<tr><td>${escapeHtml(label)}</td><td class="n">${escapeHtml(formatRate(f))}</td><td class="n">${f.numerator} ÷ ${f.denominator}</td><td class="n">${escapeHtml(target(f))}</td><td class="note">${escapeHtml(t(f.formulaKey))}</td></tr>`,
    )
    .join('');
  const counts = countRows(s, version, locale)
    .map(([label, n]) => `<tr><td>${escapeHtml(label)}</td><td class="n">${n}</td></tr>`)
    .join('');
  const tables = breakdowns(s, version, locale)
    .map(
      ([h, buckets]) =>
        `<h2>${escapeHtml(h)}</h2><table><thead><tr><th>${escapeHtml(h)}</th><th>${escapeHtml(t('report.label.count'))}</th></tr></thead><tbody>${
          buckets.length
            ? buckets
                .map((b) => `<tr><td>${escapeHtml(b.label)}</td><td class="n">${b.count}</td></tr>`)
                .join('')
            : `<tr><td colspan="2">${escapeHtml(t('report.label.none'))}</td></tr>`
        }</tbody></table>`,
    )
    .join('');
  const caseList = (cases: SummaryCase[]) =>
    cases.length
      ? `<table><thead><tr><th>${escapeHtml(t('report.label.number'))}</th><th>${escapeHtml(t('report.label.reason'))}</th><th>${escapeHtml(t('report.label.summary'))}</th><th>${escapeHtml(t('report.label.action'))}</th></tr></thead><tbody>${cases
          .map(
            (c) =>
              `<tr><td>${escapeHtml(c.number)}</td><td>${escapeHtml(t(`report.reason.${c.reason}`))}</td><td>${escapeHtml(c.summary)}</td><td>${escapeHtml(c.action ?? '')}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : `<p>${escapeHtml(t('report.label.none'))}</p>`;
  const text = s.publicVersion.text;
  const body =
    version === 'public'
      ? `<h2>${escapeHtml(t('report.label.section_intro'))}</h2>${paragraphs(text.intro)}
<h2>${escapeHtml(t('report.label.section_figures'))}</h2><table><tbody>${counts}</tbody></table>
<table><thead><tr><th>${escapeHtml(t('report.label.figure'))}</th><th>${escapeHtml(t('report.label.value'))}</th><th>${escapeHtml(t('report.label.numerator'))} ÷ ${escapeHtml(t('report.label.denominator'))}</th><th>${escapeHtml(t('report.label.target'))}</th><th>${escapeHtml(t('report.label.formula'))}</th></tr></thead><tbody>${rates}</tbody></table>
${tables}
<p class="note">${escapeHtml(t('report.label.min_group', { n: s.publicVersion.minGroupSize }))}</p>
<h2>${escapeHtml(t('report.label.section_notable'))}</h2>${paragraphs(text.notable)}
<h2>${escapeHtml(t('report.label.section_unresolved'))}</h2>${paragraphs(text.unresolved)}
${paragraphs(text.closing)}`
      : `<h2>${escapeHtml(t('report.label.section_figures'))}</h2><table><tbody>${counts}</tbody></table>
<table><thead><tr><th>${escapeHtml(t('report.label.figure'))}</th><th>${escapeHtml(t('report.label.value'))}</th><th>${escapeHtml(t('report.label.numerator'))} ÷ ${escapeHtml(t('report.label.denominator'))}</th><th>${escapeHtml(t('report.label.target'))}</th><th>${escapeHtml(t('report.label.formula'))}</th></tr></thead><tbody>${rates}</tbody></table>
${tables}
<h2>${escapeHtml(t('report.label.section_notable'))}</h2>${caseList(s.notable)}
<h2>${escapeHtml(t('report.label.section_unresolved'))}</h2>${caseList(s.unresolved)}`;
  const approved = s.workflow.approvedAt
    ? `${escapeHtml(t('report.label.approved_on'))}：${escapeHtml(localDate(s.workflow.approvedAt, s.timeZone))}`
    : '';
  const published = s.workflow.publishedAt
    ? `&emsp;${escapeHtml(t('report.label.published_on'))}：${escapeHtml(localDate(s.workflow.publishedAt, s.timeZone))}`
    : '';
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title><style>${PRINT_CSS}</style></head>
<body><main>
<h1>${escapeHtml(heading)}</h1>
<div class="meta">${escapeHtml(t('report.label.period'))}：${escapeHtml(localDate(s.period.start, s.timeZone))} — ${escapeHtml(
    localDate(new Date(new Date(s.period.end).getTime() - 1).toISOString(), s.timeZone),
  )}</div>
${s.status === 'draft' ? `<div class="draft">${escapeHtml(t('report.label.draft_banner'))}</div>` : ''}
${body}
<div class="sign">${escapeHtml(s.title)}<br>${approved}${published}</div>
</main></body></html>`;
}
