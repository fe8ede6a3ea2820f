/** The figures per community, each count a drill-down to its cases (none for the month in progress). */
import { Card, Table } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import type { Figure, MonthlySummary } from '../reportsApi';
import { RateText } from '../reportsUi';
import { CountLink, type Drill } from './summaryUi';

export function CommunityTable({ s, onDrill }: { s: MonthlySummary; onDrill?: (d: Drill) => void }) {
  const { t } = useI18n();
  if (!s.communities.length) return null;
  const rate = (f: Figure) => <RateText {...f} />;
  return (
    <Card size="small" title={t('summary.byCommunity')}>
      <Table
        size="small"
        rowKey={(c) => c.communityId ?? 'none'}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={s.communities}
        columns={[
          { title: t('summary.community'), dataIndex: 'name', fixed: 'left' },
          {
            title: t('summary.counted'),
            dataIndex: 'counted',
            render: (n: number, c) => (
              <CountLink
                n={n}
                onClick={
                  onDrill &&
                  (() =>
                    onDrill({ figure: 'community', communityId: c.communityId ?? 'none', title: c.name }))
                }
              />
            ),
          },
          { title: t('summary.validComplaints'), dataIndex: 'validComplaints' },
          { title: t('summary.onTimeAll'), key: 'onTime', render: (_, c) => rate(c.onTimeAll) },
          { title: t('summary.callbackRate'), key: 'cb', render: (_, c) => rate(c.callbackRate) },
          { title: t('summary.satisfactionRate'), key: 'sat', render: (_, c) => rate(c.satisfactionRate) },
          { title: t('summary.reopenRate'), key: 'reo', render: (_, c) => rate(c.reopenRate) },
          {
            title: t('summary.effectiveComplaintRate'),
            key: 'eff',
            render: (_, c) => rate(c.effectiveComplaintRate),
          },
        ]}
      />
    </Card>
  );
}
