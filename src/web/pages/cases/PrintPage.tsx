/**
 * Print views of the paper forms of FORM-1, filled from the case and its timeline, one case number on all
 * of them (003 第2篇 六.3). A4 (@page size A4); the toolbar is hidden in print. The foot carries a QR code back to
 * the case and its address as text (UI-7).
 */
import { useEffect, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Flex, Select, Skeleton } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useCase } from '../../api/cases';
import { useMe } from '../../api/queries';
import type { CaseDetail, TimelineEntry, TimelineType } from '../../api/types';
import { useI18n, type I18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/dictionaries';
import { useNameBook } from './CaseTimeline';
import { formsFor, isPrintForm, PRINT_FORM_TITLE, type PrintForm } from './printForms';
import { qrPath } from '../../components/qr';

const CSS = `
@page { size: A4; margin: 12mm; }
.hy-print { background: #f0f2f5; min-height: 100vh; padding: 8px 0 24px; }
.hy-print-bar { max-width: 210mm; margin: 0 auto 8px; padding: 0 8px; }
.hy-sheet { box-sizing: border-box; width: 210mm; max-width: 100%; min-height: 297mm; margin: 0 auto; padding: 12mm;
  background: #fff; color: #000; box-shadow: 0 1px 8px rgba(0,0,0,.15); font-size: 11pt; line-height: 1.5;
  font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }
.hy-sheet h1 { text-align: center; font-size: 18pt; margin: 0 0 2mm; letter-spacing: 2px; }
.hy-sheet .hy-company { text-align: center; font-size: 11pt; margin-bottom: 2mm; }
.hy-sheet .hy-meta { display: flex; justify-content: space-between; gap: 8px; flex-wrap: wrap; margin-bottom: 2mm; }
.hy-sheet .hy-number { font-weight: bold; font-size: 12pt; }
.hy-form { width: 100%; border-collapse: collapse; table-layout: fixed; }
.hy-form th, .hy-form td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; word-break: break-word; white-space: pre-wrap; }
.hy-form th { font-weight: normal; text-align: center; vertical-align: middle; width: 17%; }
.hy-form td.hy-tall { height: 28mm; }
.hy-form td.hy-mid { height: 16mm; }
.hy-sign { margin-top: 4mm; display: flex; justify-content: space-between; flex-wrap: wrap; gap: 8px; }
.hy-foot { margin-top: 3mm; font-size: 9pt; color: #333; }
.hy-link { display: flex; align-items: center; gap: 3mm; break-inside: avoid; }
.hy-copy { break-inside: avoid; page-break-inside: avoid; }
.hy-cut { border-top: 1px dashed #000; margin: 6mm 0; text-align: center; font-size: 9pt; line-height: 0; }
.hy-cut span { background: #fff; padding: 0 6px; }
@media print {
  .hy-no-print { display: none !important; }
  .hy-print { background: #fff; padding: 0; min-height: 0; }
  .hy-sheet { box-shadow: none; margin: 0; padding: 0; width: auto; min-height: 0; }
  body { background: #fff !important; }
}
`;

export default function PrintPage() {
  const { id = '', form } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useCase(id);
  const c = query.data;
  const printForm: PrintForm | null = isPrintForm(form) ? form : null;

  useEffect(() => {
    if (!c || !printForm) return;
    const before = document.title;
    document.title = `${t(PRINT_FORM_TITLE[printForm])} ${c.number}`;
    return () => {
      document.title = before;
    };
  }, [c, printForm, t]);

  return (
    <div className="hy-print" data-testid="print-page">
      <style>{CSS}</style>
      <Flex className="hy-print-bar hy-no-print" gap={8} wrap align="center">
        <Link to={`/cases/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('print.backToCase')}</Button>
        </Link>
        {c && (
          <Select<PrintForm>
            value={printForm ?? undefined}
            onChange={(f) => navigate(`/cases/${id}/print/${f}`, { replace: true })}
            options={formsFor(c.kind).map((f) => ({ value: f, label: t(PRINT_FORM_TITLE[f]) }))}
            style={{ minWidth: 220, flex: '1 1 220px', maxWidth: 360 }}
            data-testid="print-form-select"
          />
        )}
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="print-now"
        >
          {t('print.print')}
        </Button>
      </Flex>
      {query.isLoading ? (
        <div className="hy-sheet">
          <Skeleton active />
        </div>
      ) : !c ? (
        <div className="hy-print-bar">
          <Alert type="error" showIcon title={query.error?.message} />
        </div>
      ) : !printForm ? (
        <div className="hy-print-bar">
          <Alert type="error" showIcon title={t('print.unknownForm')} />
        </div>
      ) : (
        <Sheet c={c} form={printForm} />
      )}
    </div>
  );
}

function Sheet({ c, form }: { c: CaseDetail; form: PrintForm }) {
  const i18n = useI18n();
  const me = useMe();
  const names = useNameBook(c);
  const company = me.data?.user.companyName ?? '';
  const f = new Facts(c, i18n, names);
  const body: Record<PrintForm, () => ReactNode> = {
    'complaint-register': () => <ComplaintRegister f={f} />,
    'complaint-notice': () => <ComplaintNotice f={f} />,
    'written-report': () => (
      <>
        <div className="hy-copy">
          <Header f={f} company={company} form={form} copy={i18n.t('print.copy1')} />
          <WrittenReport f={f} />
        </div>
        <div className="hy-cut">
          <span>{i18n.t('print.cutHere')}</span>
        </div>
        <div className="hy-copy">
          <Header f={f} company={company} form={form} copy={i18n.t('print.copy2')} />
          <WrittenReport f={f} />
        </div>
      </>
    ),
    'first-responder-register': () => <FirstResponderRegister f={f} />,
    'major-complaint-record': () => <MajorComplaintRecord f={f} />,
    'repair-order': () => <RepairOrder f={f} />,
  };
  return (
    <div className="hy-sheet" data-testid={`print-${form}`}>
      {form !== 'written-report' && <Header f={f} company={company} form={form} />}
      {body[form]()}
      <CaseLink url={`${window.location.origin}/cases/${c.id}`} i18n={i18n} />
    </div>
  );
}

/** The QR code back to the case, with its address as text for whoever has no phone at hand. */
function CaseLink({ url, i18n }: { url: string; i18n: I18n }) {
  const { size, path } = qrPath(url);
  return (
    <div className="hy-foot hy-link">
      <svg
        viewBox={`-2 -2 ${size + 4} ${size + 4}`}
        width="20mm"
        height="20mm"
        shapeRendering="crispEdges"
        role="img"
        aria-label={url}
        data-testid="print-qr"
      >
        <rect x={-2} y={-2} width={size + 4} height={size + 4} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <span>{i18n.t('print.caseLink', { url })}</span>
    </div>
  );
}

function Header({ f, company, form, copy }: { f: Facts; company: string; form: PrintForm; copy?: string }) {
  const { t } = f.i18n;
  return (
    <>
      <div className="hy-company">{company}</div>
      <h1>{t(PRINT_FORM_TITLE[form])}</h1>
      <div className="hy-meta">
        <span>{copy}</span>
        <span className="hy-number" data-testid="print-number">
          {t('print.number')}
          {t('common.labelSep')}
          {f.c.number}
        </span>
      </div>
    </>
  );
}

/** What the forms read from a case: people, times and the relevant timeline entries, formatted. */
class Facts {
  constructor(
    readonly c: CaseDetail,
    readonly i18n: I18n,
    readonly names: Map<string, string>,
  ) {}
  last(type: TimelineType): TimelineEntry | undefined {
    return [...this.c.timeline].reverse().find((e) => e.type === type);
  }
  data(type: TimelineType, key: string): string {
    const v = this.last(type)?.data[key];
    return v === undefined || v === null ? '' : String(v);
  }
  at(type: TimelineType): string {
    const e = this.last(type);
    return e ? this.i18n.dateTime(e.at) : '';
  }
  by(type: TimelineType): string {
    return this.last(type)?.actor?.name ?? '';
  }
  get reporter(): string {
    const r = this.c.reporter;
    return r.anonymous ? `${r.name ?? ''}（${this.i18n.t('case.anonymous')}）` : (r.name ?? '');
  }
  get phone(): string {
    return this.c.reporter.phone ?? '';
  }
  get place(): string {
    return this.c.room?.label ?? this.c.address ?? '';
  }
  get received(): string {
    return this.i18n.dateTime(this.c.receivedAt);
  }
  get nature(): string {
    const { label } = this.i18n;
    return [label('caseKind', this.c.kind), label('severity', this.c.severity), this.c.category?.name]
      .filter(Boolean)
      .join(' · ');
  }
  get target(): string {
    return this.c.target
      ? `${this.i18n.label('routeTarget', this.c.target.type)} · ${this.c.target.name}`
      : '';
  }
  get result(): string {
    return this.data('resolved', 'result');
  }
  get callback(): string {
    const e = this.last('callback');
    if (!e) return '';
    const { label, t } = this.i18n;
    const d = e.data as Record<string, unknown>;
    return [
      this.i18n.dateTime(e.at),
      e.actor?.name,
      label('callbackMethod', typeof d.method === 'string' ? d.method : null),
      d.reached
        ? typeof d.satisfaction === 'string'
          ? label('satisfaction', d.satisfaction)
          : ''
        : t('form.reachedNo'),
      typeof d.reason === 'string' ? d.reason : '',
    ]
      .filter(Boolean)
      .join('，');
  }
  get opinion(): string {
    const c = this.c;
    if (!c.satisfaction) return '';
    const reason = this.data('callback', 'reason');
    return `${this.i18n.label('satisfaction', c.satisfaction)}${reason ? `：${reason}` : ''}`;
  }
  get resolveDue(): string {
    const k = this.c.clocks.find((x) => x.name === 'resolve');
    return k ? this.i18n.dateTime(k.dueAt) : '';
  }
}

/** A two-column table of label/value rows; `wide` rows span the table. */
function Table({ rows }: { rows: (Row | [Row, Row])[] }) {
  return (
    <table className="hy-form">
      <colgroup>
        <col style={{ width: '17%' }} />
        <col style={{ width: '33%' }} />
        <col style={{ width: '17%' }} />
        <col style={{ width: '33%' }} />
      </colgroup>
      <tbody>
        {rows.map((r, i) =>
          Array.isArray(r) ? (
            <tr key={i}>
              <th>{r[0].label}</th>
              <td className={r[0].size}>{r[0].value}</td>
              <th>{r[1].label}</th>
              <td className={r[1].size}>{r[1].value}</td>
            </tr>
          ) : (
            <tr key={i}>
              <th>{r.label}</th>
              <td colSpan={3} className={r.size}>
                {r.value}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

interface Row {
  label: string;
  value: ReactNode;
  size?: 'hy-tall' | 'hy-mid';
}

const row = (f: Facts, key: UiKey, value: ReactNode, size?: Row['size']): Row => ({
  label: f.i18n.t(key),
  value,
  size,
});

function Signatures({ f, keys }: { f: Facts; keys: UiKey[] }) {
  return (
    <div className="hy-sign">
      {keys.map((k) => (
        <span key={k}>
          {f.i18n.t(k)}
          {f.i18n.t('common.labelSep')}＿＿＿＿＿＿＿＿
        </span>
      ))}
    </div>
  );
}

function ComplaintRegister({ f }: { f: Facts }) {
  const { label } = f.i18n;
  return (
    <>
      <Table
        rows={[
          [row(f, 'print.date', f.received), row(f, 'print.channel', label('channel', f.c.channel))],
          [row(f, 'print.customer', f.reporter), row(f, 'print.phone', f.phone)],
          row(f, 'print.address', f.place),
          row(f, 'print.original', `${label('channel', f.c.channel)} · ${f.c.number}`),
          row(f, 'print.nature', f.nature),
          row(f, 'print.summary', f.c.description, 'hy-tall'),
          [
            row(f, 'case.firstResponder', f.c.firstResponder?.name ?? ''),
            row(f, 'case.handler', f.c.handler?.name ?? ''),
          ],
          row(f, 'print.result', f.result, 'hy-tall'),
          row(f, 'print.callback', f.callback, 'hy-mid'),
          row(f, 'print.remarks', '', 'hy-mid'),
        ]}
      />
      <Signatures f={f} keys={['print.registrar', 'print.reviewer']} />
    </>
  );
}

function ComplaintNotice({ f }: { f: Facts }) {
  return (
    <>
      <Table
        rows={[
          [
            row(f, 'print.issuedAt', f.at('routed') || f.received),
            row(f, 'print.toTeam', f.target || (f.c.department?.name ?? '')),
          ],
          [row(f, 'case.handler', f.c.handler?.name ?? ''), row(f, 'print.dueBy', f.resolveDue)],
          [row(f, 'print.customer', f.reporter), row(f, 'print.phone', f.phone)],
          row(f, 'print.address', f.place),
          row(f, 'print.nature', f.nature),
          row(f, 'print.content', f.c.description, 'hy-tall'),
          row(f, 'print.requirement', f.data('routed', 'note'), 'hy-mid'),
          row(f, 'print.result', f.result, 'hy-tall'),
          [row(f, 'print.doneAt', f.at('resolved')), row(f, 'print.issuer', f.c.firstResponder?.name ?? '')],
        ]}
      />
      <Signatures f={f} keys={['print.handlerSign', 'print.checkerSign']} />
    </>
  );
}

/**
 * 《业主投诉书面报告》 (004 附表一; ROUTE-3): the reporting department is the office, with its own phone; the contact
 * is the first responder; the receiving unit and receiver those the report was handed to (recordReportSent), else
 * the unit contacted or routed to; the handling opinion what the office asked of the unit (the routing's note,
 * else the latest contact's).
 */
function WrittenReport({ f }: { f: Facts }) {
  const sentTo = f.data('report_sent', 'unitId');
  const unit =
    (sentTo && f.names.get(sentTo)) ||
    (f.c.target?.type === 'sisterUnit' || f.c.target?.type === 'externalUnit'
      ? f.c.target.name
      : (f.names.get(f.data('contact_recorded', 'unitId')) ?? ''));
  return (
    <Table
      rows={[
        [row(f, 'print.date', f.received), row(f, 'print.reportingDept', f.c.office?.name ?? '')],
        [
          row(f, 'print.contact', f.c.firstResponder?.name ?? ''),
          row(f, 'print.contactPhone', f.c.officePhone ?? ''),
        ],
        [row(f, 'print.owner', f.reporter), row(f, 'print.phone', f.phone)],
        row(f, 'print.address', f.place),
        row(f, 'print.matter', f.nature),
        row(f, 'print.details', f.c.description, 'hy-mid'),
        [
          row(f, 'print.receivingUnit', unit),
          row(
            f,
            'print.receiver',
            f.data('report_sent', 'receiver') || f.data('contact_recorded', 'contactPerson'),
          ),
        ],
        row(f, 'print.opinion', f.data('routed', 'note') || f.data('contact_recorded', 'note'), 'hy-mid'),
      ]}
    />
  );
}

function FirstResponderRegister({ f }: { f: Facts }) {
  return (
    <>
      <Table
        rows={[
          [row(f, 'print.date', f.received), row(f, 'print.channel', f.i18n.label('channel', f.c.channel))],
          [row(f, 'print.owner', f.reporter), row(f, 'print.phone', f.phone)],
          row(f, 'print.address', f.place),
          row(f, 'print.matter', f.c.description, 'hy-tall'),
          [
            row(f, 'case.firstResponder', f.c.firstResponder?.name ?? ''),
            row(f, 'print.responsible', f.c.handler?.name ?? f.c.target?.name ?? ''),
          ],
          row(f, 'print.handling', [f.target, f.result].filter(Boolean).join('\n'), 'hy-tall'),
          row(f, 'print.ownerOpinion', f.opinion, 'hy-mid'),
          row(f, 'print.remarks', '', 'hy-mid'),
        ]}
      />
    </>
  );
}

function MajorComplaintRecord({ f }: { f: Facts }) {
  const { t, label } = f.i18n;
  const transferred = f.c.channel === 'hotline';
  const cb = f.last('callback');
  const method = cb && typeof cb.data.method === 'string' ? cb.data.method : null;
  const box = (on: boolean) => (on ? '☑' : '☐');
  return (
    <>
      <Table
        rows={[
          [row(f, 'print.receivedAt', f.received), row(f, 'print.receiver', f.c.firstResponder?.name ?? '')],
          row(
            f,
            'print.source',
            `${box(!transferred)} ${t('print.sourceOwner')}（${f.reporter} ${f.phone}）   ${box(transferred)} ${t('print.sourceTransferred')}${transferred ? `（${label('channel', f.c.channel)}）` : ''}`,
          ),
          row(f, 'print.address', f.place),
          row(f, 'print.content', f.c.description, 'hy-mid'),
          [row(f, 'print.transferAt', f.at('routed')), row(f, 'print.transferUnit', f.c.target?.name ?? '')],
          [
            row(
              f,
              'print.transferReceiver',
              f.data('contact_recorded', 'contactPerson') || (f.c.handler?.name ?? ''),
            ),
            row(f, 'print.feedbackAt', f.at('replied')),
          ],
          [
            row(f, 'print.feedbackBy', f.by('replied')),
            row(f, 'print.feedbackVia', f.last('replied') ? label('replyVia', f.data('replied', 'via')) : ''),
          ],
          row(f, 'print.result', f.result, 'hy-mid'),
          [row(f, 'print.callbackAt', f.at('callback')), row(f, 'print.callbackBy', f.by('callback'))],
          row(
            f,
            'print.callbackMethod',
            `${box(method === 'phone')} ${label('callbackMethod', 'phone')}   ${box(method === 'visit')} ${label('callbackMethod', 'visit')}`,
          ),
          row(f, 'print.ownerOpinion', f.opinion, 'hy-mid'),
        ]}
      />
      <Signatures f={f} keys={['print.directorSign']} />
    </>
  );
}

function RepairOrder({ f }: { f: Facts }) {
  const { t, label } = f.i18n;
  const box = (on: boolean) => (on ? '☑' : '☐');
  const sat = f.c.satisfaction;
  return (
    <>
      <Table
        rows={[
          [row(f, 'print.reportedAt', f.received), row(f, 'print.dispatchedAt', f.at('routed'))],
          [row(f, 'print.owner', f.reporter), row(f, 'print.phone', f.phone)],
          row(f, 'print.address', f.place),
          row(
            f,
            'case.repairType',
            f.c.repairType
              ? `${label('repairType', f.c.repairType)}${f.c.repairType === 'private' ? `（${t('print.feeStandard')}）` : ''}`
              : '',
          ),
          ...(f.c.visitAt ? [row(f, 'case.visitAt', f.i18n.dateTime(f.c.visitAt))] : []),
          row(f, 'print.repairContent', f.c.description, 'hy-tall'),
          [row(f, 'print.technician', f.c.handler?.name ?? ''), row(f, 'print.acceptedAt', f.at('accepted'))],
          [
            row(f, 'print.doneAt', f.at('resolved')),
            row(f, 'print.materials', f.data('resolved', 'materials')),
          ],
          row(f, 'print.result', f.result, 'hy-mid'),
          row(
            f,
            'print.ownerCheck',
            `${box(sat === 'satisfied')} ${label('satisfaction', 'satisfied')}   ${box(sat === 'basically_satisfied')} ${label('satisfaction', 'basically_satisfied')}   ${box(sat === 'unsatisfied')} ${label('satisfaction', 'unsatisfied')}`,
          ),
        ]}
      />
      <Signatures f={f} keys={['print.ownerSign', 'print.technicianSign', 'print.dispatcherSign']} />
    </>
  );
}
