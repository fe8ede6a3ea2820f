/**
 * 系统设置 → 消息通知 (MSG-3, MSG-4): the company's SMS provider and webhook, their credentials write-only (only
 * 已设置 / 未设置 is ever shown), and per message type the channels switched on with the SMS template code. A new
 * SMS provider pre-ticks the four staff types (emergency, on-call, repair dispatched, breach escalated). Admins
 * change it (PUT /api/message-settings with the version read); test sends go through the outbox like any message.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { MessageSettings, PutMessageSettingsBody } from '../../../contracts/outbox';
import { DEFAULT_SMS_TYPES } from '../../../contracts/values/messages';
import { call, isApiError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/zh-CN';

type Channel = 'sms' | 'webhook';
type SmsProvider = 'none' | 'aliyun' | 'tencent' | 'dev';
type WebhookProvider = 'none' | 'http' | 'dev';
interface Draft {
  sms: { provider: SmsProvider; signName: string; sdkAppId: string };
  webhook: { provider: WebhookProvider; url: string };
  /** `${type}:${channel}` → switch */
  switches: Record<string, { enabled: boolean; code: string }>;
}

const PATH = endpoints.messageSettings.get.path;
const key = (type: string, channel: Channel) => `${type}:${channel}`;

function toDraft(s: MessageSettings): Draft {
  const sms = s.senders.sms;
  const hook = s.senders.webhook;
  const switches: Draft['switches'] = {};
  for (const type of s.types)
    for (const c of type.channels)
      switches[key(type.type, c.channel)] = { enabled: c.enabled, code: c.template?.code ?? '' };
  return {
    sms: {
      provider: (sms?.provider ?? 'none') as SmsProvider,
      signName: String(sms?.settings.signName ?? ''),
      sdkAppId: String(sms?.settings.sdkAppId ?? ''),
    },
    webhook: {
      provider: (hook?.provider ?? 'none') as WebhookProvider,
      url: String(hook?.settings.url ?? ''),
    },
    switches,
  };
}

function toBody(s: MessageSettings, d: Draft): PutMessageSettingsBody {
  const sms: PutMessageSettingsBody['senders']['sms'] =
    d.sms.provider === 'aliyun'
      ? { provider: 'aliyun', settings: { signName: d.sms.signName } }
      : d.sms.provider === 'tencent'
        ? { provider: 'tencent', settings: { signName: d.sms.signName, sdkAppId: d.sms.sdkAppId } }
        : d.sms.provider === 'dev'
          ? { provider: 'dev', settings: {} }
          : null;
  const webhook: PutMessageSettingsBody['senders']['webhook'] =
    d.webhook.provider === 'http'
      ? { provider: 'http', settings: { url: d.webhook.url } }
      : d.webhook.provider === 'dev'
        ? { provider: 'dev', settings: {} }
        : null;
  const types: PutMessageSettingsBody['types'] = [];
  for (const type of s.types)
    for (const channel of type.allowed as Channel[]) {
      const w = d.switches[key(type.type, channel)];
      if (!w) continue;
      // the template's parameters are kept as saved; the page edits the code
      const saved = type.channels.find((c) => c.channel === channel)?.template;
      types.push({
        type: type.type,
        channel,
        enabled: w.enabled,
        template:
          channel === 'sms' && w.code
            ? { code: w.code, params: saved?.params ?? [] }
            : channel === 'sms'
              ? null
              : undefined,
      });
    }
  return { version: s.version, senders: { sms, webhook }, types };
}

