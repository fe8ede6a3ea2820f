/**
 * 季度管理服务报告 — the quarterly management-service report (REPORT-5): the workflow as steps with their due
 * dates (service part by the 10th, finance part by the 15th, signed and published by the 20th), the service
 * sections, the finance figures, the sign-off and publication. Buttons follow the report's `allowedActions`.
 */
import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, SaveOutlined, SendOutlined, WarningOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { useI18n } from '../../i18n/i18n';
import { dueByDayText } from '../../components/due-day';
import {
  useQuarterly,
  useQuarterlyWrites,
  type FinanceFigures,
  type QuarterlyReport,
  type QuarterlyStatus,
  type ServiceSections,
} from './reportsApi';
import { OfficeSelect, RateText } from './reportsUi';

const STATUSES = [
  'draft',
  'service_submitted',
  'finance_submitted',
  'signed',
  'published',
] as const satisfies readonly QuarterlyStatus[];
const SECTIONS = ['overview', 'quality', 'nextPlan'] as const satisfies readonly (keyof ServiceSections)[];

function useErrorText() {
  const { t } = useI18n();
  return (e: ShownError) => ({
    title: e.versionConflict ? t('summary.versionConflict') : e.message,
    description: e.extra.length ? e.extra.join('；') : undefined,
  });
}

export default function QuarterlyReportPage() {
  const { t } = useI18n();
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [yq, setYq] = useState<{ year: number; quarter: number } | null>(null);
  const report = useQuarterly(
    { officeId: officeId || undefined, year: yq?.year, quarter: yq?.quarter },
    officeId !== undefined,
  );
  const r = report.data;
  const quarterValue: Dayjs | null = (() => {
    const q = yq ?? (r ? { year: r.year, quarter: r.quarter } : null);
    return q ? dayjs(new Date(q.year, (q.quarter - 1) * 3, 1)) : null;
  })();

  return (
    <div data-testid="quarterly-page">
      <PageHeader
        title={t('nav.reportsQuarterly')}
        subTitle={
          r ? t('quarterly.title', { office: r.officeName, year: r.year, quarter: r.quarter }) : undefined
        }
      />
      <Toolbar>
        <OfficeSelect value={officeId} onChange={setOfficeId} allowAll={false} testId="quarterly-office" />
        <DatePicker
          picker="quarter"
          value={quarterValue}
          allowClear={false}
          onChange={(d) => d && setYq({ year: d.year(), quarter: Math.floor(d.month() / 3) + 1 })}
          disabledDate={(d) =>
            !d.isBefore(
              dayjs()
                .startOf('month')
                .subtract(dayjs().month() % 3, 'month'),
            )
          }
          aria-label={t('quarterly.quarter')}
          data-testid="quarterly-quarter"
        />
      </Toolbar>
      {report.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
      {report.error && (
        <Alert
          type="error"
          showIcon
          title={report.error.message}
          description={isApiError(report.error) ? Object.values(report.error.fields).join('；') : undefined}
        />
      )}
      {r && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <WorkflowSteps r={r} />
          <ServiceCard key={`s-${r.id}-${r.version}`} r={r} />
          <FinanceCard key={`f-${r.id}-${r.version}`} r={r} />
          <SignCard key={`g-${r.id}-${r.version}`} r={r} />
        </Space>
      )}
    </div>
  );
}

