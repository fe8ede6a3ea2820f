/**
 * Sender credentials at rest (MSG-4): AES-256-GCM under `HUIYIN_SECRET_KEY`, one random 12-byte IV per seal, the
 * 16-byte tag kept beside the ciphertext. The additional data is `<companyId>:<channel>`, so a ciphertext copied
 * into another company's row, or from the SMS row to the webhook row, does not open. The stored form names the key
 * by the first 8 hex digits of its SHA-256, so a changed key is told apart from a tampered value:
 *
 *     v1:<keyId>:<iv base64>:<tag base64>:<ciphertext base64>
 *
 * Opening fails with `SecretUnreadableError` (code `secret_unreadable`) and never says more than why in one word:
 * no part of the plaintext, the key or the stored text is put in the error.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SecretScope {
  companyId: string;
  channel: string;
}

export type SecretUnreadableReason = 'malformed' | 'key_changed' | 'not_authentic';

export class SecretUnreadableError extends Error {
  readonly code = 'secret_unreadable' as const;
  constructor(readonly reason: SecretUnreadableReason) {
    super(`secret_unreadable: ${reason}`);
    this.name = 'SecretUnreadableError';
  }
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES)
    throw new RangeError(`the secret key must be ${KEY_BYTES} bytes (AES-256)`);
}

/** The first 8 hex digits of the key's SHA-256: names the key without revealing it. */
export function secretKeyId(key: Buffer): string {
  checkKey(key);
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

const additionalData = (scope: SecretScope) => Buffer.from(`${scope.companyId}:${scope.channel}`, 'utf8');

export function sealSecret(key: Buffer, aad: SecretScope, plaintext: object): string {
  const keyId = secretKeyId(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(aad));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plaintext), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(
    ':',
  );
}

function decodeBase64(text: string, bytes?: number): Buffer {
  if (!BASE64.test(text)) throw new SecretUnreadableError('malformed');
  const buffer = Buffer.from(text, 'base64');
  if (bytes !== undefined && buffer.length !== bytes) throw new SecretUnreadableError('malformed');
  return buffer;
}

export function openSecret(key: Buffer, aad: SecretScope, stored: string): Record<string, unknown> {
  const keyId = secretKeyId(key);
  const parts = typeof stored === 'string' ? stored.split(':') : [];
  if (parts.length !== 5 || parts[0] !== VERSION || !/^[0-9a-f]{8}$/.test(parts[1]))
    throw new SecretUnreadableError('malformed');
  const iv = decodeBase64(parts[2], IV_BYTES);
  const tag = decodeBase64(parts[3], TAG_BYTES);
  const ciphertext = decodeBase64(parts[4]);
  if (parts[1] !== keyId) throw new SecretUnreadableError('key_changed');

  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(aad));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadableError('not_authentic');
  }
  let value: unknown;
  try {
    value = JSON.parse(plaintext);
  } catch {
    throw new SecretUnreadableError('malformed');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SecretUnreadableError('malformed');
  return value as Record<string, unknown>;
}
