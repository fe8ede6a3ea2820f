import { describe, expect, it } from 'vitest';
import { caseNumberPrefix } from '../policy/policy';
import { caseNumberYear, formatCaseNumber, parseCaseNumber } from './number';

describe('INTAKE-8: <prefix>-<year>-<6+ digits>', () => {
  it('INTAKE-8: TS-2026-000123', () => {
    expect(formatCaseNumber('TS', 2026, 123)).toBe('TS-2026-000123');
    expect(formatCaseNumber(caseNumberPrefix('repair'), 2026, 1)).toBe('BX-2026-000001');
  });

  it('INTAKE-8: 6+ digits — a 7th digit after 999999', () => {
    expect(formatCaseNumber('ZX', 2026, 999_999)).toBe('ZX-2026-999999');
    expect(formatCaseNumber('ZX', 2026, 1_000_000)).toBe('ZX-2026-1000000');
  });

  it('INTAKE-8: the year of receivedAt in the company time zone — 2026-12-31T16:30Z is 2027 in Asia/Shanghai', () => {
    const receivedAt = new Date('2026-12-31T16:30:00Z');
    expect(caseNumberYear(receivedAt)).toBe(2027);
    expect(caseNumberYear(receivedAt, 'Asia/Shanghai')).toBe(2027);
    expect(caseNumberYear(receivedAt, 'UTC')).toBe(2026);
    expect(caseNumberYear(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
  });

  it('refuses a bad prefix, year or sequence', () => {
    expect(() => formatCaseNumber('ts', 2026, 1)).toThrow(RangeError);
    expect(() => formatCaseNumber('T-S', 2026, 1)).toThrow(RangeError);
    expect(() => formatCaseNumber('TS', 26, 1)).toThrow(RangeError);
    expect(() => formatCaseNumber('TS', 2026, 0)).toThrow(RangeError);
    expect(() => formatCaseNumber('TS', 2026, 1.5)).toThrow(RangeError);
  });

  it('parses a typed number back, case-insensitively', () => {
    expect(parseCaseNumber(' ts-2026-000123 ')).toEqual({ prefix: 'TS', year: 2026, seq: 123 });
    expect(parseCaseNumber('TS-2026-123')).toBeNull();
    expect(parseCaseNumber('漏水')).toBeNull();
  });
});
