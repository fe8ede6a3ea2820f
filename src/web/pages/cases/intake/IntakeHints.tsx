/**
 * What the agent should tell the caller before recording: an open recurring problem (问题) the case would join,
 * already under a cross-department review, and the caller's open cases the duplicate rule holds likely the same.
 */
import { useNavigate } from 'react-router';
import { Alert, Button, List } from 'antd';
import type { CallerOpenCase } from '../../../api/types';
import type { Problem } from '../../../../contracts/problems';
import { useI18n } from '../../../i18n/i18n';

export function ProblemHint({ problems }: { problems: Pick<Problem, 'id' | 'title' | 'caseCount'>[] }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="intake-problem"
      title={t('intake.problemTitle')}
      description={problems.map((p) => (
        <div key={p.id}>
          {p.title}（{t('intake.problemCases', { count: p.caseCount })}）
        </div>
      ))}
    />
  );
}

export function DuplicateHint({ duplicates }: { duplicates: CallerOpenCase[] }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  if (duplicates.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="intake-duplicate"
      title={t('intake.duplicateTitle')}
      description={
        <List
          size="small"
          dataSource={duplicates}
          renderItem={(d) => (
            <List.Item
              actions={[
                <Button
                  key="open"
                  size="small"
                  onClick={() => navigate(`/cases/${d.id}`)}
                  data-testid="intake-open-duplicate"
                >
                  {t('intake.openDuplicate')}
                </Button>,
              ]}
            >
              <span>
                <strong>{d.number}</strong> {label('caseState', d.state)} · {d.summary}
              </span>
            </List.Item>
          )}
        />
      }
    />
  );
}
