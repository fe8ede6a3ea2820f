/** The cases behind one figure (GET /:id/cases with the figure's filter), paged. */
import { Drawer } from 'antd';
import { Link } from 'react-router';
import { useCursorList } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { useI18n } from '../../../i18n/i18n';
import { endpoints } from '../../../api/endpoints';
import type { DrillCase, MonthlySummary } from '../reportsApi';
import type { Drill } from './summaryUi';

export function DrillDrawer({ s, drill, onClose }: { s: MonthlySummary; drill: Drill; onClose: () => void }) {
  const { t, label, dateTime } = useI18n();
  const list = useCursorList(
    endpoints.reports.monthly.cases,
    { figure: drill.figure, value: drill.value, clock: drill.clock, communityId: drill.communityId },
    { pageSize: 20, params: { id: s.id } },
  );
  return (
    <Drawer open onClose={onClose} title={drill.title} size={640} data-testid="summary-drill">
      <DataTable<DrillCase>
        list={list}
        testId="summary-drill-table"
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
            title: t('case.kind'),
            key: 'kind',
            render: (_, c) => `${label('caseKind', c.kind)} · ${label('severity', c.severity)}`,
          },
          { title: t('case.state'), key: 'state', render: (_, c) => label('caseState', c.state) },
          { title: t('summary.category'), dataIndex: 'category', render: (v: string | null) => v ?? '—' },
          { title: t('summary.community'), dataIndex: 'community', render: (v: string | null) => v ?? '—' },
          { title: t('summary.receivedAt'), key: 'at', render: (_, c) => dateTime(c.receivedAt) },
        ]}
      />
    </Drawer>
  );
}
