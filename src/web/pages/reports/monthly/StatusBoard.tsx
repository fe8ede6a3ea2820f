/** The months not published by the 5th, per office; a month opens in the internal view. */
import { Button, Result, Space, Spin, Table, Tag } from 'antd';
import { CheckOutlined, WarningOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/i18n';
import { useSummaryStatus, type SummaryMonthStatus } from '../reportsApi';
import { STATUS_COLOR } from './summaryUi';

export function StatusBoard({
  officeId,
  onOpen,
}: {
  officeId: string | undefined;
  onOpen: (row: SummaryMonthStatus) => void;
}) {
  const { t, label, dateTime } = useI18n();
  const status = useSummaryStatus(officeId);
  if (status.isLoading) return <Spin />;
  if (status.error)
    return <Result status="error" title={t('error.loadFailed')} subTitle={status.error.message} />;
  const data = status.data!;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Tag
        color={data.overdueCount ? 'error' : 'success'}
        icon={data.overdueCount ? <WarningOutlined /> : <CheckOutlined />}
        data-testid="summary-overdue"
        data-count={data.overdueCount}
      >
        {data.overdueCount
          ? t('summary.overdueCount', { count: data.overdueCount })
          : t('summary.noneOverdue')}
      </Tag>
      <Table<SummaryMonthStatus>
        size="small"
        rowKey={(r) => `${r.officeId}-${r.year}-${r.month}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.items}
        columns={[
          { title: t('reports.office'), dataIndex: 'officeName' },
          {
            title: t('reports.month'),
            key: 'month',
            render: (_, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r)}>
                {t('reports.yearMonth', { year: r.year, month: r.month })}
              </Button>
            ),
          },
          {
            title: t('summary.statusCol'),
            key: 'status',
            render: (_, r) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[r.status]}>{label('summaryStatus', r.status)}</Tag>
                {r.overdue && (
                  <Tag color="error" icon={<WarningOutlined />}>
                    {t('summary.overdue')}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('summary.deadlineCol'), key: 'deadline', render: (_, r) => dateTime(r.deadline) },
        ]}
      />
    </Space>
  );
}
