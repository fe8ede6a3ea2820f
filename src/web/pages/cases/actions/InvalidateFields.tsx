/** 判为无效 — invalidate: why the matter is not a case (not counted in the monthly figures). */
import { Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import { TextField } from './TextField';
import type { ActionFormSpec, Body } from './types';

export type InvalidateValues = Body<'invalidate'>;

export const invalidate: ActionFormSpec<'invalidate', InvalidateValues> = {
  toBody: (v) => ({ explanation: v.explanation.trim() }),
};

export function InvalidateFields() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.invalidateHint')}</Typography.Paragraph>
      <TextField name="explanation" labelKey="form.explanation" />
    </>
  );
}
