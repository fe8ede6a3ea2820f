/**
 * 工作日历 (CLOCK-2, CLOCK-9): which years the working-day calendar knows and which are missing, the national days
 * and the company's own entries of a year, and the State Council's yearly notice pasted as text — read by the
 * server into a proposal festival by festival, its unread lines listed, saved only when the admin confirms (the
 * year's own entries kept, the proposal winning on the same date). A single company entry — a day off or a day
 * worked, with a note — is added, changed or removed by hand: the year's entries are read afresh and PUT whole with
 * that one change (the API replaces a year at once).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  FileSearchOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { endpoints } from '../../api/endpoints';
import { call } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import type { CalendarDay, CalendarDayInput, CalendarNoticeProposal } from '../../../contracts/calendar';
import { mergeCalendarDays, putCalendarDay, removeCalendarDay } from './calendarDays';

const STATUS = endpoints.settings.calendarStatus.path;
const OVERRIDES = endpoints.settings.calendarOverrides.path;

export default function CalendarPage() {
  const { t } = useI18n();
  const status = useQuery({
    queryKey: [STATUS],
    queryFn: ({ signal }) => call(endpoints.settings.calendarStatus, { signal }),
  });
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const s = status.data;
  const years = [
    ...new Set([thisYear - 1, thisYear, thisYear + 1, ...(s?.knownYears ?? []), ...(s?.missingYears ?? [])]),
  ]
    .filter((y) => y >= 2000 && y <= 2199)
    .sort((a, b) => a - b);

  return (
    <div data-testid="calendar-page">
      <PageHeader title={t('calendar.title')} subTitle={t('calendar.help')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {status.error && <Alert type="error" showIcon title={status.error.message} />}
        {s?.warning && (
          <Alert
            type="warning"
            showIcon
            title={s.message ?? t('calendar.missing')}
            data-testid="calendar-warning"
          />
        )}
        <Card size="small" title={t('calendar.status')} loading={status.isLoading}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('calendar.knownYears')}>
              <YearTags years={s?.knownYears ?? []} color="success" testId="calendar-known-years" />
            </Descriptions.Item>
            <Descriptions.Item label={t('calendar.missingYears')}>
              <YearTags years={s?.missingYears ?? []} color="error" testId="calendar-missing-years" />
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <YearDays year={year} years={years} onYear={setYear} />
        {s && <NoticePanel defaultYear={s.missingYears[0] ?? thisYear + 1} />}
      </Space>
    </div>
  );
}

function YearTags({ years, color, testId }: { years: number[]; color: string; testId: string }) {
  const { t } = useI18n();
  return (
    <span data-testid={testId}>
      {years.length
        ? years.map((y) => (
            <Tag key={y} color={color}>
              {y}
            </Tag>
          ))
        : t('calendar.none')}
    </span>
  );
}

function useDayColumns(): ColumnsType<CalendarDay> {
  const { t, label } = useI18n();
  return [
    { title: t('calendar.date'), dataIndex: 'date', key: 'date', width: 130 },
    {
      title: t('calendar.kind'),
      key: 'kind',
      width: 120,
      render: (_, d) => (
        <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{label('calendarKind', d.kind)}</Tag>
      ),
    },
    { title: t('calendar.name'), key: 'name', render: (_, d) => d.name ?? '—' },
  ];
}

interface EntryValues {
  date: Dayjs;
  kind: CalendarDay['kind'];
  name?: string;
}

/** Saves the year's entries with one change: read afresh first, so an entry another admin saved meanwhile stays. */
function useSaveYear() {
  const queryClient = useQueryClient();
  return async (year: number, change: (current: readonly CalendarDay[]) => CalendarDayInput[]) => {
    const current = await call(endpoints.settings.calendarOverrides, { query: { year } });
    await call(endpoints.settings.putCalendarOverrides, {
      params: { year },
      body: { days: change(current.days) },
    });
    await queryClient.invalidateQueries({ queryKey: [OVERRIDES] });
    await queryClient.invalidateQueries({ queryKey: [STATUS] });
  };
}

