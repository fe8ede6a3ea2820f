/**
 * 住户绑定: the residents' requests to be bound to a room of the offices in scope (RESIDENT-3). Pending first and
 * oldest first; approve in one click, decline with the reason the resident reads in the H5.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Form, Input, Modal, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { endpoints } from '../../api/endpoints';
import { call } from '../../api/client';
import { useCursorList } from '../../api/queries';
import { DECLINE_REASON_MAX, type BINDING_STATUSES, type BindingRequest } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useInvalidate } from '../../components/crud';
import { useI18n } from '../../i18n/i18n';

type Status = (typeof BINDING_STATUSES)[number];
const SHOWN: Status[] = ['pending', 'approved', 'declined'];
const STATUS_COLOR: Record<Status, string> = {
  pending: 'processing',
  approved: 'success',
  declined: 'error',
  removed: 'default',
};

export default function BindingsPage() {
  const { t, label, dateTime } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status>('pending');
  const list = useCursorList(endpoints.residentBindings.list, { status: [status] });
  const invalidate = useInvalidate(endpoints.residentBindings.list);
  const [declining, setDeclining] = useState<BindingRequest | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const fail = (e: unknown) => message.error(e instanceof Error ? e.message : String(e));
  const approve = async (b: BindingRequest) => {
    try {
      await call(endpoints.residentBindings.approve, { params: { id: b.id }, body: { version: b.version } });
      message.success(t('binding.approved'));
    } catch (e) {
      fail(e);
    }
    await invalidate();
  };
  const decline = async () => {
    if (!declining) return;
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    try {
      await call(endpoints.residentBindings.decline, {
        params: { id: declining.id },
        body: { version: declining.version, reason },
      });
      message.success(t('binding.declined'));
      setDeclining(null);
      form.resetFields();
    } catch (e) {
      fail(e);
    }
    await invalidate();
  };

  const columns: ColumnsType<BindingRequest> = [
    {
      title: t('binding.room'),
      key: 'room',
      render: (_, b) => <Link to={`/property/rooms/${b.room.id}`}>{b.room.label}</Link>,
    },
    { title: t('binding.phone'), dataIndex: 'phone' },
    { title: t('binding.requestedAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
    {
      title: t('binding.status'),
      dataIndex: 'status',
      render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{label('bindingStatus', s)}</Tag>,
    },
  ];
  if (status !== 'pending')
    columns.push({
      title: t('binding.decision'),
      key: 'decision',
      render: (_, b) => (
        <Space direction="vertical" size={0}>
          <span>
            {b.decidedBy?.name ?? (b.source === 'register' ? t('binding.byRegister') : '—')}{' '}
            <Typography.Text type="secondary">{dateTime(b.decidedAt)}</Typography.Text>
          </span>
          {b.reason && <Typography.Text type="secondary">{b.reason}</Typography.Text>}
        </Space>
      ),
    });
  else
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, b) => (
        <Space size={0}>
          <Popconfirm
            title={t('binding.approveConfirm', { room: b.room.label })}
            okText={t('binding.approve')}
            cancelText={t('common.cancel')}
            onConfirm={() => approve(b)}
          >
            <Button type="link" size="small" data-testid={`binding-approve-${b.id}`}>
              {t('binding.approve')}
            </Button>
          </Popconfirm>
          <Button
            type="link"
            size="small"
            danger
            onClick={() => setDeclining(b)}
            data-testid={`binding-decline-${b.id}`}
          >
            {t('binding.decline')}
          </Button>
        </Space>
      ),
    });

  return (
    <>
      <PageHeader title={t('nav.bindings')} />
      <Toolbar>
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          options={SHOWN.map((s) => ({ value: s, label: label('bindingStatus', s) }))}
          data-testid="bindings-status"
        />
        <Typography.Text type="secondary">{t('binding.hint')}</Typography.Text>
      </Toolbar>
      <DataTable<BindingRequest> list={list} columns={columns} testId="bindings-table" />
      <Modal
        open={declining !== null}
        title={t('binding.declineTitle', { room: declining?.room.label ?? '' })}
        okText={t('binding.decline')}
        okButtonProps={{ danger: true, ...{ 'data-testid': 'binding-decline-submit' } }}
        cancelText={t('common.cancel')}
        onOk={decline}
        onCancel={() => {
          setDeclining(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('binding.reason')}
            rules={[{ required: true, whitespace: true, message: t('binding.reasonRequired') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={DECLINE_REASON_MAX}
              showCount
              placeholder={t('binding.reasonPlaceholder')}
              data-testid="binding-decline-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
