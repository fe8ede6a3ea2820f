import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration parsed once with zod (OPS-1)', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.seed).toBe('demo');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.session).toEqual({ idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 });
    expect(c.login).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000, maxPerIp: 50 });
  });

  it('names every bad value in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', HUIYIN_SEED: 'lots' })).toThrow(
      /PORT[\s\S]*DATABASE_URL: must start with postgres:\/\/[\s\S]*HUIYIN_SEED/,
    );
  });

  it('HUIYIN_SEED is demo, minimal or none (OPS-4)', () => {
    expect(loadConfig({ HUIYIN_SEED: 'minimal' }).seed).toBe('minimal');
    expect(loadConfig({ HUIYIN_SEED: 'none' }).seed).toBe('none');
    expect(loadConfig({ NODE_ENV: 'production', HUIYIN_SEED: 'minimal' }).seed).toBe('none');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });

  it('production: no demo seed, no fake clock, demo password refused for the first admin', () => {
    expect(loadConfig({ NODE_ENV: 'production', HUIYIN_SEED: 'demo' }).seed).toBe('none');
    expect(() => loadConfig({ NODE_ENV: 'production', HUIYIN_FAKE_CLOCK: '1' })).toThrow(/HUIYIN_FAKE_CLOCK/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        HUIYIN_ADMIN_USERNAME: 'boss',
        HUIYIN_ADMIN_PASSWORD: 'huiyin-demo',
      }),
    ).toThrow(/demo password/);
    expect(() => loadConfig({ NODE_ENV: 'production', HUIYIN_ADMIN_USERNAME: 'boss' })).toThrow(
      /HUIYIN_ADMIN_PASSWORD/,
    );
    expect(
      loadConfig({
        NODE_ENV: 'production',
        HUIYIN_ADMIN_USERNAME: 'boss',
        HUIYIN_ADMIN_PASSWORD: 'a-long-secret',
      }).admin,
    ).toEqual({
      username: 'boss',
      password: 'a-long-secret',
    });
  });
});

describe('HUIYIN_ALLOWED_ORIGINS (cookie writes only from our own origin: cookie writes only from our own pages)', () => {
  it('is empty by default and normalises each comma-separated origin', () => {
    expect(loadConfig({}).allowedOrigins).toEqual([]);
    expect(
      loadConfig({ HUIYIN_ALLOWED_ORIGINS: ' http://LOCALHOST:5173 , https://desk.example.com:443/,' })
        .allowedOrigins,
    ).toEqual(['http://localhost:5173', 'https://desk.example.com']);
  });

  it('names a value that is not an origin', () => {
    for (const bad of ['localhost:5173', 'https://desk.example.com/app', 'ftp://x.example', '*', 'null'])
      expect(() => loadConfig({ HUIYIN_ALLOWED_ORIGINS: `http://ok.example,${bad}` }), bad).toThrow(
        new RegExp(`HUIYIN_ALLOWED_ORIGINS: "${bad.replace(/[.*/]/g, '\\$&')}" is not an origin`),
      );
  });
});

describe('HUIYIN_SECRET_KEY and HUIYIN_OUTBOX_* (MSG-2, MSG-4)', () => {
  const hex = 'ab'.repeat(32);
  it('parses the key from 64 hex characters or base64 of 32 bytes; absent by default', () => {
    expect(loadConfig({}).secretKey).toBeUndefined();
    expect(loadConfig({ HUIYIN_SECRET_KEY: hex }).secretKey).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ HUIYIN_SECRET_KEY: b64 }).secretKey).toEqual(Buffer.alloc(32, 7));
  });
  it('names a key of the wrong length or alphabet', () => {
    for (const bad of ['ab'.repeat(31), Buffer.alloc(16).toString('base64'), 'not a key', 'zz'.repeat(32)])
      expect(() => loadConfig({ HUIYIN_SECRET_KEY: bad }), bad).toThrow(
        /HUIYIN_SECRET_KEY: must be 32 bytes/,
      );
  });
  it('outbox settings: defaults, values, and a lease longer than the send timeout', () => {
    expect(loadConfig({}).outbox).toEqual({
      batch: 200,
      concurrency: 32,
      sendTimeoutMs: 10_000,
      leaseMs: 60_000,
      backoffMs: undefined,
    });
    expect(
      loadConfig({
        HUIYIN_OUTBOX_BATCH: '50',
        HUIYIN_OUTBOX_CONCURRENCY: '4',
        HUIYIN_OUTBOX_SEND_TIMEOUT_MS: '500',
        HUIYIN_OUTBOX_LEASE_MS: '2000',
        HUIYIN_OUTBOX_BACKOFF_MS: '100, 200,400',
      }).outbox,
    ).toEqual({ batch: 50, concurrency: 4, sendTimeoutMs: 500, leaseMs: 2000, backoffMs: [100, 200, 400] });
    expect(() => loadConfig({ HUIYIN_OUTBOX_LEASE_MS: '5000' })).toThrow(
      /HUIYIN_OUTBOX_LEASE_MS: must be longer/,
    );
    expect(() => loadConfig({ HUIYIN_OUTBOX_BACKOFF_MS: '1000,soon' })).toThrow(/HUIYIN_OUTBOX_BACKOFF_MS/);
    expect(() => loadConfig({ HUIYIN_OUTBOX_BATCH: '0' })).toThrow(/HUIYIN_OUTBOX_BATCH/);
  });
});