export default function MessageSettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: [PATH],
    queryFn: ({ signal }) => call(endpoints.messageSettings.get, { signal }),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [creds, setCreds] = useState<Record<string, string>>({});

  useEffect(() => {
    if (settings.data) setDraft(toDraft(settings.data));
  }, [settings.data]);

  if (settings.isLoading || (settings.data && !draft)) return <Skeleton active />;
  if (!settings.data || !draft) return <Alert type="error" showIcon title={settings.error?.message} />;
  const s = settings.data;

  const fail = (e: unknown) => setError(isApiError(e) ? e.message : String(e));
  const refresh = (next: MessageSettings) => {
    queryClient.setQueryData([PATH], next);
    setDraft(toDraft(next));
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      refresh(await call(endpoints.messageSettings.put, { body: toBody(s, draft) }));
      message.success(t('common.saved'));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const saveCredentials = async (channel: Channel) => {
    setError(null);
    const body =
      s.senders[channel]?.provider === 'aliyun'
        ? { accessKeyId: creds.accessKeyId ?? '', accessKeySecret: creds.accessKeySecret ?? '' }
        : s.senders[channel]?.provider === 'tencent'
          ? { secretId: creds.secretId ?? '', secretKey: creds.secretKey ?? '' }
          : { secret: creds.secret ?? '' };
    try {
      await call(endpoints.messageSettings.putCredentials, { params: { channel }, body });
      setCreds({});
      message.success(t('messages.credentialsSaved'));
      await settings.refetch();
    } catch (e) {
      fail(e);
    }
  };
  const deleteCredentials = async (channel: Channel) => {
    try {
      await call(endpoints.messageSettings.deleteCredentials, { params: { channel } });
      await settings.refetch();
    } catch (e) {
      fail(e);
    }
  };
  const testSend = async (channel: Channel) => {
    setError(null);
    try {
      await call(endpoints.messageSettings.test, {
        body: { channel },
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
      message.success(t('messages.testSent'));
    } catch (e) {
      fail(e);
    }
  };

  const setSms = (patch: Partial<Draft['sms']>) => {
    const next = { ...draft, sms: { ...draft.sms, ...patch } };
    // a provider chosen for the first time: the staff messages that cannot wait are pre-ticked (MSG-5, MSG-6)
    if (patch.provider && patch.provider !== 'none' && draft.sms.provider === 'none')
      for (const type of DEFAULT_SMS_TYPES) next.switches[key(type, 'sms')] ??= { enabled: true, code: '' };
    setDraft(next);
  };
  const setSwitch = (type: string, channel: Channel, patch: Partial<{ enabled: boolean; code: string }>) =>
    setDraft({
      ...draft,
      switches: {
        ...draft.switches,
        [key(type, channel)]: {
          ...(draft.switches[key(type, channel)] ?? { enabled: false, code: '' }),
          ...patch,
        },
      },
    });

  const credentialFields = (channel: Channel): { name: string; label: string }[] => {
    const provider = s.senders[channel]?.provider;
    if (provider === 'aliyun')
      return [
        { name: 'accessKeyId', label: 'AccessKey ID' },
        { name: 'accessKeySecret', label: 'AccessKey Secret' },
      ];
    if (provider === 'tencent')
      return [
        { name: 'secretId', label: 'SecretId' },
        { name: 'secretKey', label: 'SecretKey' },
      ];
    if (provider === 'http') return [{ name: 'secret', label: 'Secret' }];
    return [];
  };
  const credentials = (channel: Channel) => {
    const saved = s.senders[channel];
    const chosen = channel === 'sms' ? draft.sms.provider : draft.webhook.provider;
    if (!saved || saved.provider === 'dev' || chosen === 'none' || chosen === 'dev') return null;
    return (
      <div data-testid={`messages-credentials-${channel}`} style={{ marginTop: 12 }}>
        <Space>
          <Typography.Text strong>{t('messages.credentials')}</Typography.Text>
          {saved.credentialsSet ? (
            <Tag color="green" data-testid={`messages-credentials-${channel}-set`}>
              {t('messages.credentialsSet')}
            </Tag>
          ) : (
            <Tag>{t('messages.credentialsNotSet')}</Tag>
          )}
        </Space>
        {saved.provider !== chosen ? (
          <Typography.Paragraph type="secondary">{t('messages.credentialsAfterSave')}</Typography.Paragraph>
        ) : (
          <Flex wrap gap={8} style={{ marginTop: 8 }}>
            {credentialFields(channel).map((f) => (
              <Input.Password
                key={f.name}
                placeholder={f.label}
                autoComplete="new-password"
                style={{ width: 240 }}
                value={creds[f.name] ?? ''}
                onChange={(e) => setCreds({ ...creds, [f.name]: e.target.value })}
                data-testid={`messages-credential-${f.name}`}
              />
            ))}
            <Button
              onClick={() => void saveCredentials(channel)}
              data-testid={`messages-save-credentials-${channel}`}
            >
              {t('messages.saveCredentials')}
            </Button>
            {saved.credentialsSet && (
              <Button danger onClick={() => void deleteCredentials(channel)}>
                {t('messages.deleteCredentials')}
              </Button>
            )}
          </Flex>
        )}
      </div>
    );
  };

  const channelCell = (type: MessageSettings['types'][number], channel: Channel) => {
    if (!type.allowed.includes(channel))
      return <Typography.Text type="secondary">{t('messages.notAllowed')}</Typography.Text>;
    const w = draft.switches[key(type.type, channel)];
    return (
      <Space>
        <Switch
          size="small"
          checked={!!w?.enabled}
          onChange={(enabled) => setSwitch(type.type, channel, { enabled })}
          data-testid={`messages-switch-${type.type}-${channel}`}
        />
        {channel === 'sms' && w?.enabled && (
          <Input
            size="small"
            style={{ width: 140 }}
            placeholder={t('messages.templateCode')}
            value={w.code}
            onChange={(e) => setSwitch(type.type, channel, { code: e.target.value })}
            data-testid={`messages-template-${type.type}`}
          />
        )}
      </Space>
    );
  };

  return (
    <div data-testid="message-settings-page">
      <PageHeader title={t('nav.messages')} />
      <Typography.Paragraph type="secondary">{t('messages.help')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="messages-error"
        />
      )}
      <Flex wrap gap={16} style={{ marginBottom: 16 }}>
        <Card title={t('messages.sms')} style={{ width: '100%', maxWidth: 520 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Select<SmsProvider>
              style={{ width: '100%', maxWidth: 320 }}
              value={draft.sms.provider}
              onChange={(provider) => setSms({ provider })}
              options={(['none', 'aliyun', 'tencent', 'dev'] as const).map((p) => ({
                value: p,
                label: t(`messages.provider.${p}` as UiKey),
              }))}
              data-testid="messages-sms-provider"
            />
            {(draft.sms.provider === 'aliyun' || draft.sms.provider === 'tencent') && (
              <Input
                addonBefore={t('messages.signName')}
                value={draft.sms.signName}
                onChange={(e) => setSms({ signName: e.target.value })}
                data-testid="messages-sign-name"
              />
            )}
            {draft.sms.provider === 'tencent' && (
              <Input
                addonBefore={t('messages.sdkAppId')}
                value={draft.sms.sdkAppId}
                onChange={(e) => setSms({ sdkAppId: e.target.value })}
              />
            )}
          </Space>
          {credentials('sms')}
        </Card>
        <Card title={t('messages.webhook')} style={{ width: '100%', maxWidth: 520 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Select<WebhookProvider>
              style={{ width: '100%', maxWidth: 320 }}
              value={draft.webhook.provider}
              onChange={(provider) => setDraft({ ...draft, webhook: { ...draft.webhook, provider } })}
              options={(['none', 'http', 'dev'] as const).map((p) => ({
                value: p,
                label: t(`messages.provider.${p}` as UiKey),
              }))}
              data-testid="messages-webhook-provider"
            />
            {draft.webhook.provider === 'http' && (
              <Input
                addonBefore={t('messages.url')}
                placeholder="https://"
                value={draft.webhook.url}
                onChange={(e) => setDraft({ ...draft, webhook: { ...draft.webhook, url: e.target.value } })}
                data-testid="messages-webhook-url"
              />
            )}
          </Space>
          {credentials('webhook')}
        </Card>
      </Flex>
      <Card title={t('messages.types')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="type"
          pagination={false}
          dataSource={s.types}
          data-testid="messages-types"
          columns={[
            {
              title: t('messages.type'),
              dataIndex: 'type',
              render: (type: string) => t(`messages.type.${type}` as UiKey),
            },
            { title: t('outbox.channel.sms'), render: (_, type) => channelCell(type, 'sms') },
            { title: t('outbox.channel.webhook'), render: (_, type) => channelCell(type, 'webhook') },
          ]}
        />
      </Card>
      <Space>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="messages-save">
          {t('common.save')}
        </Button>
        <Button
          onClick={() => void testSend('sms')}
          disabled={!s.senders.sms}
          data-testid="messages-test-sms"
        >
          {t('messages.testSms')}
        </Button>
        <Button
          onClick={() => void testSend('webhook')}
          disabled={!s.senders.webhook}
          data-testid="messages-test-webhook"
        >
          {t('messages.testWebhook')}
        </Button>
      </Space>
    </div>
  );
}