function WorkflowSteps({ r }: { r: QuarterlyReport }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const current = STATUSES.indexOf(r.status);
  const due: Partial<Record<QuarterlyStatus, { at: string; overdue: boolean }>> = {
    service_submitted: { at: r.deadlines.serviceDue, overdue: r.serviceOverdue },
    finance_submitted: { at: r.deadlines.financeDue, overdue: r.financeOverdue },
    published: { at: r.deadlines.publishDue, overdue: r.publishOverdue },
  };
  const doneAt: Partial<Record<QuarterlyStatus, string | null>> = {
    draft: r.draftedAt,
    service_submitted: r.service.submittedAt,
    finance_submitted: r.finance.submittedAt,
    signed: r.signatures.directorSignedAt,
    published: r.publishedAt,
  };
  return (
    <Card size="small">
      <Steps
        current={current}
        responsive
        size="small"
        items={STATUSES.map((st, i) => {
          const d = due[st];
          const overdue = Boolean(d?.overdue) && i > current;
          return {
            status: overdue ? 'error' : i <= current ? 'finish' : i === current + 1 ? 'process' : 'wait',
            title: (
              <span data-testid={`quarterly-step-${st}`} data-done={i <= current ? 'true' : 'false'}>
                {label('quarterlyStatus', st)}
              </span>
            ),
            content: (
              <Space orientation="vertical" size={0}>
                {i <= current && doneAt[st] && <span>{dateTime(doneAt[st])}</span>}
                {d && i > current && <span>{t('quarterly.dueBy', { at: dueByDayText(i18n, d.at) })}</span>}
                {overdue && (
                  <Tag color="error" icon={<WarningOutlined />}>
                    {t('summary.overdue')}
                  </Tag>
                )}
              </Space>
            ),
          };
        })}
      />
    </Card>
  );
}

