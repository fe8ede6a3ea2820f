/** The number of a newly recorded case, big enough to read out to the caller, and the way on to the next call. */
import { Link } from 'react-router';
import { Button, Flex, Result } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Case } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { StateTag } from '../caseUi';

export function Created({ c, onNew }: { c: Case; onNew: () => void }) {
  const { t, label } = useI18n();
  return (
    <Result
      status="success"
      title={t('intake.createdTitle', { kind: label('caseKind', c.kind) })}
      subTitle={t('intake.readOut')}
      data-testid="intake-created"
      extra={
        <Flex vertical align="center" gap={16}>
          <div
            data-testid="intake-number"
            style={{
              fontSize: 'clamp(32px, 9vw, 56px)',
              fontWeight: 700,
              letterSpacing: 2,
              fontVariantNumeric: 'tabular-nums',
              userSelect: 'all',
            }}
          >
            {c.number}
          </div>
          <StateTag state={c.state} />
          <Flex gap={8} wrap justify="center">
            <Link to={`/cases/${c.id}`}>
              <Button size="large" data-testid="intake-open-case">
                {t('intake.openCase')}
              </Button>
            </Link>
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={onNew}
              autoFocus
              data-testid="intake-new"
            >
              {t('intake.newIntake')}
            </Button>
          </Flex>
        </Flex>
      }
    />
  );
}
