/**
 * 重复问题 — recurring problems (PROBLEM-1): clusters of cases by place and category or by similar text, each with a
 * cross-department review, a due date, the root cause and the measures; a problem closes only once its measures are
 * recorded (the server says so when they are not).
 */
import { endpoints } from '../../api/endpoints';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Result,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { useCan, useCursorList, useDepartments } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { useI18n } from '../../i18n/i18n';
import type { Problem, ProblemCase, ProblemDetail, UpdateProblemBody } from '../../../contracts/problems';
import { OfficeSelect } from './reportsUi';

const PROBLEMS = endpoints.problems.list.path;

type StatusFilter = Problem['status'] | 'all';
const STATUS_FILTERS: StatusFilter[] = ['open', 'closed', 'all'];

export default function ProblemsPage() {
  const { t, label, dateTime } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<StatusFilter>('open');
  // the open problem is in the address (?id=…), so a notification can link straight to it
  const [params, setParams] = useSearchParams();
  const openId = params.get('id');
  const setOpenId = (id: string | null) => setParams(id ? { id } : {});
  const [detecting, setDetecting] = useState(false);
  const list = useCursorList(
    endpoints.problems.list,
    { officeId: officeId || undefined, status: status === 'all' ? undefined : status },
    { pageSize: 20, enabled: officeId !== undefined },
  );

  const detect = async () => {
    setDetecting(true);
    try {
      const r = await call(endpoints.problems.detect);
      message.success(t('problem.detected', { created: r.created, linked: r.linked }));
      await queryClient.invalidateQueries({ queryKey: [PROBLEMS] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setDetecting(false);
    }
  };

  const columns: ColumnsType<Problem> = [
    {
      title: t('problem.title'),
      key: 'title',
      render: (_, p) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => setOpenId(p.id)}
          data-testid="problem-open"
        >
          {p.title}
        </Button>
      ),
    },
    {
      title: t('problem.scope'),
      key: 'scope',
      render: (_, p) => (
        <Space size={4}>
          <Tag>{label('problemScope', p.scopeType)}</Tag>
          <span>{p.scope?.name ?? p.community?.name ?? '—'}</span>
        </Space>
      ),
    },
    { title: t('problem.category'), key: 'category', render: (_, p) => p.category?.name ?? '—' },
    { title: t('problem.caseCount'), dataIndex: 'caseCount', key: 'count', align: 'right' },
    {
      title: t('problem.review'),
      key: 'review',
      render: (_, p) =>
        p.reviewDepartments.length ? p.reviewDepartments.map((d) => d.name).join(t('common.enumSep')) : '—',
    },
    {
      title: t('problem.dueAt'),
      key: 'due',
      render: (_, p) => <DueText p={p} />,
    },
    {
      title: t('problem.status'),
      key: 'status',
      render: (_, p) => (
        <Tag color={p.status === 'open' ? 'processing' : 'success'} data-status={p.status}>
          {label('problemStatus', p.status)}
        </Tag>
      ),
    },
    { title: t('problem.detectedAt'), key: 'detected', render: (_, p) => dateTime(p.detectedAt) },
    { title: t('reports.office'), key: 'office', render: (_, p) => p.office?.name ?? '—' },
  ];

  return (
    <div data-testid="problems-page">
      <PageHeader
        title={t('nav.reportsProblems')}
        extra={
          can('problems.detect') && (
            <Button
              icon={<SearchOutlined />}
              loading={detecting}
              onClick={() => void detect()}
              data-testid="problems-detect"
            >
              {t('problem.detect')}
            </Button>
          )
        }
      />
      <Toolbar>
        <OfficeSelect value={officeId} onChange={setOfficeId} allowAll testId="problems-office" />
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={STATUS_FILTERS.map((s) => ({
            value: s,
            label: s === 'all' ? t('common.all') : label('problemStatus', s),
          }))}
          data-testid="problems-status"
        />
      </Toolbar>
      <Typography.Paragraph type="secondary">{t('problem.help')}</Typography.Paragraph>
      <DataTable<Problem> list={list} testId="problems-table" columns={columns} />
      {openId && <ProblemDrawer id={openId} onClose={() => setOpenId(null)} />}
    </div>
  );
}

