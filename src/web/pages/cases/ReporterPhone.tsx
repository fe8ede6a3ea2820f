import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Typography } from 'antd';
import { EyeOutlined, PhoneOutlined } from '@ant-design/icons';
import { CASES, revealReporter } from '../../api/cases';
import { useMe } from '../../api/queries';
import type { Case } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** The reporter's phone as the server shows it (masked for most roles) with click-to-reveal (recorded). */
export function ReporterPhone({ c, large = false }: { c: Pick<Case, 'id' | 'reporter'>; large?: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  // reading cases is not handling them: an auditor or a pure administrator may not reveal (the server refuses)
  const roles = useMe().data?.user.roles ?? [];
  const mayReveal = roles.some((r) => r !== 'auditor' && r !== 'admin');
  const phone = revealed?.phone ?? c.reporter.phone;
  if (!phone) return <span>—</span>;
  const reveal = async () => {
    setLoading(true);
    try {
      setRevealed(await revealReporter(c.id));
      // the reveal is written to the timeline and moves the case's version: read it again
      void queryClient.invalidateQueries({ queryKey: [CASES] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space wrap size={4}>
      {c.reporter.masked && !revealed ? (
        <span data-testid="reporter-phone">{phone}</span>
      ) : (
        <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} data-testid="reporter-phone">
          <PhoneOutlined /> {phone}
        </a>
      )}
      {c.reporter.masked && !revealed && mayReveal && (
        <Button
          size={large ? 'large' : 'small'}
          icon={<EyeOutlined />}
          loading={loading}
          onClick={() => void reveal()}
          data-testid="reveal-phone"
        >
          {t('caseDetail.revealPhone')}
        </Button>
      )}
      {revealed && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('caseDetail.revealRecorded')}
        </Typography.Text>
      )}
    </Space>
  );
}