function ServiceCard({ r }: { r: QuarterlyReport }) {
  const { t, label, dateTime } = useI18n();
  const { message } = App.useApp();
  const writes = useQuarterlyWrites();
  const errorText = useErrorText();
  const [form] = Form.useForm<ServiceSections>();
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const canEdit = r.allowedActions.includes('editService');
  const canSubmit = r.allowedActions.includes('submitService');
  const f = r.service.figures;

  const run = async (what: 'save' | 'submit') => {
    setBusy(what);
    setError(null);
    try {
      let cur = r;
      // submit sends what is on screen first, so nothing typed is lost
      if (canEdit && (what === 'save' || form.isFieldsTouched())) {
        const values = await form.validateFields();
        cur = await writes.putService(r, values);
      }
      if (what === 'submit') await writes.submitService(cur);
      message.success(what === 'save' ? t('common.saved') : t('quarterly.submitted'));
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      // the server names the fields as `sections.overview`: the form's fields are at the top level
      if (isApiError(e)) {
        const fields = Object.entries(e.fields).map(([k, msg]) => ({
          name: k.replace(/^sections\./, ''),
          errors: [msg],
        }));
        const known = fields.filter((x) => (SECTIONS as readonly string[]).includes(x.name));
        form.setFields(known.map((x) => ({ name: x.name as keyof ServiceSections, errors: x.errors })));
      }
      setError(applyServerError(null, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title={t('quarterly.service')}
      extra={
        r.service.submittedAt ? (
          <Tag color="success">
            {t('quarterly.submittedBy', {
              name: r.service.submittedBy?.name ?? '—',
              at: dateTime(r.service.submittedAt),
            })}
          </Tag>
        ) : (
          <Tag>{r.service.sectionsEdited ? t('summary.textEdited') : t('summary.textDrafted')}</Tag>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'received', label: t('summary.received'), children: f.received },
          { key: 'counted', label: t('summary.counted'), children: f.counted },
          { key: 'invalid', label: t('summary.invalid'), children: f.invalid },
          { key: 'merged', label: t('summary.merged'), children: f.merged },
          { key: 'resolved', label: t('summary.resolved'), children: f.resolved },
          {
            key: 'kinds',
            label: t('summary.byKind'),
            children: f.byKind
              .map((k) => `${label('caseKind', k.kind)} ${k.count}`)
              .join(t('common.enumSep')),
          },
          {
            key: 'cb',
            label: t('summary.callbackRate'),
            children: <RateText {...f.callbacks.rate} formulaKey="formula.callback_rate" />,
          },
          {
            key: 'sat',
            label: t('summary.satisfactionRate'),
            children: <RateText {...f.satisfaction.rate} formulaKey="formula.satisfaction_rate" />,
          },
          {
            key: 'computed',
            label: t('quarterly.computedAt'),
            children: dateTime(r.service.computedAt),
          },
        ]}
      />
      {error && <Alert type="error" showIcon {...errorText(error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={r.service.sections} disabled={!canEdit}>
        {SECTIONS.map((s) => (
          <Form.Item key={s} name={s} label={t(`quarterly.section.${s}`)}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 14 }}
              maxLength={5000}
              data-testid={`quarterly-section-${s}`}
            />
          </Form.Item>
        ))}
      </Form>
      <Space wrap>
        {canEdit && (
          <Button
            icon={<SaveOutlined />}
            loading={busy === 'save'}
            onClick={() => void run('save')}
            data-testid="quarterly-service-save"
          >
            {t('common.save')}
          </Button>
        )}
        {canSubmit && (
          <Popconfirm title={t('quarterly.submitServiceConfirm')} onConfirm={() => run('submit')}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'submit'}
              data-testid="quarterly-service-submit"
            >
              {t('quarterly.submitService')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {!canEdit && !r.service.submittedAt && (
        <Typography.Text type="secondary">{t('quarterly.serviceNotYours')}</Typography.Text>
      )}
    </Card>
  );
}

interface FinanceValues {
  incomeYuan: number | null;
  expenseYuan: number | null;
  arrearsYuan: number | null;
  notes: string;
}

const yuan = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '—'
    : `¥${v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function FinanceCard({ r }: { r: QuarterlyReport }) {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const writes = useQuarterlyWrites();
  const errorText = useErrorText();
  const [form] = Form.useForm<FinanceValues>();
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const canEdit = r.allowedActions.includes('editFinance');
  const canSubmit = r.allowedActions.includes('submitFinance');
  const fin = r.finance;

  const run = async (what: 'save' | 'submit') => {
    setBusy(what);
    setError(null);
    try {
      let cur = r;
      if (canEdit && (what === 'save' || form.isFieldsTouched())) {
        const v = await form.validateFields();
        const figures: FinanceFigures = {
          incomeYuan: v.incomeYuan ?? null,
          expenseYuan: v.expenseYuan ?? null,
          arrearsYuan: v.arrearsYuan ?? null,
          notes: (v.notes ?? '').trim(),
        };
        cur = await writes.putFinance(r, figures);
      }
      if (what === 'submit') await writes.submitFinance(cur);
      message.success(what === 'save' ? t('common.saved') : t('quarterly.submitted'));
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      if (isApiError(e))
        form.setFields(
          Object.entries(e.fields)
            .map(([k, msg]) => ({ name: k.replace(/^figures\./, '') as keyof FinanceValues, errors: [msg] }))
            .filter((x) => ['incomeYuan', 'expenseYuan', 'arrearsYuan', 'notes'].includes(x.name)),
        );
      setError(applyServerError(null, e));
    } finally {
      setBusy(null);
    }
  };

  const money = (name: keyof FinanceValues, key: 'income' | 'expense' | 'arrears') => (
    <Form.Item name={name} label={t(`quarterly.finance.${key}`)}>
      <InputNumber<number>
        min={0}
        precision={2}
        step={100}
        prefix="¥"
        style={{ width: '100%', maxWidth: 240 }}
        data-testid={`quarterly-finance-${key}`}
      />
    </Form.Item>
  );

  return (
    <Card
      size="small"
      title={t('quarterly.finance')}
      extra={
        fin.submittedAt ? (
          <Tag color="success">
            {t('quarterly.submittedBy', {
              name: fin.submittedBy?.name ?? '—',
              at: dateTime(fin.submittedAt),
            })}
          </Tag>
        ) : fin.enteredBy ? (
          <Tag>{t('quarterly.enteredBy', { name: fin.enteredBy.name, at: dateTime(fin.enteredAt) })}</Tag>
        ) : null
      }
    >
      {error && <Alert type="error" showIcon {...errorText(error)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!canEdit}
        initialValues={{
          incomeYuan: fin.figures.incomeYuan,
          expenseYuan: fin.figures.expenseYuan,
          arrearsYuan: fin.figures.arrearsYuan,
          notes: fin.figures.notes,
        }}
      >
        <Flex wrap gap={16}>
          {money('incomeYuan', 'income')}
          {money('expenseYuan', 'expense')}
          {money('arrearsYuan', 'arrears')}
        </Flex>
        <Typography.Paragraph>
          {t('quarterly.finance.balance')}: <Typography.Text strong>{yuan(fin.balanceYuan)}</Typography.Text>
        </Typography.Paragraph>
        <Form.Item name="notes" label={t('quarterly.finance.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
      <Space wrap>
        {canEdit && (
          <Button
            icon={<SaveOutlined />}
            loading={busy === 'save'}
            onClick={() => void run('save')}
            data-testid="quarterly-finance-save"
          >
            {t('common.save')}
          </Button>
        )}
        {canSubmit && (
          <Popconfirm title={t('quarterly.submitFinanceConfirm')} onConfirm={() => run('submit')}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'submit'}
              data-testid="quarterly-finance-submit"
            >
              {t('quarterly.submitFinance')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );
}

interface SignValues {
  chairName: string;
  chairSignedAt: Dayjs | null;
  directorSignature: boolean;
}

function SignCard({ r }: { r: QuarterlyReport }) {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const writes = useQuarterlyWrites();
  const errorText = useErrorText();
  const [form] = Form.useForm<SignValues>();
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<'sign' | 'publish' | null>(null);
  const canSign = r.allowedActions.includes('sign');
  const canPublish = r.allowedActions.includes('publish');
  const sig = r.signatures;

  const sign = async () => {
    let v: SignValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy('sign');
    setError(null);
    try {
      await writes.sign(r, v.chairName.trim(), v.chairSignedAt!.toISOString());
      message.success(t('quarterly.signedOk'));
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(null);
    }
  };
  const publish = async () => {
    setBusy('publish');
    setError(null);
    try {
      await writes.publish(r);
      message.success(t('quarterly.publishedOk'));
    } catch (e) {
      setError(applyServerError(null, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('quarterly.signoff')}>
      {error && <Alert type="error" showIcon {...errorText(error)} style={{ marginBottom: 12 }} />}
      {sig.directorSignedAt ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'chair', label: t('quarterly.chairName'), children: sig.chairName ?? '—' },
            { key: 'chairAt', label: t('quarterly.chairSignedAt'), children: dateTime(sig.chairSignedAt) },
            { key: 'dir', label: t('quarterly.director'), children: sig.director?.name ?? '—' },
            {
              key: 'dirAt',
              label: t('quarterly.directorSignedAt'),
              children: dateTime(sig.directorSignedAt),
            },
            ...(r.publishedAt
              ? [
                  {
                    key: 'pub',
                    label: t('quarterly.publishedAt'),
                    children: `${dateTime(r.publishedAt)} · ${r.publishedBy?.name ?? ''}`,
                  },
                ]
              : []),
          ]}
        />
      ) : canSign ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ chairSignedAt: dayjs(), directorSignature: false }}
        >
          <Flex wrap gap={16}>
            <Form.Item
              name="chairName"
              label={t('quarterly.chairName')}
              rules={[{ required: true, whitespace: true, message: t('quarterly.chairNameRequired') }]}
            >
              <Input maxLength={50} style={{ width: 220 }} data-testid="quarterly-chair-name" />
            </Form.Item>
            <Form.Item
              name="chairSignedAt"
              label={t('quarterly.chairSignedAt')}
              rules={[{ required: true, message: t('quarterly.chairSignedAtRequired') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format={t('format.dateTime')}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="quarterly-chair-signed-at"
              />
            </Form.Item>
          </Flex>
          <Form.Item
            name="directorSignature"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error(t('quarterly.directorConfirmRequired'))),
              },
            ]}
          >
            <Checkbox data-testid="quarterly-director-signature">{t('quarterly.directorConfirm')}</Checkbox>
          </Form.Item>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={busy === 'sign'}
            onClick={() => void sign()}
            data-testid="quarterly-sign"
          >
            {t('quarterly.sign')}
          </Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">{t('quarterly.signNotYet')}</Typography.Text>
      )}
      {canPublish && (
        <div style={{ marginTop: 12 }}>
          <Popconfirm title={t('quarterly.publishConfirm')} onConfirm={() => publish()}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'publish'}
              data-testid="quarterly-publish"
            >
              {t('quarterly.publish')}
            </Button>
          </Popconfirm>
        </div>
      )}
    </Card>
  );
}
