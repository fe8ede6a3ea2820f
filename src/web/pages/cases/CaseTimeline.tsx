/**
 * The case's timeline (append-only, newest last) with the archive check: "存档完整" when the hash chain verifies,
 * "存档被改动" when it does not. Every entry shows its type, actor, time and a summary of its data.
 */
import { endpoints } from '../../api/endpoints';
import type { ReactNode } from 'react';
import { Alert, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useAll, useCan, useDepartments } from '../../api/queries';
import { usePartnerUnits } from '../../api/cases';
import type { CaseDetail, TimelineEntry, TimelineType } from '../../api/types';
import { useI18n, type I18n } from '../../i18n/i18n';
import { formatDuration } from './caseUi';

/** Names for the ids a timeline holds (departments, units, staff), from the registers the viewer can read. */
export function useNameBook(c: CaseDetail | undefined) {
  const can = useCan();
  const departments = useDepartments(can('org.read'));
  const units = usePartnerUnits(can('org.read'));
  const users = useAll(endpoints.users.list, {}, can('users.read'));
  const names = new Map<string, string>();
  for (const d of departments.data?.items ?? []) names.set(d.id, d.name);
  for (const u of units.data?.items ?? []) names.set(u.id, u.name);
  for (const u of users.data?.items ?? []) names.set(u.id, u.name);
  if (c) {
    for (const p of [c.firstResponder, c.handler, c.recordedBy, c.callbackAssignee, c.department, c.office])
      if (p) names.set(p.id, p.name);
    if (c.target) names.set(c.target.id, c.target.name);
    if (c.mergedInto) names.set(c.mergedInto.id, c.mergedInto.number);
  }
  return names;
}

const COLOR: Partial<Record<TimelineType, string>> = {
  received: 'blue',
  resolved: 'green',
  corrective_completed: 'green',
  closed: 'gray',
  clock_warned: 'orange',
  clock_breached: 'red',
  escalated: 'red',
  reopened: 'orange',
  returned: 'orange',
  invalidated: 'gray',
  pii_revealed: 'gray',
  referred: 'orange',
  special_incident: 'red',
};

const str = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));

