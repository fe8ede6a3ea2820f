/**
 * A company's message settings as stored (MSG-3, MSG-4): one sender per channel (its credentials sealed), one
 * switch per message type and channel, and the version the settings are saved under as a whole.
 */
import { sql } from 'drizzle-orm';
import type { MessageChannel } from '../../domain/messages/types';
import type { Tx } from '../db/client';

export type SenderRecord = {
  channel: MessageChannel;
  provider: string;
  settings: Record<string, unknown>;
  secret: string | null;
  version: number;
};
export type SwitchRecord = {
  type: string;
  channel: MessageChannel;
  enabled: boolean;
  template: { code: string; signName?: string; params: { name: string; from: string }[] } | null;
};

export async function readSettings(db: Tx, companyId: string) {
  const [senders, switches, version] = await Promise.all([
    db.execute<SenderRecord>(sql`select channel, provider, settings, secret, version from message_senders
      where company_id = ${companyId}`),
    db.execute<SwitchRecord>(sql`select type, channel, enabled, template from message_type_channels
      where company_id = ${companyId} order by type, channel`),
    db.execute<{ version: number }>(
      sql`select version from message_settings where company_id = ${companyId}`,
    ),
  ]);
  return { senders: senders.rows, switches: switches.rows, version: version.rows[0]?.version ?? 1 };
}

/** The settings' version, locked for a change (its row made on first use). */
export async function lockSettings(tx: Tx, companyId: string, at: Date): Promise<number> {
  await tx.execute(sql`insert into message_settings (company_id, updated_at) values (${companyId}, ${at.toISOString()}::timestamptz)
    on conflict (company_id) do nothing`);
  const { rows } = await tx.execute<{ version: number }>(
    sql`select version from message_settings where company_id = ${companyId} for update`,
  );
  return rows[0].version;
}

export async function bumpSettings(tx: Tx, companyId: string, actorId: string, at: Date) {
  await tx.execute(sql`update message_settings set version = version + 1, updated_at = ${at.toISOString()}::timestamptz,
    updated_by_id = ${actorId} where company_id = ${companyId}`);
}

/**
 * A channel's sender as given: removed when null; a changed provider drops the stored credentials (their shape
 * is the provider's). Every change raises the row's version, which the sender cache is keyed by.
 */
export async function saveSender(
  tx: Tx,
  companyId: string,
  channel: MessageChannel,
  sender: { provider: string; settings: Record<string, unknown> } | null,
  actorId: string,
  at: Date,
) {
  if (!sender) {
    await tx.execute(
      sql`delete from message_senders where company_id = ${companyId} and channel = ${channel}`,
    );
    return;
  }
  await tx.execute(sql`insert into message_senders as ms (company_id, channel, provider, settings, updated_at, updated_by_id)
    values (${companyId}, ${channel}, ${sender.provider}, ${JSON.stringify(sender.settings)}::jsonb,
      ${at.toISOString()}::timestamptz, ${actorId})
    on conflict (company_id, channel) do update set provider = excluded.provider, settings = excluded.settings,
      secret = case when ms.provider = excluded.provider then ms.secret else null end,
      version = ms.version + 1, updated_at = excluded.updated_at, updated_by_id = excluded.updated_by_id`);
}

export async function replaceSwitches(tx: Tx, companyId: string, switches: readonly SwitchRecord[]) {
  await tx.execute(sql`delete from message_type_channels where company_id = ${companyId}`);
  if (!switches.length) return;
  await tx.execute(sql`insert into message_type_channels (company_id, type, channel, enabled, template)
    select ${companyId}::uuid, v.type, v.channel, v.enabled, v.template::jsonb
    from unnest(${sql.param(switches.map((s) => s.type))}::text[], ${sql.param(switches.map((s) => s.channel))}::text[],
      ${sql.param(switches.map((s) => s.enabled))}::boolean[],
      ${sql.param(switches.map((s) => (s.template ? JSON.stringify(s.template) : null)))}::text[])
      as v(type, channel, enabled, template)`);
}

/** Sets or clears a channel's sealed credentials; false when the channel has no sender. */
export async function saveSecret(
  tx: Tx,
  companyId: string,
  channel: MessageChannel,
  secret: string | null,
  actorId: string,
  at: Date,
): Promise<boolean> {
  const { rows } = await tx.execute<{ channel: string }>(sql`update message_senders set secret = ${secret},
      version = version + 1, updated_at = ${at.toISOString()}::timestamptz, updated_by_id = ${actorId}
    where company_id = ${companyId} and channel = ${channel} returning channel`);
  return rows.length > 0;
}

/** A user of the company with their phone, for a test send. */
export async function userPhone(db: Tx, companyId: string, userId: string) {
  const { rows } = await db.execute<{ id: string; phone: string | null }>(
    sql`select id, phone from users where company_id = ${companyId} and id = ${userId} and active`,
  );
  return rows[0];
}
