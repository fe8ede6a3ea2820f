import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { Role } from '../../contracts/auth';
import {
  ActionBodies,
  CaseActionName,
  CaseKind,
  CaseState,
  Channel,
  ClockName,
  RepairType,
  Satisfaction,
  Severity,
  TimelineEntry,
} from '../../contracts/cases';
import { NotificationType } from '../../contracts/notifications';
import { DepartmentFunction, PartnerRelation, PartnerService } from '../../contracts/org';
import { ResidentRelation, RoomStatus } from '../../contracts/property';
import { ImportChange } from '../../contracts/property-import';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';
import { DICTIONARIES, uiText } from './dictionaries';
import { SubjectType, ViolationKind, ViolationStatus } from '../../contracts/accountability';
import { ProblemScopeType, ProblemStatus } from '../../contracts/problems';
import { MESSAGES } from '../../contracts/messages';
import { CHANNELS } from '../../contracts/values/cases';

const holes = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('web UI texts (UI-4: zh-CN by default, en-US complete)', () => {
  it('every zh-CN key exists in en-US and the other way round', () => {
    const zh = Object.keys(zhCN).sort();
    const en = Object.keys(enUS).sort();
    expect(
      en.filter((k) => !(k in zhCN)),
      'only in en-US',
    ).toEqual([]);
    expect(
      zh.filter((k) => !(k in enUS)),
      'only in zh-CN',
    ).toEqual([]);
    expect(en).toEqual(zh);
  });

  it('no text is empty in either language', () => {
    for (const [locale, table] of Object.entries(DICTIONARIES))
      for (const [key, text] of Object.entries(table)) expect(text.trim(), `${locale} ${key}`).not.toBe('');
  });

  it('placeholders match between the languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[])
      expect(holes(enUS[key]), key).toEqual(holes(zhCN[key]));
  });

  it('the English table is English: no Chinese outside quoted examples and the spoken greeting', () => {
    // building/unit/room names are Chinese data, so examples of them may stay Chinese
    const allowed = new Set([
      'company.greeting',
      'building.namePlaceholder',
      'unit.namePlaceholder',
      'resident.chooseRoom',
    ]);
    for (const [key, text] of Object.entries(enUS))
      if (!allowed.has(key)) expect(/[\u4e00-\u9fff]/.test(text), `${key}: ${text}`).toBe(false);
  });

  it('every enum value of the contracts has a label in both languages', () => {
    const enums: [string, readonly string[]][] = [
      ['role', Role.options],
      ['departmentFunction', DepartmentFunction.options],
      ['partnerRelation', PartnerRelation.options],
      ['partnerService', PartnerService.options],
      ['roomStatus', RoomStatus.options],
      ['residentRelation', ResidentRelation.options],
      ['importChange', ImportChange.options],
      // cases: every state, kind, clock, action and timeline type is shown in both languages
      ['caseState', CaseState.options],
      ['caseKind', CaseKind.options],
      ['severity', Severity.options],
      ['channel', Channel.options],
      ['repairType', RepairType.options],
      ['repairHint', RepairType.options],
      ['clock', ClockName.options],
      ['action', CaseActionName.options],
      ['satisfaction', Satisfaction.options],
      ['callbackMethod', ActionBodies.callback.shape.method.options],
      ['replyVia', ActionBodies.reply.shape.via.options],
      ['verifyMethod', ActionBodies.verify.shape.method.options],
      ['decision', ActionBodies.recordDecision.shape.decision.options],
      ['passedData', ActionBodies.recordContact.shape.passed.unwrap().element.options],
      ['timelineType', TimelineEntry.shape.type.options],
      ['notification', NotificationType.options],
      // reports
      ['violationKind', ViolationKind.options],
      ['violationStatus', ViolationStatus.options],
      ['subjectType', SubjectType.options],
      ['problemStatus', ProblemStatus.options],
      ['problemScope', ProblemScopeType.options],
    ];
    for (const [prefix, values] of enums)
      for (const v of values) {
        expect(zhCN, `zh-CN ${prefix}.${v}`).toHaveProperty([`${prefix}.${v}`]);
        expect(enUS, `en-US ${prefix}.${v}`).toHaveProperty([`${prefix}.${v}`]);
      }
  });

  it('dates read 2026年11月24日 14:05 in zh-CN (UI-4)', () => {
    const at = dayjs('2026-11-24T14:05:00');
    expect(at.format(uiText('zh-CN', 'format.dateTime'))).toBe('2026年11月24日 14:05');
    expect(at.format(uiText('en-US', 'format.dateTime'))).toBe('2026-11-24 14:05');
    expect(uiText('zh-CN', 'common.total', { total: 12 })).toBe('共 12 条');
    expect(uiText('en-US', 'common.total', { total: 12 })).toBe('12 in total');
  });
});

