import { useCallback, useState } from 'react';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { endpoints } from './endpoints';
import {
  call,
  getList,
  type ItemOf,
  type ListEndpoint,
  type ParamsOf,
  type Query,
  type QueryOf,
} from './client';
import type { ListResult, Me } from './types';

export type Permission = Me['permissions'][number];

export const meKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) => call(endpoints.auth.me, { signal }),
    staleTime: 60_000,
    retry: false,
  });
}

/** The same permissions the server checks; the UI hides what the user cannot do. */
export function useCan() {
  const { data } = useMe();
  return useCallback((p: Permission) => Boolean(data?.permissions.includes(p)), [data]);
}

export interface CursorList<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  /** 1-based */
  page: number;
  pageSize: number;
  hasPrev: boolean;
  hasNext: boolean;
  prev: () => void;
  next: () => void;
  isLoading: boolean;
  isFetching: boolean;
  error: Error | null;
  refetch: () => void;
}

interface CursorListOptions {
  pageSize?: number;
  enabled?: boolean;
  key?: QueryKey;
}

interface PagerState {
  key: string;
  cursors: (string | undefined)[];
  page: number;
}

/**
 * A list endpoint paged by cursors (API-4: `?limit=&cursor=` → `{ items, nextCursor, total }`). The cursor of every
 * page seen is kept, so "previous" is exact; a change of filters starts again at page 1. Its query key starts with
 * the endpoint's path (then its path parameters, if any), so `useInvalidate(endpoint)` refreshes it.
 */
export function useCursorList<E extends ListEndpoint>(
  endpoint: E,
  filters: QueryOf<E> = {} as QueryOf<E>,
  // the path parameters, required where the endpoint's path has any (a summary's drill-down)
  ...[options]: [ParamsOf<E>] extends [undefined]
    ? [opts?: CursorListOptions & { params?: undefined }]
    : [opts: CursorListOptions & { params: ParamsOf<E> }]
): CursorList<ItemOf<E>> {
  const opts: CursorListOptions & { params?: ParamsOf<E> } = options ?? {};
  const { path } = endpoint;
  const params = filters as Query;
  const pageSize = opts.pageSize ?? 20;
  const paramsKey = JSON.stringify([path, opts.params ?? null, params, pageSize]);
  const [state, setState] = useState<PagerState>({ key: paramsKey, cursors: [undefined], page: 0 });
  const current: PagerState =
    state.key === paramsKey ? state : { key: paramsKey, cursors: [undefined], page: 0 };
  const cursor = current.cursors[current.page];

  const query = useQuery({
    queryKey: [
      ...(opts.key ?? (opts.params ? [path, opts.params] : [path])),
      'list',
      params,
      pageSize,
      cursor ?? null,
    ],
    queryFn: ({ signal }) =>
      getList(endpoint, { params: opts.params, query: { ...params, limit: pageSize, cursor }, signal }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
  // a list endpoint answers `{ items, nextCursor, total }` (ListEndpoint is any GET: the shape is the contract's)
  const data = query.data as ListResult<ItemOf<E>> | undefined;
  const nextCursor = data?.nextCursor ?? null;

  return {
    items: data?.items ?? [],
    total: data?.total ?? 0,
    totalCapped: data?.totalCapped ?? false,
    page: current.page + 1,
    pageSize,
    hasPrev: current.page > 0,
    hasNext: Boolean(nextCursor) && !query.isPlaceholderData,
    prev: () => setState({ ...current, page: Math.max(0, current.page - 1) }),
    next: () => {
      if (!nextCursor) return;
      const cursors = current.cursors.slice(0, current.page + 1);
      cursors.push(nextCursor);
      setState({ key: paramsKey, cursors, page: current.page + 1 });
    },
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}

/** Small registers used as select options (offices, departments): one page of up to 200. */
export function useAll<E extends ListEndpoint>(endpoint: E, params: QueryOf<E> = {}, enabled = true) {
  return useQuery({
    queryKey: [endpoint.path, 'all', params],
    queryFn: ({ signal }) => getList(endpoint, { query: { ...(params as Query), limit: 200 }, signal }),
    staleTime: 30_000,
    enabled,
  });
}

export const useOffices = (enabled = true) => useAll(endpoints.org.listOffices, {}, enabled);
export const useDepartments = (enabled = true) => useAll(endpoints.org.listDepartments, {}, enabled);
