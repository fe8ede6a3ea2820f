/**
 * Cases (事项 / 工单) as the console reads and changes them: the list and detail queries, the actions of
 * FLOW-1 (`POST /api/cases/{id}/actions/{action}` with the `version` read, API-5), uploads and the small registers the
 * case screens pick from. Every case query starts with the key ['/api/cases'], so one invalidation (after an
 * action, or on a live `case` event) refreshes lists, boards and the open case together.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from './client';
import { useCan, useCursorList, useMe } from './queries';
import type {
  ActionBody,
  Attachment,
  Case,
  CaseAction,
  CaseDetail,
  CategoryTree,
  ListResult,
  PartnerUnit,
  User,
} from './types';

export const CASES = '/api/cases';
export const NOTIFICATIONS = '/api/notifications';

export const caseKey = (id: string) => [CASES, id, 'detail'] as const;

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => api.get<CaseDetail>(`${CASES}/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** A paged case list (GET /api/cases) with the filters of API-4; arrays mean "any of". */
export function useCaseList(params: Query, opts: { pageSize?: number; enabled?: boolean } = {}) {
  return useCursorList<Case>(CASES, params, { pageSize: opts.pageSize ?? 50, enabled: opts.enabled });
}

/** One page of cases (no pager): boards and the technician's list. */
export function useCasePage(params: Query, opts: { enabled?: boolean; limit?: number } = {}) {
  return useQuery({
    queryKey: [CASES, 'page', params, opts.limit ?? 100],
    queryFn: ({ signal }) =>
      api.get<ListResult<Case>>(CASES, { ...params, limit: opts.limit ?? 100 }, signal),
    enabled: opts.enabled ?? true,
    refetchInterval: 60_000,
  });
}

/** The total of a case filter, read with limit=1 (home counters). */
export function useCaseTotal(params: Query, enabled = true) {
  return useQuery({
    queryKey: [CASES, 'total', params],
    queryFn: ({ signal }) => api.get<ListResult<Case>>(CASES, { ...params, limit: 1 }, signal),
    enabled,
    staleTime: 30_000,
  });
}

type Body<A extends CaseAction> = Omit<ActionBody<A>, 'version'>;

export function postAction<A extends CaseAction>(id: string, action: A, version: number, body: Body<A>) {
  return api.post<Case>(`${CASES}/${id}/actions/${action}`, { ...body, version });
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
  return api.post<{ name: string | null; phone: string | null }>(`${CASES}/${id}/reveal`);
}

export function uploadAttachment(file: File) {
  return api.upload<Attachment>('/api/attachments', file);
}

export const attachmentUrl = (id: string, download = false) =>
  `/api/attachments/${id}/content${download ? '?download=1' : ''}`;

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
    queryKey: ['/api/categories', activeOnly],
    queryFn: ({ signal }) =>
      api.get<CategoryTree>('/api/categories', activeOnly ? { active: 'true' } : undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function usePartnerUnits(enabled = true) {
  return useQuery({
    queryKey: ['/api/partner-units', 'all', {}],
    queryFn: ({ signal }) => api.get<ListResult<PartnerUnit>>('/api/partner-units', { limit: 200 }, signal),
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
    queryKey: ['/api/users', id],
    queryFn: ({ signal }) => api.get<User>(`/api/users/${id}`, undefined, signal),
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
