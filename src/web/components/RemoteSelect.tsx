import { useEffect, useMemo, useState } from 'react';
import { Select, Spin, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../api/endpoints';
import { getList, type ItemOf, type ListEndpoint, type ParamsOf, type QueryOf } from '../api/client';
import type { ListResult, Room, User } from '../api/types';
import { useI18n } from '../i18n/i18n';

export interface Option {
  value: string;
  label: string;
}

/** The filters sent with every search, as the endpoint's querystring declares them (the select adds `q`, `limit`). */
type SearchFilters<E> = Omit<QueryOf<E>, 'q' | 'limit' | 'cursor'>;

interface RemoteSelectProps<E extends ListEndpoint> extends Omit<
  SelectProps<string | string[]>,
  'options' | 'onSearch'
> {
  /** the list endpoint searched with `?q=`: one without path parameters, as the select fills in none */
  endpoint: E & ([ParamsOf<E>] extends [undefined] ? unknown : never);
  query?: SearchFilters<E>;
  toOption: (item: ItemOf<E>) => Option;
  /** which of the found items are offered; all when absent */
  only?: (item: ItemOf<E>) => boolean;
  /** labels of the current value(s), known from the record being edited */
  known?: Option[];
}

/** A select that searches the server (`?q=`) as the user types, for registers too large to load whole. */
export function RemoteSelect<E extends ListEndpoint>({
  endpoint,
  query: filters,
  toOption,
  only,
  known = [],
  ...rest
}: RemoteSelectProps<E>) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const query = useQuery({
    queryKey: [endpoint.path, 'search', filters ?? {}, q],
    queryFn: ({ signal }) => getList(endpoint, { query: { ...filters, q, limit: 20 }, signal }),
    staleTime: 15_000,
  });
  // a list endpoint answers `{ items, nextCursor, total }` (ListEndpoint is any GET: the shape is the contract's)
  const data = query.data as ListResult<ItemOf<E>> | undefined;
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: Option[] = [];
    const found = data?.items.filter((item) => !only || only(item)) ?? [];
    for (const o of [...found.map(toOption), ...known])
      if (!seen.has(o.value)) {
        seen.add(o.value);
        out.push(o);
      }
    return out;
  }, [data, known, toOption, only]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      options={options}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
      style={{ width: '100%' }}
      {...rest}
    />
  );
}

const userOption = (u: User): Option => ({
  value: u.id,
  label: u.jobNumber ? `${u.name}（${u.jobNumber}）` : `${u.name}（${u.username}）`,
});

type UserList = typeof endpoints.users.list;

/** Someone who can be named on a case: an active employee, not a service account (an integration's user). */
const isActiveStaff = (u: User) => u.active && !u.isService;

export function UserSelect({
  activeStaff,
  ...props
}: Omit<RemoteSelectProps<UserList>, 'endpoint' | 'toOption' | 'only'> & {
  /** offer only active employees, as the server accepts for a leader or a handler */
  activeStaff?: boolean;
}) {
  return (
    <RemoteSelect
      endpoint={endpoints.users.list}
      toOption={userOption}
      only={activeStaff ? isActiveStaff : undefined}
      {...props}
    />
  );
}

const roomOption = (r: Room): Option => ({ value: r.id, label: r.label });

type RoomList = typeof endpoints.property.listRooms;

export function RoomSelect(props: Omit<RemoteSelectProps<RoomList>, 'endpoint' | 'toOption'>) {
  return <RemoteSelect endpoint={endpoints.property.listRooms} toOption={roomOption} {...props} />;
}