/** The national days and the company's entries of one year; the company's entries added, changed, removed here. */
function YearDays({ year, years, onYear }: { year: number; years: number[]; onYear: (y: number) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const columns = useDayColumns();
  const saveYear = useSaveYear();
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const overrides = useQuery({
    queryKey: [OVERRIDES, year],
    queryFn: ({ signal }) => call(endpoints.settings.calendarOverrides, { query: { year }, signal }),
  });
  const o = overrides.data;
  const current = editing === 'new' ? null : editing;

  const remove = async (d: CalendarDay) => {
    try {
      await saveYear(year, (days) => removeCalendarDay(year, days, d.date));
      message.success(t('calendar.entryRemoved', { date: d.date }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const submit = (v: EntryValues) =>
    saveYear(year, (days) =>
      putCalendarDay(
        year,
        days,
        { date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name },
        current?.date,
      ),
    );

  const companyColumns: ColumnsType<CalendarDay> = [
    ...columns,
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, d) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(d)}
            data-testid="calendar-entry-edit"
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('calendar.confirmRemove', { date: d.date })}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(d)}
          >
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined />}
              data-testid="calendar-entry-delete"
            >
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('calendar.yearDays')}
      extra={
        <Select<number>
          value={year}
          onChange={onYear}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          aria-label={t('calendar.year')}
          style={{ width: 110 }}
          data-testid="calendar-year"
        />
      }
    >
      {overrides.error && <Alert type="error" showIcon title={overrides.error.message} />}
      {o && (
        <Typography.Paragraph type={o.known ? 'secondary' : 'danger'} data-testid="calendar-known">
          {o.known ? t('calendar.known', { year: o.year }) : t('calendar.unknown', { year: o.year })}
        </Typography.Paragraph>
      )}
      <Flex gap={16} wrap>
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Typography.Title level={5}>{t('calendar.national')}</Typography.Title>
          <Table<CalendarDay>
            rowKey="date"
            size="small"
            columns={columns}
            dataSource={o?.nationalDays ?? []}
            loading={overrides.isLoading}
            pagination={false}
            scroll={{ y: 360 }}
            data-testid="calendar-national"
          />
        </div>
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Flex justify="space-between" align="baseline">
            <Typography.Title level={5}>{t('calendar.company')}</Typography.Title>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="calendar-entry-add"
            >
              {t('calendar.addEntry')}
            </Button>
          </Flex>
          <Table<CalendarDay>
            rowKey="date"
            size="small"
            columns={companyColumns}
            dataSource={o?.days ?? []}
            loading={overrides.isLoading}
            pagination={false}
            scroll={{ y: 360 }}
            locale={{ emptyText: t('calendar.noEntries') }}
            data-testid="calendar-company"
          />
        </div>
      </Flex>
      <FormDrawer<EntryValues>
        open={editing !== null}
        title={current ? t('calendar.editEntry', { date: current.date }) : t('calendar.addEntryOf', { year })}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? { date: dayjs(current.date), kind: current.kind, name: current.name ?? '' }
            : { kind: 'holiday', name: '' }
        }
        onSubmit={submit}
        successText={t('calendar.entrySaved')}
        testId="calendar-entry-form"
      >
        <Form.Item
          name="date"
          label={t('calendar.date')}
          rules={[
            { required: true, message: t('validation.required') },
            {
              // the PUT takes the dates of its year only; another entry's date would be replaced without a word
              validator: (_, v: Dayjs | undefined) =>
                !v
                  ? Promise.resolve()
                  : v.year() !== year
                    ? Promise.reject(new Error(t('calendar.entryOtherYear', { year })))
                    : (o?.days ?? []).some(
                          (d) => d.date === v.format('YYYY-MM-DD') && d.date !== current?.date,
                        )
                      ? Promise.reject(new Error(t('calendar.entryTaken')))
                      : Promise.resolve(),
            },
          ]}
        >
          <DatePicker
            format="YYYY-MM-DD"
            defaultPickerValue={dayjs(`${year}-01-01`)}
            disabledDate={(d) => d.year() !== year}
            style={{ width: 200 }}
            data-testid="calendar-entry-date"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.kind')} extra={t('calendar.kindHelp')}>
          <Radio.Group
            optionType="button"
            options={(['holiday', 'workday'] as const).map((k) => ({
              value: k,
              label: label('calendarKind', k),
            }))}
            data-testid="calendar-entry-kind"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.note')}
          rules={[{ max: 30, message: t('validation.maxLength', { max: 30 }) }]}
        >
          <Input
            placeholder={t('calendar.notePlaceholder')}
            maxLength={30}
            data-testid="calendar-entry-name"
          />
        </Form.Item>
      </FormDrawer>
    </Card>
  );
}

