/**
 * The sender of a company's channel (MSG-3): built from its `message_senders` row and cached by the row's
 * version, so SDK clients and keep-alive sockets are reused until an administrator changes the settings. The
 * credentials are opened here and only here (MSG-4).
 */
import { createAliyunSender, type AliyunCredentials, type AliyunSettings } from './aliyun';
import { createTencentSender, type TencentCredentials, type TencentSettings } from './tencent';
import type { MessageChannel } from '../../../domain/messages/types';
import type { Env } from '../../../domain/messages/switches';
import type { Db } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { secretBox } from '../secrets';
import type { SendResult, Sender } from '../sender';
import { createDevSender, type OutboxLog } from './dev';
import { createHttpSender, type HttpSettings } from './http';

/** The SMS providers' senders (src/server/outbox/senders/aliyun.ts, tencent.ts): settings, opened credentials. */
export type ProviderSenderFactory = (
  settings: Record<string, unknown>,
  credentials: Record<string, string>,
  /** as src/server/outbox/senders/sms-call.ts SmsSenderOptions */
  opts: { timeoutMs: number; production: boolean },
) => Sender;

/** The official SDKs' senders; the settings were checked by the contract when saved, the credentials by putCredentials. */
const SMS_PROVIDERS: Partial<Record<'aliyun' | 'tencent', ProviderSenderFactory>> = {
  aliyun: (s, c, o) =>
    createAliyunSender(s as unknown as AliyunSettings, c as unknown as AliyunCredentials, o),
  tencent: (s, c, o) =>
    createTencentSender(s as unknown as TencentSettings, c as unknown as TencentCredentials, o),
};

/** A sender that answers one retry code: misconfigured or not yet available, the message waits (MSG-2). */
const waiting = (kind: Sender['kind'], code: string): Sender => ({
  kind,
  send: async (): Promise<SendResult> => ({ outcome: 'retry', code }),
});

export interface SenderRow {
  companyId: string;
  channel: MessageChannel;
  provider: string | null;
  version: number | null;
  settings: Record<string, unknown> | null;
  secret: string | null;
}

export interface SenderFactoryDeps {
  db: Db;
  clock: Clock;
  env: Env;
  secretKey?: Buffer;
  sendTimeoutMs: number;
  log: OutboxLog;
  /** tests: a fetch standing in for the network */
  fetch?: typeof fetch;
  /** tests: providers standing in for aliyun/tencent */
  smsProviders?: Partial<Record<'aliyun' | 'tencent', ProviderSenderFactory>>;
}

export type SenderFactory = (row: SenderRow) => Sender;

export function createSenderFactory(deps: SenderFactoryDeps): SenderFactory {
  const cache = new Map<string, { version: number; provider: string; sender: Sender }>();
  const providers = { ...SMS_PROVIDERS, ...deps.smsProviders };

  const credentialsOf = (
    row: SenderRow,
  ):
    { credentials: Record<string, string>; code?: undefined } | { credentials?: undefined; code: string } => {
    if (!row.secret) return { code: 'credentials_missing' };
    if (!deps.secretKey) return { code: 'secret_key_missing' };
    const open = secretBox().open;
    if (!open) return { code: 'credentials_unreadable' };
    try {
      const parsed = JSON.parse(open(deps.secretKey, row.companyId, row.channel, row.secret)) as unknown;
      if (!parsed || typeof parsed !== 'object') return { code: 'credentials_unreadable' };
      return { credentials: parsed as Record<string, string> };
    } catch {
      // a changed key, a ciphertext of another company: kept, retried until fixed (never logged)
      return { code: 'credentials_unreadable' };
    }
  };

  const build = (row: SenderRow): Sender => {
    const provider = row.provider!;
    if (provider === 'dev') return createDevSender(deps);
    const opened = credentialsOf(row);
    if (!opened.credentials) return waiting(provider === 'http' ? 'http' : 'aliyun', opened.code);
    if (provider === 'http' && row.channel === 'webhook')
      return createHttpSender(
        (row.settings ?? {}) as unknown as HttpSettings,
        { secret: String(opened.credentials.secret ?? '') },
        { env: deps.env, clock: deps.clock, fetch: deps.fetch },
      );
    if ((provider === 'aliyun' || provider === 'tencent') && row.channel === 'sms') {
      const make = providers[provider];
      if (!make) return waiting(provider, 'sender_unavailable');
      return make(row.settings ?? {}, opened.credentials, {
        timeoutMs: deps.sendTimeoutMs,
        production: deps.env === 'production',
      });
    }
    return waiting('dev', 'sender_not_configured');
  };

  return (row) => {
    if (!row.provider || row.version === null) return waiting('dev', 'sender_not_configured');
    const key = `${row.companyId}:${row.channel}`;
    const cached = cache.get(key);
    if (cached && cached.version === row.version && cached.provider === row.provider) return cached.sender;
    const sender = build(row);
    cache.set(key, { version: row.version, provider: row.provider, sender });
    return sender;
  };
}
