/**
 * The report screens' calls (REPORT-1, REPORT-5): the monthly summary and the quarterly management-service report. Every
 * report query starts with its path, so one invalidation after a write refreshes the page and the status board.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, type Query } from '../../api/client';
import type {
  MonthlySummary,
  PublicHighlight,
  PublicSummary,
  PublicText,
  SummaryStatusList,
} from '../../../contracts/reports';
import type { FinanceFigures, QuarterlyReport, ServiceSections } from '../../../contracts/quarterly';

export type {
  DrillCase,
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

export const MONTHLY = '/api/reports/monthly';
export const QUARTERLY = '/api/reports/quarterly';

// ── monthly summary ─────────────────────────────────────────────────────────────────────────────────

export function useMonthly(params: Query, enabled = true) {
  return useQuery({
    queryKey: [MONTHLY, 'month', params],
    queryFn: ({ signal }) => api.get<MonthlySummary>(MONTHLY, params, signal),
    enabled,
    retry: false,
  });
}

export function usePublicSummary(id: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: [MONTHLY, id, 'public', version],
    queryFn: ({ signal }) => api.get<PublicSummary>(`${MONTHLY}/${id}/public`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useSummaryStatus(officeId: string | undefined) {
  return useQuery({
    queryKey: [MONTHLY, 'status', officeId ?? null],
    queryFn: ({ signal }) => api.get<SummaryStatusList>(`${MONTHLY}/status`, { officeId }, signal),
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
      done(api.put<MonthlySummary>(`${MONTHLY}/${s.id}/public`, { version: s.version, text })),
    decideHighlight: (s: MonthlySummary, h: PublicHighlight, choice: 'redact' | 'keep') =>
      done(
        api.post<MonthlySummary>(`${MONTHLY}/${s.id}/highlights`, {
          version: s.version,
          highlightId: h.id,
          choice,
        }),
      ),
    approve: (s: MonthlySummary) =>
      done(api.post<MonthlySummary>(`${MONTHLY}/${s.id}/approve`, { version: s.version })),
    publish: (s: MonthlySummary) =>
      done(api.post<MonthlySummary>(`${MONTHLY}/${s.id}/publish`, { version: s.version })),
  };
}

// ── quarterly report ────────────────────────────────────────────────────────────────────────────────

export function useQuarterly(params: Query, enabled = true) {
  return useQuery({
    queryKey: [QUARTERLY, 'quarter', params],
    queryFn: ({ signal }) => api.get<QuarterlyReport>(QUARTERLY, params, signal),
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
  const call = (p: Promise<QuarterlyReport>) => p.catch(refreshOnConflict).then(done);
  const base = (r: QuarterlyReport) => `${QUARTERLY}/${r.id}`;
  return {
    putService: (r: QuarterlyReport, sections: ServiceSections) =>
      call(api.put<QuarterlyReport>(`${base(r)}/service`, { version: r.version, sections })),
    submitService: (r: QuarterlyReport) =>
      call(api.post<QuarterlyReport>(`${base(r)}/submit-service`, { version: r.version })),
    putFinance: (r: QuarterlyReport, figures: FinanceFigures) =>
      call(api.put<QuarterlyReport>(`${base(r)}/finance`, { version: r.version, figures })),
    submitFinance: (r: QuarterlyReport) =>
      call(api.post<QuarterlyReport>(`${base(r)}/submit-finance`, { version: r.version })),
    sign: (r: QuarterlyReport, chairName: string, chairSignedAt: string) =>
      call(
        api.post<QuarterlyReport>(`${base(r)}/sign`, {
          version: r.version,
          chairName,
          chairSignedAt,
          directorSignature: true,
        }),
      ),
    publish: (r: QuarterlyReport) =>
      call(api.post<QuarterlyReport>(`${base(r)}/publish`, { version: r.version })),
  };
}
