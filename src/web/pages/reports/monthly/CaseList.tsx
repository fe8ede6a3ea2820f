/** The notable and the unresolved cases of the month, each with why it is listed and what was done. */
import { Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/i18n';
import type { SummaryCase } from '../reportsApi';

export function CaseList({ title, rows, testId }: { title: string; rows: SummaryCase[]; testId: string }) {
  const { t, label, dateTime } = useI18n();
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Table<SummaryCase>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: t('summary.noCases') }}
        columns={[
          {
            title: t('case.number'),
            dataIndex: 'number',
            render: (_, c) => (
              <Link to={`/cases/${c.id}`} style={{ whiteSpace: 'nowrap' }}>
                {c.number}
              </Link>
            ),
          },
          {
            title: t('summary.reason'),
            key: 'reason',
            render: (_, c) => <Tag>{label('summaryReason', c.reason)}</Tag>,
          },
          {
            title: t('case.kind'),
            key: 'kind',
            render: (_, c) => `${label('caseKind', c.kind)} · ${label('severity', c.severity)}`,
          },
          { title: t('case.state'), key: 'state', render: (_, c) => label('caseState', c.state) },
          { title: t('summary.category'), dataIndex: 'category', render: (v: string | null) => v ?? '—' },
          { title: t('summary.community'), dataIndex: 'community', render: (v: string | null) => v ?? '—' },
          { title: t('summary.receivedAt'), key: 'at', render: (_, c) => dateTime(c.receivedAt) },
          {
            title: t('summary.caseSummary'),
            dataIndex: 'summary',
            render: (v: string) => (
              <Typography.Paragraph
                ellipsis={{ rows: 2, expandable: true }}
                style={{ maxWidth: 320, margin: 0 }}
              >
                {v}
              </Typography.Paragraph>
            ),
          },
          {
            title: t('summary.action'),
            dataIndex: 'action',
            render: (v: string | null) => (
              <Typography.Paragraph
                ellipsis={{ rows: 2, expandable: true }}
                style={{ maxWidth: 320, margin: 0 }}
              >
                {v ?? '—'}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Card>
  );
}
