/**
 * The development sender (MSG-9): stores each message in `dev_messages` — a deduplicating receiver, one row per
 * idempotency key — and logs only its id and type. Production refuses it (retried, so nothing is lost while an
 * administrator configures a real sender).
 */
import type { Db } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Env } from '../../../domain/messages/switches';
import { insertDevMessageSql } from '../outbox.repository';
import type { OutgoingMessage, SendResult, Sender } from '../sender';

export interface OutboxLog {
  info: (o: object, m: string) => void;
  warn: (o: object, m: string) => void;
  error: (o: object, m: string) => void;
}

export function createDevSender(deps: { db: Db; clock: Clock; env: Env; log: OutboxLog }): Sender {
  return {
    kind: 'dev',
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (deps.env === 'production') return { outcome: 'retry', code: 'dev_sender_refused' };
      await deps.db.execute(
        insertDevMessageSql({
          companyId: m.companyId,
          messageId: m.id,
          idempotencyKey: m.idempotencyKey,
          type: m.type,
          channel: m.channel,
          recipient: Object.fromEntries(Object.entries(m.to).filter(([, v]) => v !== undefined)),
          params: m.params,
          text: m.text,
          at: deps.clock.now(),
        }),
      );
      deps.log.info({ messageId: m.id, type: m.type }, 'dev message stored');
      return { outcome: 'sent', code: 'dev_stored' };
    },
  };
}
