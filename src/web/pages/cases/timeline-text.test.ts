/**
 * What the timeline says about the entries of the newer actions: verification (HANDLE-1), arrival on site, a
 * corrective action completed (HANDLE-3), the resident told while routing (ROUTE-2), a case closed on the spot
 * (INTAKE-11).
 */
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types';
import { uiText, type UiKey, type UiParams } from '../../i18n/dictionaries';
import type { I18n } from '../../i18n/i18n';
import { summarise } from './CaseTimeline';

const i18n = (locale: 'zh-CN' | 'en-US'): I18n => ({
  locale,
  setLocale: () => {},
  t: (key: UiKey, params?: UiParams) => uiText(locale, key, params),
  label: (prefix, v) => uiText(locale, `${prefix}.${v}` as UiKey),
  dateTime: (iso) => iso ?? '—',
  date: (iso) => iso ?? '—',
});

const HANDLER = '00000000-0000-4000-8000-0000000000c1';
const names = new Map([[HANDLER, '王师傅']]);
const entry = (type: TimelineEntry['type'], data: Record<string, unknown>): TimelineEntry => ({
  seq: 1,
  at: '2026-11-24T06:00:00.000Z',
  actor: null,
  type,
  data,
  hash: 'h',
});
const zh = (e: TimelineEntry) => summarise(e, i18n('zh-CN'), names);

describe('timeline entries of the newer actions', () => {
  it('a verification reads how it was verified and what was found', () => {
    expect(zh(entry('verified', { method: 'both_parties', findings: '保安当班时确有顶撞业主' }))).toEqual([
      ['核实方式', '听取双方意见'],
      ['核实情况', '保安当班时确有顶撞业主'],
    ]);
  });

  it('an arrival reads when and who', () => {
    expect(zh(entry('arrived', { at: '2026-11-24T06:20:00.000Z', handlerId: HANDLER }))).toEqual([
      ['到场时间', '2026-11-24T06:20:00.000Z'],
      ['责任人', '王师傅'],
    ]);
  });

  it('a completed corrective action reads what was done', () => {
    expect(zh(entry('corrective_completed', { result: '已更换全部楼道灯具' }))).toEqual([
      ['完成情况', '已更换全部楼道灯具'],
    ]);
  });

  it('a route that told the resident reads how, and the time promised', () => {
    const rows = zh(
      entry('routed', {
        target: { type: 'department', id: HANDLER },
        residentTold: { via: 'hotline', promisedBy: '2026-11-25T10:00:00.000Z' },
      }),
    );
    expect(rows).toContainEqual(['告知方式', '12345热线']);
    expect(rows).toContainEqual(['承诺完成时间', '2026-11-25T10:00:00.000Z']);
    expect(
      zh(entry('routed', { target: { type: 'department', id: HANDLER } })).map(([k]) => k),
    ).not.toContain('告知方式');
  });

  it('a case closed at intake reads 当场办结; a director’s closing its reason', () => {
    expect(zh(entry('closed', { closure: 'on_the_spot' }))).toEqual([['结案方式', '当场办结']]);
    expect(zh(entry('closed', { reason: '业主已搬离' }))).toEqual([['原因', '业主已搬离']]);
  });

  it('reads in English too', () => {
    expect(summarise(entry('verified', { method: 'site', findings: 'x' }), i18n('en-US'), names)).toEqual([
      ['How it was verified', 'On site'],
      ['Findings', 'x'],
    ]);
  });
});
