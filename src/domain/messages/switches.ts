/**
 * Which channels a message of a type goes by for a company (MSG-3): a channel only if the company switched the
 * type on for it, the type allows it, its sender is configured (credentials set, unless the development sender),
 * an SMS switch names its template code, and the development sender is not used in production. The enqueue SQL
 * (src/server/outbox/outbox.repository.ts, switchJoin) applies the same rule inside its statement.
 */
import { allowsChannel, type MessageChannel } from './types';

export interface TypeChannelSwitch {
  type: string;
  channel: MessageChannel;
  enabled: boolean;
  template?: { code?: string | null } | null;
}

export interface ConfiguredSender {
  channel: MessageChannel;
  provider: string;
  credentialsSet: boolean;
}

export type Env = 'development' | 'production' | 'test';

export function senderUsable(sender: ConfiguredSender | undefined, env: Env): boolean {
  if (!sender) return false;
  if (sender.provider === 'dev') return env !== 'production';
  return sender.credentialsSet;
}

export function channelsFor(
  type: string,
  switches: readonly TypeChannelSwitch[],
  senders: readonly ConfiguredSender[],
  env: Env,
): MessageChannel[] {
  return switches
    .filter((s) => s.type === type && s.enabled && allowsChannel(type, s.channel))
    .filter((s) =>
      senderUsable(
        senders.find((x) => x.channel === s.channel),
        env,
      ),
    )
    .filter((s) => s.channel !== 'sms' || !!s.template?.code)
    .map((s) => s.channel)
    .filter((c, i, all) => all.indexOf(c) === i);
}
