/**
 * The delivery record and the message settings (MSG-1…4, MSG-9): what the endpoints of `outbox` and
 * `messageSettings` do. Credentials go in sealed and never come out (MSG-4); the settings refuse a channel
 * switched on without a configured sender (MSG-3) and the development sender in production.
 */
import type {
  CredentialsBody,
  MessageChannel,
  OutboxMessage,
  PutMessageSettingsBody,
  TestSendBody,
} from '../../contracts/outbox';
import { fieldError, notFound, ruleViolation, versionConflict } from '../../domain/errors';
import { senderUsable } from '../../domain/messages/switches';
import {
  allowsChannel,
  expiresAt,
  isMessageType,
  MESSAGE_CHANNELS,
  MESSAGE_TYPE_NAMES,
  MESSAGE_TYPES,
} from '../../domain/messages/types';
import { maskPhone } from '../../domain/privacy/mask';
import { parsePhone } from '../../domain/property/phone';
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import * as settingsRepo from './message-settings.repository';
import * as repo from './outbox.repository';
import { secretBox } from './secrets';
import { webhookUrlProblem } from './senders/http';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toMessage(r: repo.MessageListRow): OutboxMessage {
  return {
    id: r.id,
    type: r.type,
    channel: r.channel,
    recipient: {
      kind: r.recipient_kind,
      user: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
      phone: r.phone ? maskPhone(r.phone) : null,
    },
    caseId: r.case_id,
    caseNumber: r.case_number,
    status: r.status,
    attempts: r.attempts,
    lastCode: r.last_code,
    nextAttemptAt: r.status === 'pending' || r.status === 'sending' ? iso(r.next_attempt_at) : null,
    expiresAt: iso(r.expires_at)!,
    sentAt: iso(r.sent_at),
    createdAt: iso(r.created_at)!,
  };
}

/** Which credential fields each provider takes. */
const CREDENTIAL_SHAPE: Record<string, string> = {
  aliyun: 'accessKeyId',
  tencent: 'secretId',
  http: 'secret',
};

