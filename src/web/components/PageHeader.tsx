import type { ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';

/** Page title with its actions; the actions wrap under the title on a phone. */
export function PageHeader({
  title,
  subTitle,
  extra,
  back,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  /** path of the parent page */
  back?: string;
}) {
  const navigate = useNavigate();
  const { t } = useI18n();
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        {back && (
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('common.back')}
            onClick={() => navigate(back)}
          />
        )}
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} ellipsis>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
      </Flex>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}

/** Filters above a table: wrap on a phone, stay in one row on a desktop. */
export function Toolbar({ children }: { children: ReactNode }) {
  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      {children}
    </Flex>
  );
}