/** 粘贴国务院放假通知: read → proposal by festival, unread lines → 确认保存. Nothing is saved before. */
export function NoticePanel({ defaultYear }: { defaultYear: number }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number | null>(defaultYear);
  const [text, setText] = useState('');
  const [proposal, setProposal] = useState<CalendarNoticeProposal | null>(null);
  const [busy, setBusy] = useState<'read' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const read = async () => {
    if (!year || !text.trim()) {
      setError(t('calendar.textRequired'));
      return;
    }
    setBusy('read');
    setError(null);
    setProposal(null);
    try {
      setProposal(await call(endpoints.settings.readCalendarNotice, { body: { year, text } }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!proposal) return;
    setBusy('save');
    setError(null);
    try {
      // the PUT replaces the whole year: the year's own entries as they are now, the proposal over them
      const current = await call(endpoints.settings.calendarOverrides, { query: { year: proposal.year } });
      const days = mergeCalendarDays(proposal.year, current.days, proposal.days);
      await call(endpoints.settings.putCalendarOverrides, {
        params: { year: proposal.year },
        body: { days },
      });
      message.success(t('calendar.saved', { year: proposal.year, n: days.length }));
      setProposal(null);
      setText('');
      await queryClient.invalidateQueries({ queryKey: [OVERRIDES] });
      await queryClient.invalidateQueries({ queryKey: [STATUS] });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const dates = (list: string[]) =>
    list.length ? list.map((d) => dayjs(d).format(t('calendar.dayFormat'))).join(t('common.enumSep')) : '—';

  return (
    <Card size="small" title={t('calendar.noticeTitle')} data-testid="calendar-notice">
      <Typography.Paragraph type="secondary">{t('calendar.noticeHelp')}</Typography.Paragraph>
      <Toolbar>
        <Typography.Text style={{ lineHeight: '32px' }}>{t('calendar.year')}</Typography.Text>
        <InputNumber<number>
          value={year}
          onChange={(v) => {
            setYear(v);
            setProposal(null);
          }}
          min={2000}
          max={2199}
          precision={0}
          aria-label={t('calendar.year')}
          data-testid="calendar-notice-year"
        />
      </Toolbar>
      <Input.TextArea
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setProposal(null);
        }}
        autoSize={{ minRows: 6, maxRows: 16 }}
        maxLength={20_000}
        placeholder={t('calendar.noticePlaceholder')}
        aria-label={t('calendar.noticeText')}
        data-testid="calendar-notice-text"
      />
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button
          icon={<FileSearchOutlined />}
          loading={busy === 'read'}
          disabled={busy !== null}
          onClick={() => void read()}
          data-testid="calendar-notice-read"
        >
          {t('calendar.read')}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {proposal && (
        <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 16 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('calendar.proposal', { year: proposal.year })}
          </Typography.Title>
          {proposal.festivals.length ? (
            <Table
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={proposal.festivals}
              data-testid="calendar-proposal"
              columns={[
                { title: t('calendar.festival'), dataIndex: 'name', key: 'name', width: 120 },
                {
                  title: label('calendarKind', 'holiday'),
                  key: 'holidays',
                  render: (_, f) => dates(f.holidays),
                },
                {
                  title: label('calendarKind', 'workday'),
                  key: 'workdays',
                  render: (_, f) => dates(f.workdays),
                },
              ]}
            />
          ) : (
            <Empty description={t('calendar.noDays')} />
          )}
          {proposal.unread.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('calendar.unread')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {proposal.unread.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              }
              data-testid="calendar-unread"
            />
          )}
          <Typography.Text type="secondary">
            {t('calendar.saveHelp', { year: proposal.year })}
          </Typography.Text>
          <div>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={busy === 'save'}
              disabled={busy !== null || proposal.days.length === 0}
              onClick={() => void save()}
              data-testid="calendar-notice-save"
            >
              {t('calendar.confirmSave')}
            </Button>
          </div>
        </Space>
      )}
    </Card>
  );
}
