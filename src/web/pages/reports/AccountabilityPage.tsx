/**
 * 履职台账 — performance of people and departments and the duty ledger (LEDGER-1, 004 第十三条): per staff and per
 * department tallies of the month, and the violations derived from breached clocks and returns, each confirmed or
 * waived (with a reason) by the director.
 */
import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { call, isApiError } from '../../api/client';
import { useCan, useCursorList } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { useI18n } from '../../i18n/i18n';
import type {
  ClockTally,
  DepartmentPerformance,
  PersonPerformance,
  SatisfactionTally,
  Violation,
  ViolationTally,
} from '../../../contracts/accountability';
import { OfficeSelect, percent } from './reportsUi';
import { departmentLabel, subjectLabel } from './department-label';

const PERFORMANCE = endpoints.accountability.performance.path;
const VIOLATIONS = endpoints.accountability.violations.path;

type StatusFilter = 'pending' | 'confirmed' | 'waived' | 'all';
const STATUS_FILTERS: StatusFilter[] = ['pending', 'confirmed', 'waived', 'all'];
const STATUS_COLOR: Record<Violation['status'], string> = {
  pending: 'warning',
  confirmed: 'error',
  waived: 'default',
};

export default function AccountabilityPage() {
  const { t } = useI18n();
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [ym, setYm] = useState<{ year: number; month: number } | null>(null);
  const params = { officeId: officeId || undefined, year: ym?.year, month: ym?.month };
  const perf = useQuery({
    queryKey: [PERFORMANCE, params],
    queryFn: ({ signal }) => call(endpoints.accountability.performance, { query: params, signal }),
    enabled: officeId !== undefined,
    retry: false,
  });
  const p = perf.data;
  const monthValue: Dayjs | null = ym
    ? dayjs(new Date(ym.year, ym.month - 1, 1))
    : p
      ? dayjs(new Date(p.year, p.month - 1, 1))
      : null;
  // the violations follow the month the performance shows (the server's current month by default)
  const month = ym ?? (p ? { year: p.year, month: p.month } : null);

  return (
    <div data-testid="accountability-page">
      <PageHeader
        title={t('nav.reportsAccountability')}
        subTitle={p ? t('reports.yearMonth', { year: p.year, month: p.month }) : undefined}
      />
      <Toolbar>
        <OfficeSelect value={officeId} onChange={setOfficeId} allowAll testId="accountability-office" />
        <DatePicker
          picker="month"
          value={monthValue}
          allowClear={false}
          onChange={(d) => d && setYm({ year: d.year(), month: d.month() + 1 })}
          disabledDate={(d) => d.isAfter(dayjs().endOf('month'))}
          format={t('format.month')}
          aria-label={t('reports.month')}
          data-testid="accountability-month"
        />
      </Toolbar>
      {perf.error && (
        <Alert
          type="error"
          showIcon
          title={perf.error.message}
          description={isApiError(perf.error) ? Object.values(perf.error.fields).join('；') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {p && (
          <Typography.Text type="secondary">
            {t('duty.amounts', { person: p.amounts.firstResponder, department: p.amounts.department })}
          </Typography.Text>
        )}
        <Card size="small" title={t('duty.staffTitle')}>
          <StaffTable rows={p?.people ?? []} loading={perf.isLoading} />
        </Card>
        <Card size="small" title={t('duty.departmentTitle')}>
          <DepartmentTable rows={p?.departments ?? []} loading={perf.isLoading} />
        </Card>
        {officeId !== undefined && month && (
          <Violations officeId={officeId || undefined} year={month.year} month={month.month} />
        )}
      </Space>
    </div>
  );
}

// ── performance tables ────────────────────────────────────────────────────────────────────────────

function ClockCell({ c }: { c: ClockTally }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap={false}>
      <Tag color="success">{t('duty.onTime', { n: c.onTime })}</Tag>
      <Tag color={c.breached ? 'error' : 'default'}>{t('duty.breached', { n: c.breached })}</Tag>
    </Space>
  );
}

function SatisfactionCell({ s }: { s: SatisfactionTally }) {
  const { t } = useI18n();
  return (
    <span
      title={t('duty.satisfactionParts', {
        satisfied: s.satisfied,
        basicallySatisfied: s.basicallySatisfied,
        unsatisfied: s.unsatisfied,
        answered: s.answered,
      })}
    >
      {percent(s.rate)}{' '}
      <Typography.Text type="secondary">
        ({s.satisfied + s.basicallySatisfied}/{s.answered})
      </Typography.Text>
    </span>
  );
}

function ViolationCell({ v }: { v: ViolationTally }) {
  const { t } = useI18n();
  return (
    <Space size={4} orientation="vertical">
      <span>
        {t('duty.violationCounts', { confirmed: v.confirmed, pending: v.pending, waived: v.waived })}
      </span>
    </Space>
  );
}

function AmountCell({ v }: { v: ViolationTally }) {
  const { t } = useI18n();
  return (
    <Space size={4} orientation="vertical">
      <Typography.Text strong>{t('duty.yuan', { n: v.confirmedAmount })}</Typography.Text>
      {v.pendingAmount > 0 && (
        <Typography.Text type="secondary">{t('duty.pendingAmount', { n: v.pendingAmount })}</Typography.Text>
      )}
    </Space>
  );
}

function common<T extends PersonPerformance | DepartmentPerformance>(
  t: ReturnType<typeof useI18n>['t'],
): ColumnsType<T> {
  return [
    {
      title: t('duty.callbacks'),
      key: 'callbacks',
      align: 'right',
      render: (_, r) => `${r.callbacksDone}/${r.callbacksOwed}`,
    },
    { title: t('duty.reopens'), dataIndex: 'reopenCount', key: 'reopens', align: 'right' },
    { title: t('duty.satisfaction'), key: 'sat', render: (_, r) => <SatisfactionCell s={r.satisfaction} /> },
    { title: t('duty.violations'), key: 'vio', render: (_, r) => <ViolationCell v={r.violations} /> },
    {
      title: t('duty.confirmedAmount'),
      key: 'amount',
      align: 'right',
      render: (_, r) => <AmountCell v={r.violations} />,
    },
  ];
}

function StaffTable({ rows, loading }: { rows: PersonPerformance[]; loading: boolean }) {
  const { t } = useI18n();
  const columns: ColumnsType<PersonPerformance> = [
    {
      title: t('duty.person'),
      key: 'person',
      fixed: 'left',
      render: (_, r) => (
        <Space size={4}>
          <span>{r.user.name}</span>
          {r.user.jobNumber && <Typography.Text type="secondary">{r.user.jobNumber}</Typography.Text>}
          {!r.user.active && <Tag>{t('duty.inactive')}</Tag>}
        </Space>
      ),
    },
    { title: t('duty.department'), key: 'dept', render: (_, r) => departmentLabel(r.department) },
    { title: t('duty.firstReceived'), dataIndex: 'casesFirstReceived', key: 'first', align: 'right' },
    {
      title: t('duty.firstResponderClocks'),
      key: 'frClocks',
      render: (_, r) => <ClockCell c={r.firstResponderClocks} />,
    },
    { title: t('duty.handlerClocks'), key: 'hClocks', render: (_, r) => <ClockCell c={r.handlerClocks} /> },
    ...common<PersonPerformance>(t),
  ];
  return (
    <div data-testid="perf-staff-table">
      <Table<PersonPerformance>
        size="small"
        rowKey={(r) => r.user.id}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        sticky={{ offsetHeader: 56 }}
        dataSource={rows}
        columns={columns}
      />
    </div>
  );
}

function DepartmentTable({ rows, loading }: { rows: DepartmentPerformance[]; loading: boolean }) {
  const { t } = useI18n();
  const columns: ColumnsType<DepartmentPerformance> = [
    {
      title: t('duty.department'),
      key: 'dept',
      fixed: 'left',
      render: (_, r) => departmentLabel(r.department),
    },
    { title: t('duty.firstReceived'), dataIndex: 'casesFirstReceived', key: 'first', align: 'right' },
    { title: t('duty.departmentClocks'), key: 'clocks', render: (_, r) => <ClockCell c={r.clocks} /> },
    ...common<DepartmentPerformance>(t),
  ];
  return (
    <div data-testid="perf-department-table">
      <Table<DepartmentPerformance>
        size="small"
        rowKey={(r) => r.department.id}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        sticky={{ offsetHeader: 56 }}
        dataSource={rows}
        columns={columns}
      />
    </div>
  );
}

// ── the duty ledger ───────────────────────────────────────────────────────────────────────────────

function Violations({ officeId, year, month }: { officeId?: string; year: number; month: number }) {
  const { t, label, dateTime } = useI18n();
  const can = useCan();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [deciding, setDeciding] = useState<{ v: Violation; mode: 'confirm' | 'waive' } | null>(null);
  const list = useCursorList(
    endpoints.accountability.violations,
    { officeId, year, month, status: status === 'all' ? undefined : status },
    { pageSize: 20 },
  );
  const decider = can('accountability.decide');

  const columns: ColumnsType<Violation> = [
    {
      title: t('case.number'),
      key: 'case',
      render: (_, v) => (
        <Link to={`/cases/${v.case.id}`} style={{ whiteSpace: 'nowrap' }}>
          {v.case.number}
        </Link>
      ),
    },
    {
      title: t('duty.subject'),
      key: 'subject',
      render: (_, v) => (
        <Space size={4}>
          <Tag>{label('subjectType', v.subject.type)}</Tag>
          <span>{subjectLabel(v)}</span>
        </Space>
      ),
    },
    { title: t('duty.kind'), key: 'kind', render: (_, v) => label('violationKind', v.kind) },
    {
      title: t('duty.clock'),
      key: 'clock',
      render: (_, v) => (v.clock ? label('clock', v.clock) : '—'),
    },
    {
      title: t('duty.dueAt'),
      key: 'due',
      render: (_, v) => dateTime(v.evidence.dueAt ?? null),
    },
    {
      title: t('duty.breachedAt'),
      key: 'breached',
      render: (_, v) =>
        v.evidence.returnedAt ? (
          <Space size={4} orientation="vertical">
            <span>{t('duty.returnedAt', { at: dateTime(v.evidence.returnedAt) })}</span>
            {v.evidence.actor && <Typography.Text type="secondary">{v.evidence.actor.name}</Typography.Text>}
            {v.evidence.reason && <Typography.Text type="secondary">{v.evidence.reason}</Typography.Text>}
          </Space>
        ) : (
          dateTime(v.evidence.breachedAt ?? v.occurredAt)
        ),
    },
    {
      title: t('duty.amount'),
      key: 'amount',
      align: 'right',
      render: (_, v) => t('duty.yuan', { n: v.amount }),
    },
    {
      title: t('duty.status'),
      key: 'status',
      render: (_, v) => (
        <Space size={4} orientation="vertical">
          <Tag color={STATUS_COLOR[v.status]} data-status={v.status}>
            {label('violationStatus', v.status)}
          </Tag>
          {v.decidedBy && (
            <Typography.Text type="secondary">
              {t('duty.decidedBy', { name: v.decidedBy.name, at: dateTime(v.decidedAt) })}
            </Typography.Text>
          )}
          {v.decisionReason && <Typography.Text type="secondary">{v.decisionReason}</Typography.Text>}
        </Space>
      ),
    },
    ...(decider
      ? ([
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, v) =>
              v.status === 'pending' ? (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<CheckOutlined />}
                    onClick={() => setDeciding({ v, mode: 'confirm' })}
                    data-testid="violation-confirm"
                  >
                    {t('duty.confirm')}
                  </Button>
                  <Button
                    size="small"
                    icon={<StopOutlined />}
                    onClick={() => setDeciding({ v, mode: 'waive' })}
                    data-testid="violation-waive"
                  >
                    {t('duty.waive')}
                  </Button>
                </Space>
              ) : null,
          },
        ] satisfies ColumnsType<Violation>)
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('duty.ledgerTitle')}
      extra={
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={STATUS_FILTERS.map((s) => ({
            value: s,
            label: s === 'all' ? t('common.all') : label('violationStatus', s),
          }))}
          data-testid="violations-status"
        />
      }
    >
      <DataTable<Violation> list={list} testId="violations-table" columns={columns} />
      {deciding && <DecideModal v={deciding.v} mode={deciding.mode} onClose={() => setDeciding(null)} />}
    </Card>
  );
}

