/**
 * Live events (GET /api/events, Server-Sent Events): `notification` refreshes the bell, `case` refreshes every
 * case query (lists, boards, the open case) and the intake's caller lookup, `resync` both. One stream per
 * signed-in tab, opened by the layout.
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { endpoints } from './endpoints';
import { CALLER_LOOKUP, CASES, NOTIFICATIONS } from './cases';
import { urlOf } from './client';

/** Case events come in bursts (a sweep touches many cases): refresh at most this often. */
const CASE_REFRESH_MS = 1_000;
/** After the stream is closed for good (a 401, the server gone), try again after this long. */
const REOPEN_MS = 30_000;

export type LiveListener = (event: { type: 'case'; caseId: string } | { type: 'notification' }) => void;
const listeners = new Set<LiveListener>();

/** Pages that want to react to events themselves (besides the query refresh). */
export function onLiveEvent(fn: LiveListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useLiveEvents(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let caseTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const refreshCases = () => {
      if (caseTimer) return;
      caseTimer = setTimeout(() => {
        caseTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: [CASES] });
        // a case taken by a colleague for the number on the line shows in the caller panel too
        void queryClient.invalidateQueries({ queryKey: [CALLER_LOOKUP] });
      }, CASE_REFRESH_MS);
    };
    const refreshNotifications = () => void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS] });

    const open = () => {
      if (stopped) return;
      source = new EventSource(urlOf(endpoints.notifications.events));
      source.addEventListener('notification', () => {
        refreshNotifications();
        for (const fn of listeners) fn({ type: 'notification' });
      });
      source.addEventListener('case', (e) => {
        refreshCases();
        let caseId = '';
        try {
          caseId = String((JSON.parse((e as MessageEvent<string>).data) as { caseId?: string }).caseId ?? '');
        } catch {
          // a frame we do not understand still refreshes
        }
        for (const fn of listeners) fn({ type: 'case', caseId });
      });
      source.addEventListener('resync', () => {
        refreshCases();
        refreshNotifications();
      });
      source.onerror = () => {
        // EventSource reconnects by itself while it can; once CLOSED (e.g. a 401) it never will.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopen = setTimeout(open, REOPEN_MS);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(reopen);
      clearTimeout(caseTimer);
    };
  }, [enabled, queryClient]);
}
