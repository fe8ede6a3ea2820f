/**
 * The outbox's delivery record and each company's message settings (MSG-1…9): senders per channel (credentials
 * write-only: only `credentialsSet` comes back, MSG-4), switches per message type and channel with the SMS
 * template, a test send, and — with HUIYIN_FAKE_CLOCK=1 only — the development sender's store.
 */
import { z } from 'zod';
import { ListQuery } from './common';
import {
  MESSAGE_CHANNELS,
  MESSAGE_STATUSES,
  MESSAGE_TYPE_NAMES,
  MESSAGE_TYPES,
  isMessageType,
} from '../domain/messages/types';

export const MessageChannel = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.infer<typeof MessageChannel>;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export const MessageType = z.enum(MESSAGE_TYPE_NAMES as [string, ...string[]]);

export const OutboxListQuery = ListQuery.extend({
  status: MessageStatus.optional(),
  type: MessageType.optional(),
  channel: MessageChannel.optional(),
  caseId: z.uuid().optional(),
});
export type OutboxListQuery = z.infer<typeof OutboxListQuery>;

export const OutboxMessage = z.object({
  id: z.string(),
  type: z.string(),
  channel: MessageChannel,
  recipient: z.object({
    kind: z.enum(['user', 'resident', 'phone']),
    user: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** a bare phone (the on-call phone), masked: 139****1111 */
    phone: z.string().nullable(),
  }),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  status: MessageStatus,
  /** attempts started so far */
  attempts: z.number().int(),
  lastCode: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  expiresAt: z.string(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxMessageDetail = OutboxMessage.extend({
  /** each attempt and how it ended (MSG-1) */
  attemptLog: z.array(
    z.object({
      attempt: z.number().int(),
      at: z.string(),
      finishedAt: z.string(),
      outcome: z.enum(['sent', 'retry', 'failed', 'expired']),
      code: z.string(),
      httpStatus: z.number().int().nullable(),
    }),
  ),
});
export type OutboxMessageDetail = z.infer<typeof OutboxMessageDetail>;

// ── settings ──────────────────────────────────────────────────────────────────────────────────────────────
const Host = z.string().trim().min(1).max(200);
const Protocol = z.enum(['https', 'http']);

export const AliyunSettings = z.object({
  signName: z.string().trim().min(1).max(40),
  endpoint: Host.optional(),
  protocol: Protocol.optional(),
  regionId: z.string().trim().min(1).max(40).optional(),
});
export const TencentSettings = z.object({
  signName: z.string().trim().min(1).max(40),
  sdkAppId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'field.sdk_app_id'),
  region: z.string().trim().min(1).max(40).optional(),
  endpoint: Host.optional(),
  protocol: Protocol.optional(),
});
export const HttpSettings = z.object({ url: z.url({ protocol: /^https?$/ }).max(500) });

export const SmsSender = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('aliyun'), settings: AliyunSettings }),
  z.object({ provider: z.literal('tencent'), settings: TencentSettings }),
  z.object({ provider: z.literal('dev'), settings: z.object({}).default({}) }),
]);
export const WebhookSender = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('http'), settings: HttpSettings }),
  z.object({ provider: z.literal('dev'), settings: z.object({}).default({}) }),
]);

export const SmsTemplate = z.object({
  code: z.string().trim().min(1).max(40),
  signName: z.string().trim().min(1).max(40).optional(),
  /** in the provider's order: Tencent takes an ordered array, Aliyun a JSON object by name */
  params: z
    .array(
      z.object({
        name: z
          .string()
          .trim()
          .regex(/^\w{1,30}$/),
        from: z.string(),
      }),
    )
    .max(10)
    .default([]),
});
export type SmsTemplate = z.infer<typeof SmsTemplate>;

export const TypeChannelSwitch = z
  .object({
    type: MessageType,
    channel: MessageChannel,
    enabled: z.boolean(),
    template: SmsTemplate.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'sms' && v.enabled && !v.template?.code)
      ctx.addIssue({ code: 'custom', path: ['template', 'code'], message: 'field.template_code_required' });
    if (!isMessageType(v.type)) return;
    const names = MESSAGE_TYPES[v.type].params;
    (v.template?.params ?? []).forEach((p, i) => {
      if (!names.includes(p.from))
        ctx.addIssue({
          code: 'custom',
          path: ['template', 'params', i, 'from'],
          message: 'field.template_param',
        });
    });
  });
export type TypeChannelSwitch = z.infer<typeof TypeChannelSwitch>;

const SenderView = z.object({
  provider: z.string(),
  settings: z.record(z.string(), z.unknown()),
  /** credentials are write-only (MSG-4): whether they are set, never what they are */
  credentialsSet: z.boolean(),
});

export const MessageSettings = z.object({
  senders: z.object({ sms: SenderView.nullable(), webhook: SenderView.nullable() }),
  types: z.array(
    z.object({
      type: z.string(),
      /** the channels the type may take (an SMS only for the staff messages of MSG-5, MSG-6) */
      allowed: z.array(MessageChannel),
      params: z.array(z.string()),
      channels: z.array(
        z.object({ channel: MessageChannel, enabled: z.boolean(), template: SmsTemplate.nullable() }),
      ),
    }),
  ),
  version: z.number().int(),
});
export type MessageSettings = z.infer<typeof MessageSettings>;

export const PutMessageSettingsBody = z.object({
  version: z.number().int().min(1),
  senders: z.object({ sms: SmsSender.nullable(), webhook: WebhookSender.nullable() }),
  types: z.array(TypeChannelSwitch).max(200),
});
export type PutMessageSettingsBody = z.infer<typeof PutMessageSettingsBody>;

export const ChannelParams = z.object({ channel: MessageChannel });

/** The provider's credentials, by its shape: Aliyun AccessKey, Tencent SecretId/SecretKey, a webhook secret. */
export const CredentialsBody = z.union([
  z
    .object({
      accessKeyId: z.string().trim().min(1).max(200),
      accessKeySecret: z.string().trim().min(1).max(200),
    })
    .strict(),
  z
    .object({ secretId: z.string().trim().min(1).max(200), secretKey: z.string().trim().min(1).max(200) })
    .strict(),
  z.object({ secret: z.string().min(16).max(200) }).strict(),
]);
export type CredentialsBody = z.infer<typeof CredentialsBody>;

export const TestSendBody = z
  .object({
    channel: MessageChannel,
    userId: z.uuid().optional(),
    phone: z.string().trim().max(40).optional(),
  })
  .refine((v) => !(v.userId && v.phone), { path: ['phone'], message: 'field.user_or_phone' });
export type TestSendBody = z.infer<typeof TestSendBody>;
export const TestSendResult = z.object({ messageId: z.string() });

export const TestOutboxQuery = z.object({
  phone: z.string().trim().max(40).optional(),
  type: z.string().trim().max(40).optional(),
});
export const TestOutboxList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      messageId: z.string(),
      idempotencyKey: z.string(),
      type: z.string(),
      channel: z.string(),
      recipient: z.record(z.string(), z.string()),
      params: z.record(z.string(), z.string()),
      text: z.record(z.string(), z.string()),
      createdAt: z.string(),
    }),
  ),
});