/** "label: value" lines of an entry's data, in the user's language. */
export function summarise(e: TimelineEntry, i18n: I18n, names: Map<string, string>): [string, ReactNode][] {
  const { t, label, dateTime } = i18n;
  const d = e.data as Record<string, unknown>;
  const name = (id: unknown) =>
    typeof id === 'string' ? (names.get(id) ?? t('timeline.unknownName')) : null;
  const rows: [string, ReactNode | null][] = [];
  switch (e.type) {
    case 'received':
      rows.push(
        [t('case.channel'), label('channel', str(d.channel))],
        [t('case.kind'), label('caseKind', str(d.kind))],
        [t('case.severity'), label('severity', str(d.severity))],
        [t('case.receivedAt'), d.receivedAt ? dateTime(String(d.receivedAt)) : null],
        [t('case.firstResponder'), name(d.firstResponderId)],
      );
      if (d.recordedById && d.recordedById !== d.firstResponderId)
        rows.push([t('case.recordedBy'), name(d.recordedById)]);
      if (d.repairType) rows.push([t('case.repairType'), label('repairType', str(d.repairType))]);
      if (d.selfComplaint) rows.push([t('case.selfComplaint'), t('common.yes')]);
      if (d.specialIncident) rows.push([t('intake.specialIncident'), t('common.yes')]);
      // INTAKE-12: the case closed recently this one repeats
      if (typeof d.relatedCaseId === 'string')
        rows.push([
          t('timeline.repeats'),
          <Link key="repeats" to={`/cases/${d.relatedCaseId}`}>
            {str(d.relatedCaseNumber) ?? t('timeline.openCase')}
          </Link>,
        ]);
      break;
    case 'routed': {
      const target = d.target as { type?: string; id?: string } | undefined;
      rows.push([
        t('case.target'),
        target ? `${label('routeTarget', target.type)} · ${name(target.id)}` : null,
      ]);
      rows.push([t('case.handler'), name(d.handlerId)], [t('form.note'), str(d.note)]);
      const told = d.residentTold as { via?: string; promisedBy?: string } | undefined;
      if (told)
        rows.push(
          [t('form.residentToldVia'), label('replyVia', str(told.via))],
          [t('form.promisedBy'), told.promisedBy ? dateTime(told.promisedBy) : null],
        );
      // an external unit's address and phone, as they were given to the resident (ROUTE-4)
      const unit = d.unitContact as { address?: string | null; phone?: string | null } | undefined;
      if (unit)
        rows.push([t('timeline.unitAddress'), str(unit.address)], [t('timeline.unitPhone'), str(unit.phone)]);
      break;
    }
    case 'assigned':
      rows.push([t('case.handler'), name(d.handlerId)]);
      if (d.previousHandlerId) rows.push([t('timeline.previousHandler'), name(d.previousHandlerId)]);
      break;
    case 'accepted':
      rows.push([t('case.handler'), name(d.handlerId)]);
      break;
    case 'contact_recorded':
      rows.push(
        [t('form.unit'), name(d.unitId)],
        [t('form.contactPerson'), str(d.contactPerson)],
        [t('form.contactVia'), str(d.via)],
        [t('form.note'), str(d.note)],
      );
      // what the unit was given about the resident, and their agreement to personal data (ROUTE-3)
      if (Array.isArray(d.passed))
        rows.push([
          t('form.passed'),
          d.passed.map((p) => label('passedData', str(p))).join(t('common.enumSep')),
        ]);
      if (d.residentAgreed) rows.push([t('timeline.passedAgreed'), t('common.yes')]);
      break;
    case 'returned':
    case 'waiting':
    case 'reopened':
      rows.push([t('form.reason'), str(d.reason)]);
      break;
    case 'closed':
      rows.push([t('timeline.closure'), d.closure ? label('closure', str(d.closure)) : null]);
      rows.push([t('form.reason'), str(d.reason)]);
      break;
    case 'resumed':
      rows.push([
        t('timeline.pausedFor'),
        typeof d.pausedMs === 'number' ? formatDuration(d.pausedMs, t) : null,
      ]);
      break;
    case 'extended':
      rows.push(
        [t('form.clock'), label('clock', str(d.clock))],
        [t('timeline.from'), d.from ? dateTime(String(d.from)) : null],
        [t('timeline.to'), d.to ? dateTime(String(d.to)) : null],
        [t('form.reason'), str(d.reason)],
        [t('timeline.residentAgreed'), d.residentAgreed ? t('common.yes') : null],
      );
      break;
    case 'replied': {
      rows.push([t('form.replyVia'), label('replyVia', str(d.via))], [t('form.message'), str(d.message)]);
      const warnings = Array.isArray(d.warnings) ? (d.warnings as ReplyWarningShape[]) : [];
      if (warnings.length)
        rows.push([
          t('reply.warningsTitle'),
          warnings.map((w) => warningText(w, t)).join(t('common.listSep')),
        ]);
      rows.push([t('form.warningOverrideReason'), str(d.warningOverrideReason)]);
      break;
    }
    case 'resolved': {
      if (d.onTheSpot) rows.push([t('intake.onTheSpot'), t('common.yes')]);
      rows.push(
        [t('form.result'), str(d.result)],
        [t('form.remedial'), str(d.remedial)],
        [t('form.materials'), str(d.materials)],
      );
      const corrective = d.corrective as { action?: string; dueAt?: string } | undefined;
      if (corrective?.action)
        rows.push([
          t('form.corrective'),
          `${corrective.action}（${t('form.correctiveDue')} ${dateTime(corrective.dueAt ?? null)}）`,
        ]);
      break;
    }
    case 'callback':
      rows.push(
        [t('form.callbackMethod'), label('callbackMethod', str(d.method))],
        [t('form.reached'), d.reached ? t('common.yes') : t('common.no')],
        [t('case.satisfaction'), d.satisfaction ? label('satisfaction', str(d.satisfaction)) : null],
        [t('form.reason'), str(d.reason)],
        [t('form.appointmentAt'), d.appointmentAt ? dateTime(String(d.appointmentAt)) : null],
        [t('timeline.outcome'), d.outcome ? label('callbackOutcome', str(d.outcome)) : null],
      );
      break;
    case 'invalidated':
      rows.push([t('form.explanation'), str(d.explanation)]);
      break;
    case 'merged':
      if (d.intoCaseId) rows.push([t('timeline.mergedInto'), name(d.intoCaseId)]);
      if (d.fromNumber) rows.push([t('timeline.mergedFrom'), str(d.fromNumber)]);
      break;
    case 'escalated':
      rows.push([
        t('timeline.tier'),
        typeof d.tier === 'number' ? t(`tierName.${Math.min(3, Math.max(1, d.tier))}` as 'tierName.1') : null,
      ]);
      rows.push([
        t('form.reason'),
        d.reason === 'clock_breached'
          ? t('timeline.autoEscalated', { clock: label('clock', str(d.clock)) })
          : str(d.reason),
      ]);
      break;
    case 'commented':
      rows.push([t('form.commentText'), str(d.text)]);
      break;
    case 'clock_warned':
    case 'clock_breached':
      rows.push(
        [t('form.clock'), label('clock', str(d.clock))],
        [t('timeline.dueAt'), d.dueAt ? dateTime(String(d.dueAt)) : null],
      );
      break;
    case 'attachment_added':
      rows.push([t('case.attachments'), str(d.filename)]);
      break;
    case 'pii_revealed':
      rows.push([t('timeline.field'), t('timeline.reporterPhone')]);
      break;
    case 'verified':
      rows.push(
        [t('form.verifyMethod'), label('verifyMethod', str(d.method))],
        [t('form.findings'), str(d.findings)],
      );
      break;
    case 'arrived':
      rows.push(
        [t('form.arrivedAt'), d.at ? dateTime(String(d.at)) : null],
        [t('case.handler'), name(d.handlerId)],
      );
      break;
    case 'corrective_completed':
      rows.push([t('form.correctiveResult'), str(d.result)]);
      break;
    case 'report_sent':
      rows.push(
        [t('form.reportUnit'), name(d.unitId)],
        [t('form.reportCopies'), str(d.copies)],
        [t('form.reportReceiver'), str(d.receiver)],
        [t('form.reportAt'), d.at ? dateTime(String(d.at)) : null],
      );
      break;
    case 'referred':
      rows.push([t('form.referReason'), str(d.reason)]);
      break;
    case 'decided':
      rows.push(
        [t('form.decision'), label('decision', str(d.decision))],
        [t('form.decisionPlan'), str(d.plan)],
        [t('form.declineReason'), str(d.reason)],
        [t('case.handler'), name(d.handlerId)],
        [t('form.decisionNote'), str(d.note)],
      );
      break;
    case 'leader_meeting_arranged':
      rows.push(
        [t('form.meetingLeader'), name(d.leaderId)],
        [t('form.meetingAt'), d.at ? dateTime(String(d.at)) : null],
        [t('form.note'), str(d.note)],
      );
      break;
    case 'special_incident':
      rows.push([t('form.specialIncidentReason'), str(d.reason)]);
      break;
  }
  return rows.filter((r): r is [string, ReactNode] => r[1] !== null && r[1] !== undefined && r[1] !== '');
}

