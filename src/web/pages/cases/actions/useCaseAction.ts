/**
 * The state behind one action form: the form, the `version` the user read when opening it (a change by someone
 * else in between is a conflict), sending the body, and what came back — field messages on the fields, rules in
 * the alert, a stale case with a reload, or the reply's warnings to edit or send anyway.
 */
import { useState } from 'react';
import { App, Form } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../api/client';
import { CASES, useRunAction } from '../../../api/cases';
import type { Case } from '../../../api/types';
import { applyServerError, type ShownError } from '../../../components/form-errors';
import { useI18n } from '../../../i18n/i18n';
import type { ReplyWarningShape } from '../CaseTimeline';
import type { Body, FormAction } from './types';

export function useCaseAction<A extends FormAction, V>(
  c: Case,
  action: A,
  toBody: (values: V) => Body<A>,
  onClose: () => void,
) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const run = useRunAction();
  const [form] = Form.useForm<V>();
  // the version the user read when opening the form: a change by someone else in between is a conflict
  const [version] = useState(c.version);
  const [error, setError] = useState<ShownError | null>(null);
  const [stale, setStale] = useState(false);
  const [warnings, setWarnings] = useState<ReplyWarningShape[] | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: V) => {
    setSaving(true);
    setError(null);
    try {
      await run(c.id, action, version, toBody(values));
      message.success(t('caseAction.done', { action: label('action', action) }));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.code === 'rule_violation' && e.details.rule === 'reply_warnings') {
        setWarnings((e.details.warnings as ReplyWarningShape[] | undefined) ?? []);
        setError(null);
      } else {
        setError(applyServerError(form, e));
        setStale(isApiError(e) && (e.code === 'version_conflict' || e.code === 'invalid_transition'));
      }
    } finally {
      setSaving(false);
    }
  };

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: [CASES] });
    onClose();
  };

  return { form, submit, saving, error, stale, warnings, reload };
}
