import { App, Button, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** Invalidates every query of a collection (lists, options, details share the path as their first key). */
export function useInvalidate(...paths: string[]) {
  const queryClient = useQueryClient();
  return () => Promise.all(paths.map((p) => queryClient.invalidateQueries({ queryKey: [p] })));
}

/** A delete button with a confirmation; a refusal (still in use …) is shown as the server words it. */
export function DeleteButton({
  path,
  name,
  onDeleted,
  testId,
}: {
  /** e.g. /api/offices/<id> */
  path: string;
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
          await api.delete(path);
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
