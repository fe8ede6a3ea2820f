/**
 * The report screens' calls (REPORT-1, REPORT-5): the monthly summary and the quarterly management-service report. Every
 * report query starts with its path, so one invalidation after a write refreshes the page and the status board.
 */
import { endpoints } from '../../api/endpoints';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call, isApiError, type QueryOf } from '../../api/client';
import type { MonthlySummary, PublicHighlight, PublicText } from '../../../contracts/reports';
import type { FinanceFigures, QuarterlyReport, ServiceSections } from '../../../contracts/quarterly';

export type {
  DrillCase,
  DrillQuery,
  Figure,
  MonthlySummary,
  PublicHighlight,
  PublicSummary,
  PublicText,
  SummaryCase,
  SummaryMonthStatus,
} from '../../../contracts/reports';
export type {
  FinanceFigures,
  QuarterlyReport,
  QuarterlyStatus,
  ServiceSections,
} from '../../../contracts/quarterly';

export const MONTHLY = endpoints.reports.monthly.forMonth.path;
export const QUARTERLY = endpoints.reports.quarterly.forQuarter.path;

// ── monthly summary ─────────────────────────────────────────────────────────────────────────────────

/** Which summary: the office and month (none: the server's choice), as the endpoint's querystring names them. */
type MonthlyFilters = QueryOf<typeof endpoints.reports.monthly.forMonth>;

export function useMonthly(filters: MonthlyFilters, enabled = true) {
  return useQuery({
    queryKey: [MONTHLY, 'month', filters],
    queryFn: ({ signal }) => call(endpoints.reports.monthly.forMonth, { query: filters, signal }),
    enabled,
    retry: false,
  });
}

export function usePublicSummary(id: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: [MONTHLY, id, 'public', version],
    queryFn: ({ signal }) => call(endpoints.reports.monthly.public, { params: { id: id! }, signal }),
    enabled: Boolean(id),
  });
}

export function useSummaryStatus(officeId: string | undefined) {
  return useQuery({
    queryKey: [MONTHLY, 'status', officeId ?? null],
    queryFn: ({ signal }) => call(endpoints.reports.monthly.status, { query: { officeId }, signal }),
  });
}

export function useSummaryWrites() {
  const queryClient = useQueryClient();
  // after a write, and after a stale write (someone else changed it), the page shows the current summary
  const done = async (call: Promise<MonthlySummary>) => {
    try {
      return await call;
    } finally {
      await queryClient.invalidateQueries({ queryKey: [MONTHLY] });
    }
  };
  return {
    putPublic: (s: MonthlySummary, text: Partial<PublicText>) =>
      done(
        call(endpoints.reports.monthly.putPublic, {
          params: { id: s.id },
          body: { version: s.version, text },
        }),
      ),
    decideHighlight: (s: MonthlySummary, h: PublicHighlight, choice: 'redact' | 'keep') =>
      done(
        call(endpoints.reports.monthly.highlights, {
          params: { id: s.id },
          body: {
            version: s.version,
            highlightId: h.id,
            choice,
          },
        }),
      ),
    approve: (s: MonthlySummary) =>
      done(call(endpoints.reports.monthly.approve, { params: { id: s.id }, body: { version: s.version } })),
    publish: (s: MonthlySummary) =>
      done(call(endpoints.reports.monthly.publish, { params: { id: s.id }, body: { version: s.version } })),
  };
}

// ── quarterly report ────────────────────────────────────────────────────────────────────────────────

/** Which report: the office and quarter (none: the one in preparation), as the endpoint's querystring names them. */
type QuarterlyFilters = QueryOf<typeof endpoints.reports.quarterly.forQuarter>;

export function useQuarterly(filters: QuarterlyFilters, enabled = true) {
  return useQuery({
    queryKey: [QUARTERLY, 'quarter', filters],
    queryFn: ({ signal }) => call(endpoints.reports.quarterly.forQuarter, { query: filters, signal }),
    enabled,
    retry: false,
  });
}

export function useQuarterlyWrites() {
  const queryClient = useQueryClient();
  // the updated report replaces the cached one at once; a stale write refreshes it too
  const done = async (r: QuarterlyReport) => {
    queryClient.setQueriesData<QuarterlyReport>({ queryKey: [QUARTERLY] }, (old) =>
      old && old.id === r.id ? r : old,
    );
    await queryClient.invalidateQueries({ queryKey: [QUARTERLY] });
    return r;
  };
  const refreshOnConflict = (e: unknown): never => {
    if (isApiError(e) && e.code === 'version_conflict')
      void queryClient.invalidateQueries({ queryKey: [QUARTERLY] });
    throw e;
  };
  const settle = (p: Promise<QuarterlyReport>) => p.catch(refreshOnConflict).then(done);
  const q = endpoints.reports.quarterly;
  const params = (r: QuarterlyReport) => ({ id: r.id });
  return {
    putService: (r: QuarterlyReport, sections: ServiceSections) =>
      settle(call(q.putService, { params: params(r), body: { version: r.version, sections } })),
    submitService: (r: QuarterlyReport) =>
      settle(call(q.submitService, { params: params(r), body: { version: r.version } })),
    putFinance: (r: QuarterlyReport, figures: FinanceFigures) =>
      settle(call(q.putFinance, { params: params(r), body: { version: r.version, figures } })),
    submitFinance: (r: QuarterlyReport) =>
      settle(call(q.submitFinance, { params: params(r), body: { version: r.version } })),
    sign: (r: QuarterlyReport, chairName: string, chairSignedAt: string) =>
      settle(
        call(q.sign, {
          params: params(r),
          body: { version: r.version, chairName, chairSignedAt, directorSignature: true },
        }),
      ),
    publish: (r: QuarterlyReport) =>
      settle(call(q.publish, { params: params(r), body: { version: r.version } })),
  };
}
