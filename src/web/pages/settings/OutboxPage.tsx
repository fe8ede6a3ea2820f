/**
 * 系统设置 → 消息发送记录 (MSG-1): every SMS and webhook message of the company with its state and attempts,
 * newest first; a failed or expired one may be sent again under the same key (admins).
 */
import { useState } from 'react';
import { App, Button, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { OutboxMessage } from '../../../contracts/outbox';
import { MESSAGE_STATUSES } from '../../../contracts/values/messages';
import { call, isApiError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useCan } from '../../api/queries';
import { useCursorList } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/zh-CN';

const STATUS_COLOR: Record<string, string> = {
  pending: 'blue',
  sending: 'processing',
  sent: 'green',
  failed: 'red',
  expired: 'orange',
  cancelled: 'default',
};

export default function OutboxPage() {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const list = useCursorList(endpoints.outbox.list, {
    status: status as OutboxMessage['status'] | undefined,
  });
  const invalidate = useInvalidate(endpoints.outbox.list);

  const retry = async (id: string) => {
    try {
      await call(endpoints.outbox.retry, { params: { id } });
      message.success(t('outbox.retried'));
      invalidate();
    } catch (e) {
      message.error(isApiError(e) ? e.message : String(e));
    }
  };

  const columns: ColumnsType<OutboxMessage> = [
    { title: t('outbox.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
    { title: t('outbox.type'), dataIndex: 'type', render: (v: string) => t(`messages.type.${v}` as UiKey) },
    {
      title: t('outbox.channel'),
      dataIndex: 'channel',
      render: (v: string) => t(`outbox.channel.${v}` as UiKey),
    },
    {
      title: t('outbox.recipient'),
      render: (_, m) => m.recipient.user?.name ?? m.recipient.phone ?? '—',
    },
    { title: t('outbox.case'), dataIndex: 'caseNumber', render: (v: string | null) => v ?? '—' },
    {
      title: t('outbox.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`outbox.status.${v}` as UiKey)}</Tag>,
    },
    { title: t('outbox.attempts'), dataIndex: 'attempts', align: 'right' },
    { title: t('outbox.lastCode'), dataIndex: 'lastCode', render: (v: string | null) => v ?? '—' },
    {
      title: '',
      render: (_, m) =>
        can('settings.manage') && (m.status === 'failed' || m.status === 'expired') ? (
          <Button size="small" onClick={() => void retry(m.id)} data-testid={`outbox-retry-${m.id}`}>
            {t('outbox.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="outbox-page">
      <PageHeader title={t('nav.outbox')} />
      <Toolbar>
        <Select<string>
          allowClear
          style={{ width: 180 }}
          placeholder={t('outbox.allStatuses')}
          value={status}
          onChange={setStatus}
          options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}` as UiKey) }))}
          data-testid="outbox-status"
        />
      </Toolbar>
      <DataTable<OutboxMessage> list={list} columns={columns} testId="outbox-table" />
    </div>
  );
}
