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