export function outboxService({ db, clock, config }: AppDeps) {
  const view = async (companyId: string) => {
    const s = await settingsRepo.readSettings(db, companyId);
    const sender = (channel: MessageChannel) => {
      const row = s.senders.find((x) => x.channel === channel);
      return row
        ? { provider: row.provider, settings: row.settings ?? {}, credentialsSet: row.secret !== null }
        : null;
    };
    return {
      senders: { sms: sender('sms'), webhook: sender('webhook') },
      types: MESSAGE_TYPE_NAMES.map((type) => ({
        type,
        allowed: [...MESSAGE_TYPES[type].channels],
        params: [...MESSAGE_TYPES[type].params],
        channels: s.switches
          .filter((w) => w.type === type)
          .map((w) => ({ channel: w.channel, enabled: w.enabled, template: w.template })),
      })),
      version: s.version,
    };
  };

  return {
    async list(
      actor: RequestActor,
      q: {
        limit: number;
        cursor?: string;
        status?: string;
        type?: string;
        channel?: string;
        caseId?: string;
      },
    ) {
      const list = await repo.listMessages(db, actor.companyId, q);
      return { ...list, items: list.items.map(toMessage) };
    },

    async get(actor: RequestActor, id: string) {
      const m = await repo.getMessage(db, actor.companyId, id);
      if (!m) throw notFound();
      return {
        ...toMessage(m),
        attemptLog: m.attemptRows.map((a) => ({
          attempt: a.attempt,
          at: iso(a.started_at)!,
          finishedAt: iso(a.finished_at)!,
          outcome: a.outcome as 'sent' | 'retry' | 'failed' | 'expired',
          code: a.code,
          httpStatus: a.http_status,
        })),
      };
    },

    async retry(actor: RequestActor, id: string) {
      const done = await db.transaction(async (tx) => {
        const m = await repo.getMessage(tx, actor.companyId, id);
        if (!m) throw notFound();
        const retried = await repo.retryMessage(tx, actor.companyId, id, clock.now());
        if (!retried) throw ruleViolation('message_not_finished', {});
        return (await repo.getMessage(tx, actor.companyId, id))!;
      });
      return toMessage(done);
    },

    getSettings: (actor: RequestActor) => view(actor.companyId),

    async putSettings(actor: RequestActor, body: PutMessageSettingsBody) {
      const production = config.env === 'production';
      for (const channel of MESSAGE_CHANNELS) {
        const sender = body.senders[channel];
        if (!sender) continue;
        if (production && sender.provider === 'dev') throw ruleViolation('dev_sender_in_production', {});
        if (
          sender.provider === 'http' &&
          webhookUrlProblem(sender.settings.url, config.env) === 'insecure_url'
        )
          throw ruleViolation('insecure_url', {});
        if (production && 'protocol' in sender.settings && sender.settings.protocol === 'http')
          throw ruleViolation('insecure_url', {});
      }
      const now = clock.now();
      await db.transaction(async (tx) => {
        const version = await settingsRepo.lockSettings(tx, actor.companyId, now);
        if (version !== body.version) throw versionConflict(version);
        const current = await settingsRepo.readSettings(tx, actor.companyId);
        // the senders as they will be: credentials kept only for an unchanged provider
        const next = MESSAGE_CHANNELS.flatMap((channel) => {
          const given = body.senders[channel];
          if (!given) return [];
          const before = current.senders.find((x) => x.channel === channel);
          return [
            {
              channel,
              provider: given.provider,
              credentialsSet: !!before?.secret && before.provider === given.provider,
            },
          ];
        });
        const seen = new Set<string>();
        for (const w of body.types) {
          const key = `${w.type}:${w.channel}`;
          if (seen.has(key)) throw fieldError({ types: 'field.duplicate_switch' });
          seen.add(key);
          if (!w.enabled) continue;
          if (!isMessageType(w.type) || !allowsChannel(w.type, w.channel))
            throw ruleViolation('channel_not_allowed', { type: w.type, channel: w.channel });
          if (
            !senderUsable(
              next.find((x) => x.channel === w.channel),
              config.env,
            )
          )
            throw ruleViolation('sender_not_configured', { channel: w.channel });
        }
        for (const channel of MESSAGE_CHANNELS)
          await settingsRepo.saveSender(
            tx,
            actor.companyId,
            channel,
            body.senders[channel],
            actor.userId,
            now,
          );
        await settingsRepo.replaceSwitches(
          tx,
          actor.companyId,
          body.types.map((w) => ({
            type: w.type,
            channel: w.channel,
            enabled: w.enabled,
            template: w.template ?? null,
          })),
        );
        await settingsRepo.bumpSettings(tx, actor.companyId, actor.userId, now);
      });
      return view(actor.companyId);
    },

    async putCredentials(actor: RequestActor, channel: MessageChannel, body: CredentialsBody) {
      const seal = secretBox().seal;
      // MERGE SWITCH (secret-box): until sealing is wired, saving credentials is refused like a missing key
      if (!config.secretKey || !seal) throw ruleViolation('secret_key_missing', {});
      const now = clock.now();
      await db.transaction(async (tx) => {
        await settingsRepo.lockSettings(tx, actor.companyId, now);
        const s = await settingsRepo.readSettings(tx, actor.companyId);
        const sender = s.senders.find((x) => x.channel === channel);
        if (!sender || sender.provider === 'dev') throw ruleViolation('sender_not_configured', { channel });
        const field = CREDENTIAL_SHAPE[sender.provider];
        if (!field || !(field in body))
          throw fieldError({ [Object.keys(body)[0] ?? 'body']: 'field.credentials_shape' });
        const sealed = seal(config.secretKey!, actor.companyId, channel, JSON.stringify(body));
        await settingsRepo.saveSecret(tx, actor.companyId, channel, sealed, actor.userId, now);
        await settingsRepo.bumpSettings(tx, actor.companyId, actor.userId, now);
      });
      return { ok: true as const };
    },

    async deleteCredentials(actor: RequestActor, channel: MessageChannel) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await settingsRepo.lockSettings(tx, actor.companyId, now);
        await settingsRepo.saveSecret(tx, actor.companyId, channel, null, actor.userId, now);
        await settingsRepo.bumpSettings(tx, actor.companyId, actor.userId, now);
      });
      return { ok: true as const };
    },

    async test(actor: RequestActor, body: TestSendBody) {
      const now = clock.now();
      let to: repo.EnqueueMessage['to'];
      if (body.phone) {
        const parsed = parsePhone(body.phone);
        if (!parsed.ok || parsed.kind !== 'mobile') throw fieldError({ phone: 'field.on_call_phone_mobile' });
        to = { kind: 'phone', phone: parsed.canonical };
      } else {
        const user = await settingsRepo.userPhone(db, actor.companyId, body.userId ?? actor.userId);
        if (!user) throw fieldError({ userId: 'field.user_not_found' });
        if (body.channel === 'sms' && !user.phone) throw ruleViolation('recipient_no_phone', {});
        to = { kind: 'user', userId: user.id };
      }
      const s = await settingsRepo.readSettings(db, actor.companyId);
      const sender = s.senders.find((x) => x.channel === body.channel);
      if (!senderUsable(sender && { ...sender, credentialsSet: sender.secret !== null }, config.env))
        throw ruleViolation('sender_not_configured', { channel: body.channel });
      if (
        body.channel === 'sms' &&
        !s.switches.find((w) => w.type === 'test' && w.channel === 'sms')?.template?.code
      )
        throw ruleViolation('template_missing', {});
      const [made] = await db.transaction((tx) =>
        repo.enqueue(
          tx,
          [
            {
              companyId: actor.companyId,
              type: 'test',
              to,
              params: {},
              expiresAt: expiresAt('test', now),
              channels: [body.channel],
            },
          ],
          now,
        ),
      );
      if (!made) throw ruleViolation('sender_not_configured', { channel: body.channel });
      return { messageId: made.id };
    },

    async devMessages(actor: RequestActor, q: { phone?: string; type?: string }) {
      const rows = await repo.listDevMessages(db, actor.companyId, q);
      return {
        items: rows.map((r) => ({
          id: r.id,
          messageId: r.message_id,
          idempotencyKey: r.idempotency_key,
          type: r.type,
          channel: r.channel,
          recipient: r.recipient,
          params: r.params,
          text: r.text,
          createdAt: iso(r.created_at)!,
        })),
      };
    },
  };
}