export interface ReplyWarningShape {
  code: 'deflection' | 'apology_missing' | string;
  phrase?: string;
}

export function warningText(w: ReplyWarningShape, t: I18n['t']): string {
  if (w.code === 'deflection') return t('reply.warningDeflection', { phrase: w.phrase ?? '' });
  if (w.code === 'apology_missing') return t('reply.warningApology');
  return w.code;
}

export function CaseTimeline({ c, names }: { c: CaseDetail; names: Map<string, string> }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  return (
    <div data-testid="timeline">
      {c.timelineIntact ? (
        <Tag
          color="success"
          icon={<CheckCircleOutlined />}
          data-testid="timeline-intact"
          style={{ marginBottom: 16 }}
        >
          {t('timeline.intact')}
        </Tag>
      ) : (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          title={t('timeline.tampered')}
          description={t('timeline.tamperedHint')}
          data-testid="timeline-tampered"
          style={{ marginBottom: 16 }}
        />
      )}
      <Timeline
        items={c.timeline.map((e) => {
          const rows = summarise(e, i18n, names);
          return {
            key: e.seq,
            color: COLOR[e.type] ?? 'blue',
            content: (
              <div data-testid={`timeline-entry-${e.type}`}>
                <Typography.Text strong>{label('timelineType', e.type)}</Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.actor?.name ?? t('timeline.system')} · {dateTime(e.at)}
                </Typography.Text>
                {rows.length > 0 && (
                  <dl style={{ margin: '4px 0 0', fontSize: 13 }}>
                    {rows.map(([k, v]) => (
                      <div key={k} style={{ display: 'flex', gap: 6 }}>
                        <dt style={{ color: 'rgba(0,0,0,0.45)', flex: 'none' }}>
                          {k}
                          {t('common.labelSep')}
                        </dt>
                        <dd
                          style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', minWidth: 0 }}
                        >
                          {v}
                        </dd>
                      </div>
                    ))}
                  </dl>
                )}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
