import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseFactsHash, type CaseFactsAsGiven } from './facts-digest';

const given: CaseFactsAsGiven = {
  description: '3栋2单元楼道灯不亮',
  reporterName: '张先生',
  reporterPhone: '13800138000',
  reporterAnonymous: false,
  roomId: '0190a000-0000-7000-8000-000000000001',
  address: null,
  receivedAt: new Date('2026-03-10T02:00:00.123Z'),
  channel: 'phone',
  kind: 'repair',
};

describe('the facts digest of a case as first given (docs/adr/0017)', () => {
  it('is SHA-256 of the canonical JSON of the nine facts, absent ones as null, the instant as ISO with ms', () => {
    const json =
      '{"address":null,"channel":"phone","description":"3栋2单元楼道灯不亮","kind":"repair",' +
      '"receivedAt":"2026-03-10T02:00:00.123Z","reporterAnonymous":false,"reporterName":"张先生",' +
      '"reporterPhone":"13800138000","roomId":"0190a000-0000-7000-8000-000000000001"}';
    expect(caseFactsHash(given)).toBe(createHash('sha256').update(json, 'utf8').digest('hex'));
  });

  it.each([
    ['description', '3栋2单元楼道灯亮了'],
    ['reporterName', '李女士'],
    ['reporterPhone', '13900139000'],
    ['reporterAnonymous', true],
    ['roomId', null],
    ['address', '翠湖苑东门'],
    ['receivedAt', new Date('2026-03-10T02:00:00.124Z')],
    ['channel', 'visit'],
    ['kind', 'complaint'],
  ] as const)('changes when %s changes', (key, value) => {
    expect(caseFactsHash({ ...given, [key]: value })).not.toBe(caseFactsHash(given));
  });
});