function DueText({ p }: { p: Problem }) {
  const { t, dateTime } = useI18n();
  if (!p.dueAt) return <>—</>;
  const late = p.status === 'open' && dayjs(p.dueAt).isBefore(dayjs());
  return (
    <Space size={4}>
      <span>{dateTime(p.dueAt)}</span>
      {late && <Tag color="error">{t('problem.late')}</Tag>}
    </Space>
  );
}

interface EditValues {
  reviewDepartmentIds: string[];
  dueAt: Dayjs | null;
  rootCause: string;
  measures: string;
}

function toBody(p: ProblemDetail, v: EditValues): UpdateProblemBody {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  return {
    version: p.version,
    reviewDepartmentIds: v.reviewDepartmentIds ?? [],
    dueAt: v.dueAt ? v.dueAt.toISOString() : null,
    rootCause: text(v.rootCause),
    measures: text(v.measures),
  };
}

function ProblemDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, label, dateTime } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: [PROBLEMS, id],
    queryFn: ({ signal }) => call(endpoints.problems.get, { params: { id }, signal }),
  });
  const departments = useDepartments(can('org.read'));
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState<'save' | 'close' | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const p = detail.data;
  const editable = can('problems.manage') && p?.status === 'open';

  const deptOptions = useMemo(() => {
    const opts = (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));
    for (const d of p?.reviewDepartments ?? [])
      if (!opts.some((o) => o.value === d.id)) opts.push({ value: d.id, label: d.name });
    return opts;
  }, [departments.data, p]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: [PROBLEMS] });
  };

  /** Saves the form; returns the problem's new version (or the current one when nothing changed). */
  const saveIfNeeded = async (cur: ProblemDetail, always: boolean): Promise<number> => {
    if (!always && !form.isFieldsTouched()) return cur.version;
    const values = await form.validateFields();
    const saved = await call(endpoints.problems.update, {
      params: { id: cur.id },
      body: toBody(cur, values),
    });
    return saved.version;
  };

  const save = async () => {
    if (!p) return;
    setBusy('save');
    setError(null);
    try {
      await saveIfNeeded(p, true);
      message.success(t('common.saved'));
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  const close = async () => {
    if (!p) return;
    setBusy('close');
    setError(null);
    try {
      // what was typed and not yet saved goes with the close: the measures are what closing needs
      const version = await saveIfNeeded(p, false);
      await call(endpoints.problems.close, { params: { id: p.id }, body: { version } });
      message.success(t('problem.closed'));
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  const caseColumns: ColumnsType<ProblemCase> = [
    {
      title: t('case.number'),
      key: 'number',
      render: (_, c) => (
        <Link to={`/cases/${c.id}`} style={{ whiteSpace: 'nowrap' }}>
          {c.number}
        </Link>
      ),
    },
    { title: t('case.kind'), key: 'kind', render: (_, c) => label('caseKind', c.kind) },
    { title: t('case.state'), key: 'state', render: (_, c) => label('caseState', c.state) },
    { title: t('problem.room'), key: 'room', render: (_, c) => c.room ?? '—' },
    { title: t('problem.category'), key: 'category', render: (_, c) => c.category ?? '—' },
    { title: t('problem.receivedAt'), key: 'at', render: (_, c) => dateTime(c.receivedAt) },
    {
      title: t('problem.description'),
      key: 'desc',
      render: (_, c) => (
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ maxWidth: 320, margin: 0 }}>
          {c.description}
        </Typography.Paragraph>
      ),
    },
  ];

  return (
    <Drawer open onClose={onClose} size={760} title={p?.title ?? t('nav.reportsProblems')}>
      <div data-testid="problem-detail" data-status={p?.status}>
        {detail.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
        {detail.error && (
          <Result status="error" title={t('error.loadFailed')} subTitle={detail.error.message} />
        )}
        {p && (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'status',
                  label: t('problem.status'),
                  children: (
                    <Tag color={p.status === 'open' ? 'processing' : 'success'}>
                      {label('problemStatus', p.status)}
                    </Tag>
                  ),
                },
                {
                  key: 'scope',
                  label: t('problem.scope'),
                  children: `${label('problemScope', p.scopeType)} · ${p.scope?.name ?? p.community?.name ?? '—'}`,
                },
                { key: 'category', label: t('problem.category'), children: p.category?.name ?? '—' },
                { key: 'office', label: t('reports.office'), children: p.office?.name ?? '—' },
                { key: 'count', label: t('problem.caseCount'), children: p.caseCount },
                { key: 'detected', label: t('problem.detectedAt'), children: dateTime(p.detectedAt) },
                ...(p.closedAt
                  ? [
                      {
                        key: 'closed',
                        label: t('problem.closedAt'),
                        children: `${dateTime(p.closedAt)}${p.closedBy ? ` · ${p.closedBy.name}` : ''}`,
                      },
                    ]
                  : []),
              ]}
            />
            {error && (
              <Alert
                type="error"
                showIcon
                title={error.versionConflict ? t('problem.versionConflict') : error.message}
                description={error.extra.length ? error.extra.join('；') : undefined}
                data-testid="problem-error"
              />
            )}
            <Card size="small" title={t('problem.review')}>
              <Form<EditValues>
                form={form}
                layout="vertical"
                key={`${p.id}-${p.version}`}
                disabled={!editable}
                initialValues={{
                  reviewDepartmentIds: p.reviewDepartments.map((d) => d.id),
                  dueAt: p.dueAt ? dayjs(p.dueAt) : null,
                  rootCause: p.rootCause ?? '',
                  measures: p.measures ?? '',
                }}
              >
                <Form.Item name="reviewDepartmentIds" label={t('problem.reviewDepartments')}>
                  <Select
                    mode="multiple"
                    options={deptOptions}
                    loading={departments.isLoading}
                    showSearch={{ optionFilterProp: 'label' }}
                    data-testid="problem-review-departments"
                  />
                </Form.Item>
                <Form.Item name="dueAt" label={t('problem.dueAt')}>
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format={t('format.dateTime')}
                    data-testid="problem-due"
                  />
                </Form.Item>
                <Form.Item name="rootCause" label={t('problem.rootCause')}>
                  <Input.TextArea
                    autoSize={{ minRows: 3, maxRows: 10 }}
                    maxLength={5000}
                    placeholder={t('problem.rootCauseHint')}
                    data-testid="problem-root-cause"
                  />
                </Form.Item>
                <Form.Item name="measures" label={t('problem.measures')} extra={t('problem.measuresHint')}>
                  <Input.TextArea
                    autoSize={{ minRows: 3, maxRows: 10 }}
                    maxLength={5000}
                    data-testid="problem-measures"
                  />
                </Form.Item>
              </Form>
              {editable && (
                <Space wrap>
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={busy === 'save'}
                    disabled={busy !== null}
                    onClick={() => void save()}
                    data-testid="problem-save"
                  >
                    {t('common.save')}
                  </Button>
                  <Button
                    icon={<CheckCircleOutlined />}
                    loading={busy === 'close'}
                    disabled={busy !== null}
                    onClick={() => void close()}
                    data-testid="problem-close"
                  >
                    {t('problem.close')}
                  </Button>
                </Space>
              )}
            </Card>
            <Card size="small" title={t('problem.cases', { n: p.cases.length })}>
              <Table<ProblemCase>
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={p.cases}
                columns={caseColumns}
              />
            </Card>
          </Space>
        )}
      </div>
    </Drawer>
  );
}
