import { Alert, Button, Flex, Table, Typography, type TableProps } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { CursorList } from '../api/queries';
import { useI18n } from '../i18n/i18n';

export interface DataTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  list: CursorList<T>;
  testId?: string;
}

/**
 * A table over a cursor-paged list: previous / next with the page number and the total, the way the API pages
 * (no jumping to page 7: the cursor of page 7 is not known until page 6 was read). Wide tables scroll inside
 * themselves, never the page.
 */
export function DataTable<T extends object>({ list, testId, ...rest }: DataTableProps<T>) {
  const { t } = useI18n();
  return (
    <div data-testid={testId} style={{ minWidth: 0 }}>
      {list.error && (
        <Alert
          type="error"
          showIcon
          title={list.error.message}
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" onClick={list.refetch}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<T>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        // the page header is sticky and 56 px high: the table's header sticks below it
        sticky={{ offsetHeader: 56 }}
        {...rest}
        dataSource={list.items}
        loading={list.isLoading || (list.isFetching && !list.items.length)}
        pagination={false}
      />
      <Pager list={list} />
    </div>
  );
}

export function Pager({ list }: { list: CursorList<unknown> }) {
  const { t } = useI18n();
  if (!list.hasPrev && !list.hasNext && list.total <= list.items.length)
    return (
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }} data-testid="list-total">
        {t('common.total', { total: list.total })}
      </Typography.Text>
    );
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" data-testid="list-total">
        {list.totalCapped
          ? t('common.totalCapped', { total: list.total })
          : t('common.total', { total: list.total })}
        {' · '}
        {t('common.page', { page: list.page })}
      </Typography.Text>
      <Flex gap={8}>
        <Button icon={<LeftOutlined />} disabled={!list.hasPrev} onClick={list.prev} data-testid="page-prev">
          {t('common.prev')}
        </Button>
        <Button disabled={!list.hasNext} onClick={list.next} data-testid="page-next">
          {t('common.next')}
          <RightOutlined />
        </Button>
      </Flex>
    </Flex>
  );
}
