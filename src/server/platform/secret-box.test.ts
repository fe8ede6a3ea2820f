import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretUnreadableError, openSecret, sealSecret, secretKeyId } from './secret-box';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const scope = { companyId: '0190a0c4-0000-7000-8000-000000000001', channel: 'sms' };
const credentials = { accessKeyId: 'LTAI5tExampleId', accessKeySecret: 'very-secret-value-不可外泄' };

function unreadable(fn: () => unknown): SecretUnreadableError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretUnreadableError);
    const e = error as SecretUnreadableError;
    expect(e.code).toBe('secret_unreadable');
    // the error never carries the secret (MSG-4)
    expect(`${e.message} ${e.stack}`).not.toContain(credentials.accessKeySecret);
    return e;
  }
  throw new Error('expected the secret to be unreadable');
}

describe('credentials sealed at rest (MSG-4)', () => {
  it('round trip: what is sealed opens to the same object', () => {
    const stored = sealSecret(key, scope, credentials);
    expect(openSecret(key, scope, stored)).toEqual(credentials);
  });

  it('the stored form is v1:<keyId>:<iv>:<tag>:<ciphertext> and holds no plaintext', () => {
    const stored = sealSecret(key, scope, credentials);
    const [version, keyId, iv, tag, ciphertext, ...rest] = stored.split(':');
    expect(rest).toEqual([]);
    expect(version).toBe('v1');
    expect(keyId).toBe(createHash('sha256').update(key).digest('hex').slice(0, 8));
    expect(keyId).toBe(secretKeyId(key));
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(ciphertext.length).toBeGreaterThan(0);
    expect(stored).not.toContain('very-secret');
    expect(stored).not.toContain(Buffer.from(credentials.accessKeySecret).toString('base64'));
  });

  it('each seal draws a new IV: the same credentials never seal to the same text', () => {
    const a = sealSecret(key, scope, credentials);
    const b = sealSecret(key, scope, credentials);
    expect(a).not.toBe(b);
    expect(a.split(':')[2]).not.toBe(b.split(':')[2]);
  });

  it('another key does not open it, and says the key changed', () => {
    const stored = sealSecret(key, scope, credentials);
    expect(unreadable(() => openSecret(otherKey, scope, stored)).reason).toBe('key_changed');
  });

  it('another key relabelled with the right key id still does not open it', () => {
    const stored = sealSecret(key, scope, credentials);
    const parts = stored.split(':');
    parts[1] = secretKeyId(otherKey);
    expect(unreadable(() => openSecret(otherKey, scope, parts.join(':'))).reason).toBe('not_authentic');
  });

  it('a tampered tag does not open', () => {
    const parts = sealSecret(key, scope, credentials).split(':');
    const tag = Buffer.from(parts[3], 'base64');
    tag[0] ^= 1;
    parts[3] = tag.toString('base64');
    expect(unreadable(() => openSecret(key, scope, parts.join(':'))).reason).toBe('not_authentic');
  });

  it('a tampered ciphertext does not open', () => {
    const parts = sealSecret(key, scope, credentials).split(':');
    const ciphertext = Buffer.from(parts[4], 'base64');
    ciphertext[ciphertext.length - 1] ^= 1;
    parts[4] = ciphertext.toString('base64');
    expect(unreadable(() => openSecret(key, scope, parts.join(':'))).reason).toBe('not_authentic');
  });

  it("another company's row does not open it, nor the same company's other channel (TENANT-1)", () => {
    const stored = sealSecret(key, scope, credentials);
    const elsewhere = { companyId: '0190a0c4-0000-7000-8000-000000000002', channel: 'sms' };
    expect(unreadable(() => openSecret(key, elsewhere, stored)).reason).toBe('not_authentic');
    expect(unreadable(() => openSecret(key, { ...scope, channel: 'webhook' }, stored)).reason).toBe(
      'not_authentic',
    );
  });

  it.each([
    [''],
    ['not a secret'],
    ['v2:abcdef01:AAAA:AAAA:AAAA'],
    ['v1:abcdef01:AAAA'],
    ['v1:ABCDEF01:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:AAAA'],
    ['v1:abcdef01:!!!!:AAAAAAAAAAAAAAAAAAAAAA==:AAAA'],
    // an IV or a tag of the wrong length
    [`v1:abcdef01:${randomBytes(8).toString('base64')}:${randomBytes(16).toString('base64')}:AAAA`],
    [`v1:abcdef01:${randomBytes(12).toString('base64')}:${randomBytes(4).toString('base64')}:AAAA`],
  ])('%j is malformed', (stored) => {
    expect(unreadable(() => openSecret(key, scope, stored)).reason).toBe('malformed');
  });

  it('a sealed value that is not an object is malformed', () => {
    // an array is an object to TypeScript, but not a set of credentials
    const stored = sealSecret(key, scope, ['a', 'b']);
    expect(unreadable(() => openSecret(key, scope, stored)).reason).toBe('malformed');
  });

  it('a key that is not 32 bytes is refused outright', () => {
    expect(() => sealSecret(Buffer.alloc(16), scope, credentials)).toThrow(RangeError);
    expect(() => openSecret(Buffer.alloc(31), scope, sealSecret(key, scope, credentials))).toThrow(
      RangeError,
    );
  });
});
