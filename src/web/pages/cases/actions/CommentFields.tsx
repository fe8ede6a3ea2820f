/** 备注 — a comment on the timeline: changes nothing else. */
import { Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import { TextField } from './TextField';
import type { ActionFormSpec, Body } from './types';

export type CommentValues = Body<'comment'>;

export const comment: ActionFormSpec<'comment', CommentValues> = {
  toBody: (v) => ({ text: v.text.trim() }),
};

export function CommentFields() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.commentHint')}</Typography.Paragraph>
      <TextField name="text" labelKey="form.commentText" max={2000} />
    </>
  );
}
