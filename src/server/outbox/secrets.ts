/**
 * Where sender credentials are sealed and opened (MSG-4): AES-256-GCM under HUIYIN_SECRET_KEY with the company
 * and channel as AAD, in src/server/platform/secret-box.ts.
 *
 * MERGE SWITCH (secret-box) — secret-box.ts is built beside the outbox. When it lands, replace the `box` below by
 * (its sealSecret/openSecret take the scope as one object and the plaintext as an object):
 *
 *   import { openSecret, sealSecret } from '../platform/secret-box';
 *   let box: SecretBox = {
 *     open: (key, companyId, channel, stored) => JSON.stringify(openSecret(key, { companyId, channel }, stored)),
 *     seal: (key, companyId, channel, plaintext) =>
 *       sealSecret(key, { companyId, channel }, JSON.parse(plaintext) as object),
 *   };
 *
 * Until then `open`/`seal` are null: saving credentials answers 422 secret_key_missing, and a send retries
 * `credentials_unreadable` (kept, not lost). Tests install a box with setSecretBox.
 */
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

// MERGE SWITCH: replace with { open: openSecret, seal: sealSecret } from '../platform/secret-box'.
let box: SecretBox = { open: null, seal: null };

export const secretBox = (): SecretBox => box;

/** Tests (and the merge, until wired above) install the box; returns the previous one. */
export function setSecretBox(next: SecretBox): SecretBox {
  const previous = box;
  box = next;
  return previous;
}
