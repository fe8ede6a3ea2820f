/**
 * What the timeline says about the entries of the newer actions: verification (HANDLE-1), arrival on site, a
 * corrective action completed (HANDLE-3), the resident told while routing (ROUTE-2), a case closed on the spot
 * (INTAKE-11); a referral and the director's decision (ESCALATE-3, SUGGEST-1), a leader's meeting (HANDLE-6), a
 * special incident (HANDLE-7), what a sister unit was given and the written report handed over (ROUTE-3), an
 * external unit's contact given with the routing (ROUTE-4).
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
const DIRECTOR = '00000000-0000-4000-8000-0000000000c2';
const WATER = '00000000-0000-4000-8000-0000000000d1';
const names = new Map([
  [HANDLER, '王师傅'],
  [DIRECTOR, '张主任'],
  [WATER, '市自来水公司'],
]);
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

  it('a referral reads its reason; a decision what was decided, by whom and how', () => {
    expect(zh(entry('referred', { reason: '涉及多个部门，管理处协调不了', tier: 2 }))).toEqual([
      ['转交原因', '涉及多个部门，管理处协调不了'],
    ]);
    expect(
      zh(entry('decided', { decision: 'handle', handlerId: HANDLER, note: '工程部牵头，三天内修复' })),
    ).toEqual([
      ['决定', '处理'],
      ['责任人', '王师傅'],
      ['处理意见', '工程部牵头，三天内修复'],
    ]);
    expect(zh(entry('decided', { decision: 'adopt', plan: '下月起增设夜间巡逻' }))).toEqual([
      ['决定', '采纳'],
      ['整改方案', '下月起增设夜间巡逻'],
    ]);
    expect(zh(entry('decided', { decision: 'decline', reason: '超出物业服务合同范围' }))).toEqual([
      ['决定', '不采纳'],
      ['不采纳的原因', '超出物业服务合同范围'],
    ]);
  });

  it('a meeting arranged reads who and when; a special incident what happened, at intake or later', () => {
    expect(
      zh(entry('leader_meeting_arranged', { leaderId: DIRECTOR, at: '2026-11-26T02:00:00.000Z' })),
    ).toEqual([
      ['接待领导', '张主任'],
      ['接待时间', '2026-11-26T02:00:00.000Z'],
    ]);
    expect(zh(entry('special_incident', { reason: '业主在大堂聚集' }))).toEqual([
      ['事件情况', '业主在大堂聚集'],
    ]);
    expect(zh(entry('received', { channel: 'visit', specialIncident: true }))).toContainEqual([
      '特殊事件',
      '是',
    ]);
  });

  it('a contact reads what the unit was given and the resident’s agreement; a report its delivery', () => {
    const rows = zh(
      entry('contact_recorded', {
        unitId: WATER,
        contactPerson: '刘工',
        via: '电话',
        passed: ['name', 'contact', 'matter'],
        residentAgreed: true,
      }),
    );
    expect(rows).toContainEqual(['告知对方的业主信息', '姓名、联系方式、事项']);
    expect(rows).toContainEqual(['业主同意告知', '是']);
    expect(
      zh(
        entry('contact_recorded', { unitId: WATER, contactPerson: '刘工', via: '电话', passed: ['matter'] }),
      ),
    ).not.toContainEqual(['业主同意告知', '是']);
    expect(
      zh(
        entry('report_sent', { unitId: WATER, copies: 2, receiver: '刘工', at: '2026-11-24T07:00:00.000Z' }),
      ),
    ).toEqual([
      ['送达单位', '市自来水公司'],
      ['份数', '2'],
      ['接收人', '刘工'],
      ['送达时间', '2026-11-24T07:00:00.000Z'],
    ]);
  });

  it('a route to an external unit reads the address and phone the resident was given', () => {
    const rows = zh(
      entry('routed', {
        target: { type: 'externalUnit', id: WATER },
        unitContact: { name: '市自来水公司', address: '人民路 8 号', phone: '96116' },
      }),
    );
    expect(rows).toContainEqual(['单位地址', '人民路 8 号']);
    expect(rows).toContainEqual(['单位电话', '96116']);
  });

  it('reads in English too', () => {
    expect(summarise(entry('verified', { method: 'site', findings: 'x' }), i18n('en-US'), names)).toEqual([
      ['How it was verified', 'On site'],
      ['Findings', 'x'],
    ]);
  });

  it('reads the decisions in English too', () => {
    expect(summarise(entry('decided', { decision: 'decline', reason: 'x' }), i18n('en-US'), names)).toEqual([
      ['Decision', 'Decline'],
      ['Why it is declined', 'x'],
    ]);
  });
});
