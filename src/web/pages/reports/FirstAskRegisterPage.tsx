/**
 * 首问负责制度登记表 (FORM-2, 004 第九条, 附表二): the matters a department's members first received in a month,
 * read from the cases — 日期, 业主姓名, 联系电话, 拟办事项, 首问人, 责任人, 处理情况, 业主意见, 备注 (the case
 * number, a link to the case) — with its .xlsx and an A4 print view.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, DatePicker, Table } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { endpoints } from '../../api/endpoints';
import { download } from '../../api/client';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import type { FirstAskRegisterRow } from '../../../contracts/accountability';
import {
  DepartmentSelect,
  handlingText,
  opinionText,
  printPath,
  useFirstAskRegister,
  type RegisterQuery,
} from './firstAskRegister';

export default function FirstAskRegisterPage() {
  const { t, label, date } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const [ym, setYm] = useState<{ year: number; month: number } | null>(null);
  const [exporting, setExporting] = useState(false);
  const query: RegisterQuery | null = departmentId ? { departmentId, ...ym } : null;
  const register = useFirstAskRegister(query);
  const r = register.data;
  // the month shown: the one picked, else the one the server answered for (its current month)
  const month = ym ?? (r ? { year: r.year, month: r.month } : null);
  const monthValue: Dayjs | null = month ? dayjs(new Date(month.year, month.month - 1, 1)) : null;
  const fixed: RegisterQuery | null = departmentId && month ? { departmentId, ...month } : null;

  const exportXlsx = async () => {
    if (!fixed) return;
    setExporting(true);
    try {
      await download(
        endpoints.accountability.firstAskRegisterXlsx,
        { query: fixed },
        `${t('firstAsk.title')}-${fixed.year}-${String(fixed.month).padStart(2, '0')}.xlsx`,
      );
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<FirstAskRegisterRow> = [
    { title: t('firstAsk.date'), key: 'date', width: 120, render: (_, row) => date(row.receivedAt) },
    { title: t('firstAsk.owner'), key: 'owner', render: (_, row) => row.reporterName ?? '—' },
    { title: t('firstAsk.phone'), key: 'phone', render: (_, row) => row.reporterPhone ?? '—' },
    { title: t('firstAsk.matter'), dataIndex: 'matter', key: 'matter', ellipsis: true },
    { title: t('firstAsk.firstResponder'), key: 'first', render: (_, row) => row.firstResponder.name },
    { title: t('firstAsk.handler'), key: 'handler', render: (_, row) => row.handler?.name ?? '—' },
    { title: t('firstAsk.handling'), key: 'handling', render: (_, row) => handlingText(row, label) },
    { title: t('firstAsk.opinion'), key: 'opinion', render: (_, row) => opinionText(row, label) || '—' },
    {
      title: t('firstAsk.note'),
      key: 'note',
      render: (_, row) => (
        <Link to={`/cases/${row.case.id}`} data-testid="first-ask-case">
          {row.case.number}
        </Link>
      ),
    },
  ];

  return (
    <div data-testid="first-ask-register-page">
      <PageHeader
        title={t('firstAsk.title')}
        subTitle={
          r
            ? `${r.department.office ? `${r.department.office.name} · ` : ''}${r.department.name} · ${t('reports.yearMonth', { year: r.year, month: r.month })}`
            : undefined
        }
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              disabled={!fixed}
              loading={exporting}
              onClick={() => void exportXlsx()}
              data-testid="first-ask-export"
            >
              {t('firstAsk.export')}
            </Button>
            <Button
              icon={<PrinterOutlined />}
              disabled={!fixed}
              onClick={() => fixed && navigate(printPath(fixed))}
              data-testid="first-ask-print"
            >
              {t('print.print')}
            </Button>
          </>
        }
      />
      <Toolbar>
        <DepartmentSelect value={departmentId} onChange={setDepartmentId} testId="first-ask-department" />
        <DatePicker
          picker="month"
          value={monthValue}
          allowClear={false}
          onChange={(d) => d && setYm({ year: d.year(), month: d.month() + 1 })}
          disabledDate={(d) => d.isAfter(dayjs().endOf('month'))}
          format={t('format.month')}
          aria-label={t('reports.month')}
          data-testid="first-ask-month"
        />
      </Toolbar>
      {register.error && (
        <Alert type="error" showIcon title={register.error.message} style={{ marginBottom: 12 }} />
      )}
      <Table<FirstAskRegisterRow>
        rowKey={(row) => row.case.id}
        columns={columns}
        dataSource={r?.rows ?? []}
        loading={register.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        size="small"
        data-testid="first-ask-table"
      />
    </div>
  );
}
