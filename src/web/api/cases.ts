/**
 * Cases (事项 / 工单) as the console reads and changes them: the list and detail queries, the actions of
 * FLOW-1 (`POST /api/cases/{id}/actions/{action}` with the `version` read, API-5), uploads and the small registers the
 * case screens pick from. Every case query starts with the key ['/api/cases'], so one invalidation (after an
 * action, or on a live `case` event) refreshes lists, boards and the open case together.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { endpoints } from './endpoints';
import { call, upload, urlOf, type QueryOf } from './client';
import { useCan, useCursorList, useMe } from './queries';
import type { ActionBody, CaseAction, CaseDetail } from './types';

/** The first key of every case query (lists, boards, the open case, the overdue view). */
export const CASES = endpoints.cases.list.path;
export const NOTIFICATIONS = endpoints.notifications.list.path;
/**
 * The first key of every caller lookup of the intake screen (it lists the caller's open cases): refreshed with the
 * case queries when a case is taken, here or by a colleague (api/events.ts), not after its stale time.
 */
export const CALLER_LOOKUP = endpoints.property.lookupCaller.path;

/** The filters of the case list, as its querystring declares them. */
export type CaseQuery = QueryOf<typeof endpoints.cases.list>;

export const caseKey = (id: string) => [CASES, id, 'detail'] as const;

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => call(endpoints.cases.get, { params: { id }, signal }),
    enabled: Boolean(id),
  });
}

/** A paged case list (GET /api/cases) with the filters of API-4; arrays mean "any of". */
export function useCaseList(params: CaseQuery, opts: { pageSize?: number; enabled?: boolean } = {}) {
  return useCursorList(endpoints.cases.list, params, {
    pageSize: opts.pageSize ?? 50,
    enabled: opts.enabled,
  });
}

/** One page of cases (no pager): boards and the technician's list. */
export function useCasePage(params: CaseQuery, opts: { enabled?: boolean; limit?: number } = {}) {
  return useQuery({
    queryKey: [CASES, 'page', params, opts.limit ?? 100],
    queryFn: ({ signal }) =>
      call(endpoints.cases.list, { query: { ...params, limit: opts.limit ?? 100 }, signal }),
    enabled: opts.enabled ?? true,
    refetchInterval: 60_000,
  });
}

/** The total of a case filter, read with limit=1 (home counters). */
export function useCaseTotal(params: CaseQuery, enabled = true) {
  return useQuery({
    queryKey: [CASES, 'total', params],
    queryFn: ({ signal }) => call(endpoints.cases.list, { query: { ...params, limit: 1 }, signal }),
    enabled,
    staleTime: 30_000,
  });
}

type Body<A extends CaseAction> = Omit<ActionBody<A>, 'version'>;

export function postAction<A extends CaseAction>(id: string, action: A, version: number, body: Body<A>) {
  const e = endpoints.cases.actions[action];
  // each action's body is its own contract; `A` picks it, so the cast only joins the version back in
  return call(e as (typeof endpoints.cases.actions)[CaseAction], {
    params: { id },
    body: { ...body, version } as ActionBody<CaseAction>,
  });
}

/**
 * Runs an action and refreshes what it changed: the updated case goes straight into the detail cache (keeping
 * the timeline until the refetch brings the new entry), and every case list is invalidated.
 */
export function useRunAction() {
  const queryClient = useQueryClient();
  return async <A extends CaseAction>(id: string, action: A, version: number, body: Body<A>) => {
    const updated = await postAction(id, action, version, body);
    queryClient.setQueryData<CaseDetail>(caseKey(id), (old) => (old ? { ...old, ...updated } : old));
    await queryClient.invalidateQueries({ queryKey: [CASES] });
    void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS] });
    return updated;
  };
}

export function revealReporter(id: string) {
  return call(endpoints.cases.reveal, { params: { id } });
}

export function uploadAttachment(file: File) {
  return upload(endpoints.attachments.upload, file);
}

export const attachmentUrl = (id: string, download = false) =>
  urlOf(endpoints.attachments.content, { id }, download ? { download: '1' } : undefined);

/** A key for `Idempotency-Key`: random, also where crypto.randomUUID is missing (plain http on a LAN). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The category tree (GET /api/categories seeds the defaults on first use). */
export function useCategories(activeOnly = true) {
  return useQuery({
    queryKey: [endpoints.settings.categories.path, activeOnly],
    queryFn: ({ signal }) =>
      call(endpoints.settings.categories, { query: activeOnly ? { active: 'true' } : undefined, signal }),
    staleTime: 5 * 60_000,
  });
}

export function usePartnerUnits(enabled = true) {
  return useQuery({
    queryKey: [endpoints.org.listPartnerUnits.path, 'all', {}],
    queryFn: ({ signal }) => call(endpoints.org.listPartnerUnits, { query: { limit: 200 }, signal }),
    staleTime: 60_000,
    enabled,
  });
}

/**
 * The signed-in user's own record (for the department: /api/auth/me does not carry it). Read only with
 * `users.read`; without it the department is unknown (null).
 */
export function useMyUser() {
  const me = useMe();
  const can = useCan();
  const id = me.data?.user.id;
  const allowed = can('users.read');
  const query = useQuery({
    queryKey: [endpoints.users.list.path, id],
    queryFn: ({ signal }) => call(endpoints.users.get, { params: { id: id! }, signal }),
    enabled: Boolean(id) && allowed,
    staleTime: 5 * 60_000,
  });
  return { ...query, allowed };
}

/** Roles that oversee queues (callbacks of everyone in scope, all cases of the office). */
export function useIsSupervisor() {
  const me = useMe();
  const roles = me.data?.user.roles ?? [];
  return roles.some((r) => r === 'supervisor' || r === 'director' || r === 'manager' || r === 'admin');
}
