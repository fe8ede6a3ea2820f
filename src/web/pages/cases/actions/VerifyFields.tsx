/** 核实 — the complaint investigated and verified (HANDLE-1): how, what was found, and any photos or records. */
import { Form, Input, Radio, Typography } from 'antd';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import { useI18n } from '../../../i18n/i18n';
import { AttachmentUpload } from '../AttachmentUpload';
import type { ActionFormSpec, Body } from './types';

export type VerifyValues = Body<'verify'>;
type VerifyMethod = VerifyValues['method'];

/**
 * The methods in the order offered. contracts/values does not re-export the domain's VERIFY_METHODS, so the list
 * is the keys of a record over the contract's type: a method added there and missing here fails to compile.
 */
const OFFERED: Record<VerifyMethod, true> = { site: true, interview: true, both_parties: true };
export const VERIFY_METHODS = Object.keys(OFFERED) as VerifyMethod[];

export const verify: ActionFormSpec<'verify', VerifyValues> = {
  toBody: (v) => ({
    method: v.method,
    findings: v.findings.trim(),
    attachmentIds: v.attachmentIds?.length ? v.attachmentIds : undefined,
  }),
};

export function VerifyFields() {
  const { t, label } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.verifyHint')}</Typography.Paragraph>
      <Form.Item name="method" label={t('form.verifyMethod')} rules={[requiredSelect(t)]}>
        <Radio.Group
          options={VERIFY_METHODS.map((v) => ({ value: v, label: label('verifyMethod', v) }))}
          data-testid="action-method"
        />
      </Form.Item>
      <Form.Item name="findings" label={t('form.findings')} rules={[required(t), maxLen(t, 2000)]}>
        <Input.TextArea
          rows={4}
          autoFocus
          placeholder={t('form.findingsPlaceholder')}
          data-testid="action-findings"
        />
      </Form.Item>
      <Form.Item name="attachmentIds" label={t('case.attachments')}>
        <AttachmentUpload testId="action-attachments" />
      </Form.Item>
    </>
  );
}
