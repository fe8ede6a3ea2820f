/**
 * The one interface every way out of the building stands behind (MSG-1, MSG-2): the development table, a
 * company's signed webhook, Aliyun SMS and Tencent Cloud SMS. The delivery worker claims due messages from the
 * outbox, hands each to its company's sender for the channel, and records the result; a sender never retries by
 * itself and never throws for a provider's answer — an unexpected throw counts as `retry` with code `exception`.
 */
export type Locale = 'zh-CN' | 'en-US';

export type MessageChannel = 'sms' | 'webhook';

/** Whom a message is for. A user's phone is read at send time from the register (no copy kept in the outbox). */
export interface MessageRecipient {
  kind: 'user' | 'resident' | 'phone';
  userId?: string;
  residentAccountId?: string;
  /** canonical mainland number (REGISTER-4), resolved before the sender is called; absent for a webhook to a user */
  phone?: string;
  /** a user's 工号, for a webhook receiver to find them in its own system */
  jobNumber?: string;
}

/** An SMS provider template for one message type (MSG-3): the code the provider approved and its named parameters. */
export interface SmsTemplate {
  code: string;
  /** overrides the sender's sign name for this type */
  signName?: string;
  /** in the provider's order (Tencent takes an ordered array; Aliyun a JSON object by name) */
  params: { name: string; from: string }[];
}

export interface OutgoingMessage {
  id: string;
  /** stable over every attempt: Aliyun `OutId`, Tencent `SessionContext`, webhook `Idempotency-Key` */
  idempotencyKey: string;
  companyId: string;
  type: string;
  channel: MessageChannel;
  /** short named values: a case number, a kind, a place, a clock — never a resident's name or phone (MSG-7) */
  params: Record<string, string>;
  to: MessageRecipient;
  /** our own text in each language: the webhook's body and the bell's */
  text: Record<Locale, string>;
  /** SMS only */
  template?: SmsTemplate;
  caseId?: string | null;
  createdAt: Date;
}

export type SendResult =
  | { outcome: 'sent'; code: string; providerMessageId?: string; httpStatus?: number }
  | {
      outcome: 'retry' | 'failed';
      code: string;
      httpStatus?: number;
      /** the provider asked to wait at least this long (Retry-After, a rate limit's window) */
      hintMs?: number;
      /** the provider's message, redacted, at most 200 characters */
      detail?: string;
    };

export interface Sender {
  readonly kind: 'dev' | 'http' | 'aliyun' | 'tencent';
  send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult>;
}
