import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF_MS, deliveryStep, nextDelayMs } from './backoff';
import { classifyWebhook, retryAfterMs } from './classify';
import { withinDeskHours } from './desk-hours';
import { channelsFor, type ConfiguredSender, type TypeChannelSwitch } from './switches';
import { NOTIFICATION_TYPES } from '../notifications/types';
import { expiresAt, MESSAGE_TYPES, messageParams } from './types';

const NOTIFICATION_TYPES_AS_WEBHOOK_ONLY = NOTIFICATION_TYPES.filter((t) => t !== 'emergency');
import { sign, verify } from './webhook-signature';

const ID = '00000000-0000-4000-8000-000000000001';

describe('message types (MSG-5)', () => {
  it('the four staff SMS types and the test allow sms and webhook; every bell type is webhook-only', () => {
    for (const t of [
      'emergency',
      'emergency_on_call',
      'repair_dispatched',
      'breach_escalated',
      'test',
    ] as const)
      expect(MESSAGE_TYPES[t].channels).toEqual(['sms', 'webhook']);
    for (const t of NOTIFICATION_TYPES_AS_WEBHOOK_ONLY)
      expect(MESSAGE_TYPES[t].channels).toEqual(['webhook']);
  });
  it('params keep only the type’s names, as text of at most 20 characters (MSG-7)', () => {
    expect(
      messageParams('emergency', {
        number: 'TS-2026-000001',
        kind: '报修',
        place: '一二三四五六七八九十一二三四五六七八九十超出',
        reporterName: '张三',
        reporterPhone: '13812345678',
      }),
    ).toEqual({ number: 'TS-2026-000001', kind: '报修', place: '一二三四五六七八九十一二三四五六七八九十' });
    expect(messageParams('breach_escalated', { number: 'X', tier: 2, clock: 'resolve', caseId: ID })).toEqual(
      {
        number: 'X',
        tier: '2',
        clock: 'resolve',
      },
    );
  });
  it('expires after the type’s TTL', () => {
    expect(expiresAt('emergency', new Date('2026-01-01T00:00:00Z')).toISOString()).toBe(
      '2026-01-01T02:00:00.000Z',
    );
  });
});

describe('channelsFor (MSG-3)', () => {
  const on = (
    channel: 'sms' | 'webhook',
    type = 'emergency',
    code: string | null = 'SMS_1',
  ): TypeChannelSwitch => ({
    type,
    channel,
    enabled: true,
    template: code ? { code } : null,
  });
  const sms: ConfiguredSender = { channel: 'sms', provider: 'aliyun', credentialsSet: true };
  const hook: ConfiguredSender = { channel: 'webhook', provider: 'http', credentialsSet: true };
  it.each<[string, string, TypeChannelSwitch[], ConfiguredSender[], 'production' | 'development', string[]]>([
    ['both on', 'emergency', [on('sms'), on('webhook')], [sms, hook], 'production', ['sms', 'webhook']],
    ['no row', 'emergency', [], [sms, hook], 'production', []],
    ['disabled', 'emergency', [{ ...on('sms'), enabled: false }], [sms], 'production', []],
    ['sms without template code', 'emergency', [on('sms', 'emergency', null)], [sms], 'production', []],
    [
      'webhook needs no template',
      'emergency',
      [on('webhook', 'emergency', null)],
      [hook],
      'production',
      ['webhook'],
    ],
    ['no sender', 'emergency', [on('sms')], [hook], 'production', []],
    ['no credentials', 'emergency', [on('sms')], [{ ...sms, credentialsSet: false }], 'production', []],
    [
      'dev in production',
      'emergency',
      [on('sms')],
      [{ ...sms, provider: 'dev', credentialsSet: false }],
      'production',
      [],
    ],
    [
      'dev in development',
      'emergency',
      [on('sms')],
      [{ ...sms, provider: 'dev', credentialsSet: false }],
      'development',
      ['sms'],
    ],
    [
      'sms on a webhook-only type',
      'assigned',
      [on('sms', 'assigned'), on('webhook', 'assigned')],
      [sms, hook],
      'production',
      ['webhook'],
    ],
    ['another type’s switch', 'emergency', [on('sms', 'repair_dispatched')], [sms], 'production', []],
  ])('%s', (_, type, switches, senders, env, expected) => {
    expect(channelsFor(type, switches, senders, env)).toEqual(expected);
  });
});

