/**
 * Where sender credentials are sealed and opened (MSG-4): AES-256-GCM under HUIYIN_SECRET_KEY with the company
 * and channel as AAD, in src/server/platform/secret-box.ts.
 *
 * The box opens and seals with secret-box's AES-256-GCM.
 */
import { openSecret, sealSecret } from '../platform/secret-box';
import type { MessageChannel } from './sender';

/** The stored text (`v1:<keyId>:<iv b64>:<tag b64>:<ct b64>`) opened to its plaintext; throws when unreadable. */
export type OpenSecret = (key: Buffer, companyId: string, channel: MessageChannel, stored: string) => string;
/** The plaintext (JSON of the provider's credentials) sealed for this company and channel. */
export type SealSecret = (
  key: Buffer,
  companyId: string,
  channel: MessageChannel,
  plaintext: string,
) => string;

export interface SecretBox {
  open: OpenSecret | null;
  seal: SealSecret | null;
}

const box: SecretBox = {
  open: (key, companyId, channel, stored) => JSON.stringify(openSecret(key, { companyId, channel }, stored)),
  seal: (key, companyId, channel, plaintext) =>
    sealSecret(key, { companyId, channel }, JSON.parse(plaintext) as object),
};

export const secretBox = (): SecretBox => box;
