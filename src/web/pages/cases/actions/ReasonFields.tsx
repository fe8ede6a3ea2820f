/**
 * The actions whose body is a required `reason`: 退回 return, 挂起 wait, 重新处理 reopen, 关闭 close, 升级
 * escalate, 转交主任决定 refer (ESCALATE-3) and 上报特殊事件 flagSpecialIncident (HANDLE-7), each with its own label
 * and, for close, escalate, refer and a special incident, a hint of what follows.
 */
import { Alert, Typography } from 'antd';
import type { Case } from '../../../api/types';
import type { UiKey } from '../../../i18n/dictionaries';
import { useI18n } from '../../../i18n/i18n';
import { TextField } from './TextField';
import type { ActionFormSpec, Body } from './types';

export type ReasonAction =
  'return' | 'wait' | 'reopen' | 'close' | 'escalate' | 'refer' | 'flagSpecialIncident';
export type ReasonValues = Body<ReasonAction>;

export const reason: ActionFormSpec<ReasonAction, ReasonValues> = {
  toBody: (v) => ({ reason: v.reason.trim() }),
};

const REASON_LABEL: Record<ReasonAction, UiKey> = {
  return: 'form.returnReason',
  wait: 'form.waitReason',
  reopen: 'form.reopenReason',
  close: 'form.closeReason',
  escalate: 'form.escalateReason',
  refer: 'form.referReason',
  flagSpecialIncident: 'form.specialIncidentReason',
};

export function ReasonFields({ c, action }: { c: Case; action: ReasonAction }) {
  const { t } = useI18n();
  return (
    <>
      {action === 'close' && (
        <Alert type="warning" showIcon title={t('form.closeHint')} style={{ marginBottom: 16 }} />
      )}
      {action === 'escalate' && (
        <Typography.Paragraph type="secondary">
          {t('form.escalateHint', {
            tier: t(
              c.escalationTier >= 2 ? 'tierName.3' : c.escalationTier === 1 ? 'tierName.2' : 'tierName.1',
            ),
          })}
        </Typography.Paragraph>
      )}
      {action === 'refer' && (
        <Typography.Paragraph type="secondary">{t('form.referHint')}</Typography.Paragraph>
      )}
      {action === 'flagSpecialIncident' && (
        <Alert type="error" showIcon title={t('form.specialIncidentHint')} style={{ marginBottom: 16 }} />
      )}
      <TextField name="reason" labelKey={REASON_LABEL[action]} />
    </>
  );
}
