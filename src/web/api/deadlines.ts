/**
 * The one overdue view (GET /api/deadlines?overdue=true): every deadline past due the user may see, whatever its
 * subject. Its key starts with ['/api/cases'] too, so a case action or live event refreshes it with the boards.
 */
import { useQuery } from '@tanstack/react-query';
import { endpoints } from './endpoints';
import { call } from './client';
import { CASES } from './cases';
import type { DeadlineKind } from './types';

/** The overdue deadlines of these kinds (default every kind), most overdue first. */
export function useOverdueDeadlines(opts: { kinds?: readonly DeadlineKind[]; enabled?: boolean } = {}) {
  const kind = opts.kinds ?? [];
  return useQuery({
    queryKey: [CASES, 'deadlines', 'overdue', kind],
    queryFn: ({ signal }) =>
      call(endpoints.deadlines.overdue, { query: { overdue: 'true', kind, limit: 200 }, signal }),
    enabled: opts.enabled ?? true,
    refetchInterval: 60_000,
  });
}