/** Copy on screens (UI-12): what a user reads names things one way, in plain words. */
describe('UI-12 the copy on screens', () => {
  it('en-US has no Chinese punctuation (，、：；（）。) — a Chinese name inside a text keeps ASCII punctuation', () => {
    for (const [key, text] of Object.entries(enUS))
      expect(/[，、：；（）。！？【】]/.test(text), `${key}: ${text}`).toBe(false);
  });

  it('no regulation reference or time-zone id is shown: they belong in docs/rules.md and the code', () => {
    const regulation =
      /\b00[0-4]\s*(第|篇|通知|art\.|part|regulation)|第[一二三四五六七八九十百]+条|篇\d|regulation \d/;
    const zoneId = /\b(Asia|Europe|America|Africa|Australia|Pacific|Etc)\/[A-Z]\w+/;
    const tables = { ...DICTIONARIES, 'server zh-CN': MESSAGES['zh-CN'], 'server en-US': MESSAGES['en-US'] };
    for (const [locale, table] of Object.entries(tables))
      for (const [key, text] of Object.entries(table)) {
        expect(regulation.test(text), `${locale} ${key}: ${text}`).toBe(false);
        expect(zoneId.test(text), `${locale} ${key}: ${text}`).toBe(false);
      }
  });

  it('one name per channel: the console and the server’s reports call each channel the same', () => {
    for (const locale of ['zh-CN', 'en-US'] as const)
      for (const c of CHANNELS)
        expect(MESSAGES[locale][`report.channel.${c}`], `${locale} ${c}`).toBe(
          uiText(locale, `channel.${c}`),
        );
    // the hotline is named as staff say it, wherever it appears
    expect(uiText('zh-CN', 'channel.hotline')).toBe('12345热线');
    expect(uiText('zh-CN', 'replyVia.hotline')).toBe('12345热线');
    for (const [key, text] of Object.entries(zhCN))
      expect(/12345 热线|热线转办/.test(text), `${key}: ${text}`).toBe(false);
  });

  it('the menu names each page once in each language (no two pages called “Dashboard”)', () => {
    for (const [locale, table] of Object.entries(DICTIONARIES)) {
      const nav = Object.entries(table).filter(([k]) => k.startsWith('nav.'));
      const names = nav.map(([, v]) => v);
      expect(
        names.filter((n, i) => names.indexOf(n) !== i),
        locale,
      ).toEqual([]);
    }
  });

  it('English counts agree with their number: {count|time|times}', () => {
    expect(uiText('en-US', 'caseDetail.reopened', { count: 1 })).toBe('Reopened 1 time');
    expect(uiText('en-US', 'caseDetail.reopened', { count: 2 })).toBe('Reopened 2 times');
    expect(uiText('en-US', 'caseDetail.reopened', { count: 0 })).toBe('Reopened 0 times');
    expect(uiText('zh-CN', 'caseDetail.reopened', { count: 1 })).toBe('已重新处理 1 次');
    expect(uiText('en-US', 'tree.roomCount', { count: 1 })).toBe('1 room');
    // no English text counts with a bare plural or "(s)" after a number it does not agree with
    for (const [key, text] of Object.entries(enUS)) {
      expect(/\(s\)/.test(text), `${key}: ${text}`).toBe(false);
      for (const m of text.matchAll(
        /\{(\w+)\} (?:\w+ )?(times|items|rooms|errors|cases|days|months|matters|words|callbacks|problems|categories|summaries)\b/g,
      ))
        expect(m[0], `${key}: ${text}`).toBe(`{${m[1]}|`);
    }
  });
});
