/**
 * The one overdue view (GET /api/deadlines?overdue=true): every deadline past due the user may see, whatever its
 * subject. Its key starts with ['/api/cases'] too, so a case action or live event refreshes it with the boards.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { CASES } from './cases';
import type { OverdueDeadlineList } from './types';

export const DEADLINES = '/api/deadlines';

export function useOverdueDeadlines(opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [CASES, 'deadlines', 'overdue'],
    queryFn: ({ signal }) => api.get<OverdueDeadlineList>(DEADLINES, { overdue: 'true', limit: 200 }, signal),
    enabled: opts.enabled ?? true,
    refetchInterval: 60_000,
  });
}
