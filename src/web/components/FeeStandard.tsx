/**
 * The fee standard (有偿服务收费标准, REPAIR-3) where a paid private repair is handled: intake and the
 * technician's task. Collapsed by default so it costs one line; opened, a search box narrows the active items,
 * each on its own row (name, price per unit, note) so it reads at 360 px.
 */
import { endpoints } from '../api/endpoints';
import { useMemo, useState } from 'react';
import { Collapse, Empty, Input, List, Typography } from 'antd';
import { useAll } from '../api/queries';
import type { FeeItem } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function FeeStandard({ testId, marginBottom = 16 }: { testId: string; marginBottom?: number }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  // up to 200 active items: a company's standard is a short list, filtered here without a round trip
  const fees = useAll(endpoints.settings.listFeeItems, { active: 'true' });
  const items = useMemo(() => {
    const all = fees.data?.items ?? [];
    const needle = q.trim().toLowerCase();
    return needle ? all.filter((i) => i.name.toLowerCase().includes(needle)) : all;
  }, [fees.data, q]);
  const count = fees.data?.items.length ?? 0;

  return (
    <Collapse
      size="small"
      style={{ marginBottom }}
      data-testid={testId}
      items={[
        {
          key: 'fees',
          label: t('fee.standard', { count }),
          children: fees.isError ? (
            // a failed load is not an empty standard: say what failed, not "ask the admin to set one"
            <Typography.Text type="danger" data-testid={`${testId}-error`}>
              {fees.error instanceof Error ? fees.error.message : String(fees.error)}
            </Typography.Text>
          ) : count === 0 && !fees.isLoading ? (
            <Typography.Text type="secondary">{t('fee.none')}</Typography.Text>
          ) : (
            <>
              {count > 5 && (
                <Input.Search
                  allowClear
                  size="small"
                  placeholder={t('fee.search')}
                  onChange={(e) => setQ(e.target.value)}
                  style={{ marginBottom: 8 }}
                  data-testid={`${testId}-search`}
                />
              )}
              <List<FeeItem>
                size="small"
                loading={fees.isLoading}
                dataSource={items}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noMatch')} />,
                }}
                renderItem={(i) => (
                  <List.Item style={{ paddingInline: 0, alignItems: 'flex-start', gap: 8 }}>
                    <div style={{ minWidth: 0 }}>
                      <div style={{ overflowWrap: 'anywhere' }}>{i.name}</div>
                      {i.note && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {i.note}
                        </Typography.Text>
                      )}
                    </div>
                    <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                      {t('fee.perUnit', { price: i.priceYuan, unit: i.unit })}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            </>
          ),
        },
      ]}
    />
  );
}
