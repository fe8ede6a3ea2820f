/**
 * What the outbox carries (MSG-1, MSG-5, MSG-6): every message type, the channels it may take, the named
 * parameters it carries and how long it is worth sending (zod-free; contracts and the server read it).
 * Parameters are short values — a case number, a kind, a place, a clock, a tier — never a resident's name or
 * phone (MSG-7).
 */
import { NOTIFICATION_TYPES } from '../notifications/types';
import type { CaseKind } from '../policy/defaults';

type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const MESSAGE_CHANNELS = ['sms', 'webhook'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'expired', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Whom a type is for: staff users, a bare phone (the office's on-call phone), a resident account (slice 2). */
export type MessageAudience = 'staff' | 'phone' | 'resident';

export interface MessageTypeSpec {
  audience: readonly MessageAudience[];
  channels: readonly MessageChannel[];
  /** the parameter names a template may use, in a sensible order for a new SMS template */
  params: readonly string[];
  /** after this long unsent the message is finished `expired` (MSG-2) */
  ttlMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The staff messages that may go by SMS (MSG-5, MSG-6); the settings page pre-ticks them for a new provider. */
export const SMS_MESSAGE_TYPES = {
  /** an emergency received (EMERGENCY-1's people) */
  emergency: {
    audience: ['staff'],
    channels: ['sms', 'webhook'],
    params: ['number', 'kind', 'place'],
    ttlMs: 2 * HOUR,
  },
  /** an emergency received outside its office's desk hours: the office's on-call phone (MSG-6) */
  emergency_on_call: {
    audience: ['phone'],
    channels: ['sms', 'webhook'],
    params: ['number', 'kind', 'place'],
    ttlMs: 2 * HOUR,
  },
  /** a repair dispatched to its handler */
  repair_dispatched: {
    audience: ['staff'],
    channels: ['sms', 'webhook'],
    params: ['number', 'kind', 'place'],
    ttlMs: 12 * HOUR,
  },
  /** a breached case escalated to a tier's people (ESCALATE-2) */
  breach_escalated: {
    audience: ['staff'],
    channels: ['sms', 'webhook'],
    params: ['number', 'clock', 'tier'],
    ttlMs: 12 * HOUR,
  },
  /** an administrator's test send from the settings page */
  test: { audience: ['staff', 'phone'], channels: ['sms', 'webhook'], params: ['number'], ttlMs: HOUR },
} as const satisfies Record<string, MessageTypeSpec>;

/** Every bell type also goes out by webhook (a WeChat gateway, the company's own system), never by SMS. */
const BELL_PARAMS = ['number', 'clock', 'tier', 'relatedNumber', 'title', 'day', 'count'] as const;
const bellTypes = Object.fromEntries(
  NOTIFICATION_TYPES.map((t) => [
    t,
    { audience: ['staff'], channels: ['webhook'], params: BELL_PARAMS, ttlMs: 24 * HOUR } as MessageTypeSpec,
  ]),
) as Record<NotificationType, MessageTypeSpec>;

/**
 * Room for later: slice 2 adds `login_code` (resident, sms, TTL 5 min, its code erased once finished, MSG-7).
 * A bell type and a message type of the same name (`emergency`) are one type: the message's spec wins.
 */
export const MESSAGE_TYPES: Readonly<Record<MessageType, MessageTypeSpec>> = {
  ...bellTypes,
  ...SMS_MESSAGE_TYPES,
};

export type MessageType = NotificationType | keyof typeof SMS_MESSAGE_TYPES;

export const MESSAGE_TYPE_NAMES = Object.keys({ ...bellTypes, ...SMS_MESSAGE_TYPES }) as MessageType[];

/** The four staff types the settings page switches on when a company first chooses an SMS provider. */
export const DEFAULT_SMS_TYPES: readonly MessageType[] = [
  'emergency',
  'emergency_on_call',
  'repair_dispatched',
  'breach_escalated',
];

export const isMessageType = (t: string): t is MessageType => Object.hasOwn(MESSAGE_TYPES, t);

export function allowsChannel(type: string, channel: MessageChannel): boolean {
  return isMessageType(type) && MESSAGE_TYPES[type].channels.includes(channel);
}

/** When a message of `type` made at `at` stops being worth sending. */
export const expiresAt = (type: MessageType, at: Date) => new Date(at.getTime() + MESSAGE_TYPES[type].ttlMs);

/** A parameter value as a template takes it: text, at most 20 characters (Aliyun's and Tencent's variable cap). */
export const PARAM_MAX_CHARS = 20;
export const paramValue = (v: unknown): string | null =>
  v === null || v === undefined || typeof v === 'object'
    ? null
    : Array.from(String(v)).slice(0, PARAM_MAX_CHARS).join('');

/**
 * The parameters of a message from its bell entry's data: only the names its type allows, as short text.
 * Anything else in the data (ids, names) stays behind (MSG-7).
 */
export function messageParams(type: MessageType, data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of MESSAGE_TYPES[type].params) {
    const given = data[name];
    // a case kind is said as the SMS reader says it
    const v = paramValue(
      name === 'kind' && typeof given === 'string' && Object.hasOwn(KIND_LABEL_ZH, given)
        ? KIND_LABEL_ZH[given as CaseKind]
        : given,
    );
    if (v !== null && v !== '') out[name] = v;
  }
  return out;
}

/** A case kind as an SMS says it (zh-CN: the texts are Chinese operators' SMS). */
export const KIND_LABEL_ZH: Readonly<Record<CaseKind, string>> = {
  complaint: '投诉',
  repair: '报修',
  inquiry: '咨询',
  suggestion: '建议',
  praise: '表扬',
  other: '其他',
};
