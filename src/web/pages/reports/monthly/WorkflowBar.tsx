/** Where the summary stands in draft → approved → published, its deadline, and approve / publish for an approver. */
import { Button, Card, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { CheckOutlined, SendOutlined, WarningOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/i18n';
import type { MonthlySummary } from '../reportsApi';
import { useWorkflow } from './useSummaryActions';
import { STATUS_COLOR, undecidedCount } from './summaryUi';

export function WorkflowBar({ s }: { s: MonthlySummary }) {
  const { t, label, dateTime } = useI18n();
  const { busy, run, canApprove, canPublish } = useWorkflow(s);

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Space wrap size={8}>
          <Tag color={STATUS_COLOR[s.status]} data-testid="summary-status" data-status={s.status}>
            {label('summaryStatus', s.status)}
          </Tag>
          <Typography.Text type="secondary">
            {t('summary.deadline', { at: dateTime(s.workflow.deadline) })}
          </Typography.Text>
          {s.workflow.overdue && (
            <Tag color="error" icon={<WarningOutlined />}>
              {t('summary.overdue')}
            </Tag>
          )}
          {!s.frozen && undecidedCount(s) > 0 && (
            <Tag color="warning" data-testid="summary-highlights-pending">
              {t('summary.highlights.pending', { count: undecidedCount(s) })}
            </Tag>
          )}
          {s.workflow.approvedBy && (
            <Typography.Text type="secondary">
              {t('summary.approvedBy', {
                name: s.workflow.approvedBy.name,
                at: dateTime(s.workflow.approvedAt),
              })}
            </Typography.Text>
          )}
          {s.workflow.publishedBy && (
            <Typography.Text type="secondary">
              {t('summary.publishedBy', {
                name: s.workflow.publishedBy.name,
                at: dateTime(s.workflow.publishedAt),
              })}
            </Typography.Text>
          )}
        </Space>
        <Space wrap>
          {canApprove && (
            <Popconfirm title={t('summary.approveConfirm')} onConfirm={() => run('approve')}>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={busy === 'approve'}
                data-testid="summary-approve"
              >
                {t('summary.approve')}
              </Button>
            </Popconfirm>
          )}
          {canPublish && (
            <Popconfirm title={t('summary.publishConfirm')} onConfirm={() => run('publish')}>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'publish'}
                data-testid="summary-publish"
              >
                {t('summary.publish')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
    </Card>
  );
}