function DecideModal({ v, mode, onClose }: { v: Violation; mode: 'confirm' | 'waive'; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const submit = async () => {
    let reason: string | undefined;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return; // the message stands next to the field
    }
    const text = reason?.trim() || undefined;
    setBusy(true);
    setError(null);
    try {
      await call(endpoints.accountability[mode], {
        params: { id: v.id },
        body: { version: v.version, reason: text },
      });
      message.success(mode === 'confirm' ? t('duty.confirmed') : t('duty.waived'));
      onClose();
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(false);
      // the ledger and the amounts change together; a stale decision shows the current state
      await queryClient.invalidateQueries({ queryKey: [VIOLATIONS] });
      await queryClient.invalidateQueries({ queryKey: [PERFORMANCE] });
    }
  };

  return (
    <Modal
      open
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={mode === 'confirm' ? t('duty.confirm') : t('duty.waive')}
      okButtonProps={{ danger: mode === 'confirm', 'data-testid': 'violation-submit' } as ButtonProps}
      title={mode === 'confirm' ? t('duty.confirmTitle') : t('duty.waiveTitle')}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {v.case.number} · {subjectLabel(v)} · {label('violationKind', v.kind)} ·{' '}
        {t('duty.yuan', { n: v.amount })}
      </Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.versionConflict ? t('duty.versionConflict') : error.message}
          description={error.extra.length ? error.extra.join('；') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={mode === 'confirm' ? t('duty.reasonOptional') : t('duty.reason')}
          rules={
            mode === 'waive' ? [{ required: true, whitespace: true, message: t('duty.reasonRequired') }] : []
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={1000}
            data-testid="violation-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
