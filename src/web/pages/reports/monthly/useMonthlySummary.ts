/**
 * The monthly summary page's state: which office and month, which tab, which drill-down is open; the summary
 * read for them; the month shown in the picker (the one asked for, else the one the server chose); the exports.
 */
import { useState, type MouseEvent } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { App } from 'antd';
import { download } from '../../../api/client';
import { endpoints } from '../../../api/endpoints';
import { useMonthly, type MonthlySummary, type SummaryMonthStatus } from '../reportsApi';
import type { Drill } from './summaryUi';

export type SummaryTab = 'internal' | 'public' | 'status';

export function useMonthlySummary() {
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [ym, setYm] = useState<{ year: number; month: number } | null>(null);
  const [tab, setTab] = useState<SummaryTab>('internal');
  const [drill, setDrill] = useState<Drill | null>(null);
  const summary = useMonthly(
    { officeId: officeId || undefined, year: ym?.year, month: ym?.month },
    officeId !== undefined,
  );
  const s = summary.data;

  const monthValue: Dayjs | null = ym
    ? dayjs(new Date(ym.year, ym.month - 1, 1))
    : s
      ? dayjs(new Date(s.year, s.month - 1, 1))
      : null;
  const printVersion: 'internal' | 'public' = tab === 'internal' ? 'internal' : 'public';
  const { message } = App.useApp();
  // a plain link would be answered in the browser's language: the download sends the UI language instead
  const exportXlsx = (e: MouseEvent, sum: MonthlySummary, version: 'internal' | 'public') => {
    e.preventDefault();
    download(
      endpoints.reports.monthly.exportXlsx,
      { params: { id: sum.id }, query: { version } },
      `${sum.year}-${sum.month}-${version}.xlsx`,
    ).catch((err: unknown) => message.error(err instanceof Error ? err.message : String(err)));
  };
  /** a month of the status board opens in the internal view */
  const openMonth = (row: SummaryMonthStatus) => {
    setOfficeId(row.officeId);
    setYm({ year: row.year, month: row.month });
    setTab('internal');
  };

  return {
    officeId,
    setOfficeId,
    pickMonth: (d: Dayjs) => setYm({ year: d.year(), month: d.month() + 1 }),
    monthValue,
    tab,
    setTab,
    drill,
    setDrill,
    summary,
    s,
    printVersion,
    exportXlsx,
    openMonth,
  };
}