describe('backoff (MSG-2)', () => {
  it('follows the schedule per attempt within ±10 %', () => {
    DEFAULT_BACKOFF_MS.forEach((base, i) => {
      const d = nextDelayMs(ID, i + 1);
      expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.9));
      expect(d).toBeLessThanOrEqual(Math.min(Math.ceil(base * 1.1), 3_600_000));
    });
    expect(nextDelayMs(ID, 40)).toBeLessThanOrEqual(3_600_000);
    expect(nextDelayMs(ID, 40)).toBeGreaterThanOrEqual(3_240_000);
  });
  it('jitter is deterministic per (id, attempt) and differs across ids', () => {
    expect(nextDelayMs(ID, 3)).toBe(nextDelayMs(ID, 3));
    const many = new Set(Array.from({ length: 20 }, (_, i) => nextDelayMs(`id-${i}`, 3)));
    expect(many.size).toBeGreaterThan(10);
  });
  it('a hint raises the delay, capped at one hour', () => {
    expect(nextDelayMs(ID, 1, 30_000)).toBe(30_000);
    expect(nextDelayMs(ID, 1, 1_000)).toBeLessThan(6_000);
    expect(nextDelayMs(ID, 1, 86_400_000)).toBe(3_600_000);
  });
  it('a schedule given by config replaces the default', () => {
    expect(nextDelayMs(ID, 1, undefined, [100, 200])).toBeLessThanOrEqual(110);
    expect(nextDelayMs(ID, 9, undefined, [100, 200])).toBeGreaterThanOrEqual(180);
  });
  const now = new Date('2026-01-01T00:00:00Z');
  const msg = { id: ID, attempts: 1, expiresAt: new Date('2026-01-01T00:30:00Z') };
  it.each([
    ['sent', { outcome: 'sent', code: 'OK' }, 'sent', 'sent', false],
    ['failed', { outcome: 'failed', code: 'x' }, 'failed', 'failed', false],
    ['retry', { outcome: 'retry', code: 'x' }, 'pending', 'retry', true],
    ['retry past expiry', { outcome: 'retry', code: 'x', hintMs: 3_600_000 }, 'expired', 'expired', false],
  ] as const)('deliveryStep: %s', (_, result, status, outcome, hasNext) => {
    const step = deliveryStep(msg, result, now);
    expect(step).toMatchObject({ status, outcome });
    expect(step.nextAttemptAt !== null).toBe(hasNext);
  });
});

describe('classifyWebhook (MSG-2)', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    [200, 'sent'],
    [204, 'sent'],
    [408, 'retry'],
    [425, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [400, 'failed'],
    [401, 'failed'],
    [404, 'failed'],
    [410, 'failed'],
  ])('HTTP %i → %s', (status, outcome) => {
    expect(classifyWebhook({ status }, now).outcome).toBe(outcome);
  });
  it('timeout and network errors retry', () => {
    expect(classifyWebhook({ error: 'timeout' }, now)).toEqual({ outcome: 'retry', code: 'timeout' });
    expect(classifyWebhook({ error: 'network' }, now)).toEqual({ outcome: 'retry', code: 'network' });
  });
  it('honours Retry-After in seconds or as a date', () => {
    expect(classifyWebhook({ status: 429, retryAfter: '120' }, now)).toMatchObject({ hintMs: 120_000 });
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('withinDeskHours (MSG-6)', () => {
  const day = { opens: '08:00', closes: '20:00' };
  // Shanghai is UTC+8: 08:00 local = 00:00 UTC
  it.each([
    ['2026-03-09T23:59:00Z', false], // 07:59
    ['2026-03-10T00:00:00Z', true], // 08:00
    ['2026-03-10T11:59:00Z', true], // 19:59
    ['2026-03-10T12:00:00Z', false], // 20:00
  ])('%s in Shanghai → %s', (at, within) => {
    expect(withinDeskHours(new Date(at), day, 'Asia/Shanghai')).toBe(within);
  });
  it('wraps midnight when closing comes first', () => {
    const night = { opens: '20:00', closes: '08:00' };
    expect(withinDeskHours(new Date('2026-03-10T15:00:00Z'), night, 'Asia/Shanghai')).toBe(true); // 23:00
    expect(withinDeskHours(new Date('2026-03-09T23:00:00Z'), night, 'Asia/Shanghai')).toBe(true); // 07:00
    expect(withinDeskHours(new Date('2026-03-10T04:00:00Z'), night, 'Asia/Shanghai')).toBe(false); // 12:00
  });
});

describe('webhook signature (MSG-8)', () => {
  const body = '{"id":"x"}';
  const now = new Date('2026-01-01T00:00:00Z');
  const t = now.getTime() / 1000;
  it('signs t and body; verify accepts it', () => {
    const header = sign('s3cret', t, body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(header, body, 's3cret', now)).toEqual({ ok: true, t });
  });
  it('refuses another body, another secret, a stale or future t, a malformed header', () => {
    const header = sign('s3cret', t, body);
    expect(verify(header, '{"id":"y"}', 's3cret', now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(header, body, 'other', now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(header, body, 's3cret', new Date(now.getTime() + 301_000))).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verify(sign('s3cret', t + 400, body), body, 's3cret', now)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verify(header, body, 's3cret', new Date(now.getTime() + 300_000)).ok).toBe(true);
    expect(verify('v1=abc', body, 's3cret', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(undefined, body, 's3cret', now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
