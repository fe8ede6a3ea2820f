import { App, Button, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { RouteDef } from '../../contracts/endpoint';
import { deleteById, type DeleteEndpoint } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * Invalidates every query of the collections these endpoints read (lists, options and details share the
 * collection's path as their first key).
 */
export function useInvalidate(...reads: Pick<RouteDef, 'path'>[]) {
  const queryClient = useQueryClient();
  return () => Promise.all(reads.map((e) => queryClient.invalidateQueries({ queryKey: [e.path] })));
}

/** A delete button with a confirmation; a refusal (still in use …) is shown as the server words it. */
export function DeleteButton({
  endpoint,
  id,
  name,
  onDeleted,
  testId,
}: {
  /** the DELETE endpoint of the row, e.g. `endpoints.org.deleteOffice` */
  endpoint: DeleteEndpoint;
  id: string;
  name: string;
  onDeleted: () => unknown;
  testId?: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={t('common.confirmDelete', { name })}
      okText={t('common.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          await deleteById(endpoint, id);
          message.success(t('common.deleted'));
          await onDeleted();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      }}
    >
      <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={testId}>
        {t('common.delete')}
      </Button>
    </Popconfirm>
  );
}
