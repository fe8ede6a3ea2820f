import { useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { CopyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { maxLen, required, requiredSelect } from '../../api/rules';
import type { ApiToken } from '../../api/types';
import { FormDrawer } from '../../components/FormDrawer';
import { useInvalidate } from '../../components/crud';
import { PageHeader } from '../../components/PageHeader';
import { UserSelect } from '../../components/RemoteSelect';
import { useI18n } from '../../i18n/i18n';

interface Values {
  name: string;
  userId: string;
}

interface Created {
  token: string;
  apiToken: ApiToken;
}

export default function TokensPage() {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const tokens = useQuery({
    queryKey: [endpoints.auth.listTokens.path],
    queryFn: ({ signal }) => call(endpoints.auth.listTokens, { signal }),
  });
  const invalidate = useInvalidate(endpoints.auth.listTokens);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('common.copied'));
    } catch {
      message.warning(t('token.copyManually'));
    }
  };

  const revoke = async (tok: ApiToken) => {
    try {
      await call(endpoints.auth.revokeToken, { params: { id: tok.id } });
      message.success(t('token.revoked'));
      await invalidate();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const columns: ColumnsType<ApiToken> = [
    { title: t('token.name'), dataIndex: 'name' },
    {
      title: t('token.user'),
      key: 'user',
      render: (_, tok) => `${tok.user.name}（${tok.user.username}）`,
    },
    {
      title: t('token.prefix'),
      dataIndex: 'prefix',
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    { title: t('token.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
    {
      title: t('token.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? dateTime(v) : t('token.neverUsed')),
    },
    {
      title: t('token.status'),
      dataIndex: 'revokedAt',
      render: (v: string | null) =>
        v ? (
          <Tag>{t('token.revokedAt', { at: dateTime(v) })}</Tag>
        ) : (
          <Tag color="green">{t('token.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, tok) =>
        tok.revokedAt ? null : (
          <Popconfirm
            title={t('token.confirmRevoke', { name: tok.name })}
            okText={t('token.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke(tok)}
          >
            <Button type="link" size="small" danger icon={<StopOutlined />} data-testid="token-revoke">
              {t('token.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.tokens')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="token-create"
          >
            {t('token.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('token.intro')}</Typography.Paragraph>
      {tokens.error && (
        <Alert type="error" showIcon title={tokens.error.message} style={{ marginBottom: 12 }} />
      )}
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={tokens.data?.items ?? []}
        loading={tokens.isLoading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="tokens-table"
      />

      <FormDrawer<Values>
        open={creating}
        title={t('token.create')}
        onClose={() => setCreating(false)}
        successText={t('token.createdTitle')}
        submitText={t('token.createSubmit')}
        onSubmit={async (v) => {
          const res = await call(endpoints.auth.createToken, {
            body: { name: v.name.trim(), userId: v.userId },
          });
          setCreated(res);
          await invalidate();
        }}
        testId="token-form"
      >
        <Form.Item
          name="name"
          label={t('token.name')}
          rules={[required(t), maxLen(t, 100)]}
          extra={t('token.nameHelp')}
        >
          <Input data-testid="token-name" />
        </Form.Item>
        <Form.Item
          name="userId"
          label={t('token.user')}
          rules={[requiredSelect(t)]}
          extra={t('token.userHelp')}
        >
          <UserSelect data-testid="token-user" />
        </Form.Item>
      </FormDrawer>

      <Modal
        open={created !== null}
        title={t('token.createdTitle')}
        onCancel={() => setCreated(null)}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="token-created-close">
            {t('token.savedIt')}
          </Button>
        }
      >
        {created && (
          <>
            <Alert type="warning" showIcon title={t('token.createdWarn')} style={{ marginBottom: 12 }} />
            <Flex gap={8} align="flex-start">
              <Input.TextArea
                readOnly
                value={created.token}
                autoSize
                style={{ fontFamily: 'monospace', flex: 1, minWidth: 0 }}
                data-testid="token-value"
                onFocus={(e) => e.currentTarget.select()}
              />
              <Button
                icon={<CopyOutlined />}
                onClick={() => void copy(created.token)}
                data-testid="token-copy"
              >
                {t('common.copy')}
              </Button>
            </Flex>
          </>
        )}
      </Modal>
    </>
  );
}
