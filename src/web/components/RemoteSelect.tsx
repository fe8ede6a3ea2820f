import { useEffect, useMemo, useState } from 'react';
import { Select, Spin, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../api/endpoints';
import { getList, type ListEndpoint, type Query } from '../api/client';
import type { ListResult, Room, User } from '../api/types';
import { useI18n } from '../i18n/i18n';

export interface Option {
  value: string;
  label: string;
}

interface RemoteSelectProps<T> extends Omit<SelectProps<string | string[]>, 'options' | 'onSearch'> {
  /** the list endpoint searched with `?q=` */
  path: ListEndpoint;
  params?: Query;
  toOption: (item: T) => Option;
  /** labels of the current value(s), known from the record being edited */
  known?: Option[];
}

/** A select that searches the server (`?q=`) as the user types, for registers too large to load whole. */
export function RemoteSelect<T>({
  path: endpoint,
  params,
  toOption,
  known = [],
  ...rest
}: RemoteSelectProps<T>) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const query = useQuery({
    queryKey: [endpoint.path, 'search', params ?? {}, q],
    queryFn: ({ signal }) =>
      getList(endpoint, { query: { ...params, q, limit: 20 }, signal }) as Promise<ListResult<T>>,
    staleTime: 15_000,
  });
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: Option[] = [];
    for (const o of [...(query.data?.items.map(toOption) ?? []), ...known])
      if (!seen.has(o.value)) {
        seen.add(o.value);
        out.push(o);
      }
    return out;
  }, [query.data, known, toOption]);

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

export function UserSelect(props: Omit<RemoteSelectProps<User>, 'path' | 'toOption'>) {
  return <RemoteSelect<User> path={endpoints.users.list} toOption={userOption} {...props} />;
}

const roomOption = (r: Room): Option => ({ value: r.id, label: r.label });

export function RoomSelect(props: Omit<RemoteSelectProps<Room>, 'path' | 'toOption'>) {
  return <RemoteSelect<Room> path={endpoints.property.listRooms} toOption={roomOption} {...props} />;
}
