/**
 * The monthly summary's writes as its views use them: approve and publish (the workflow bar), the public wording
 * (its form, save, and what the server refused), and the director's redact / keep decisions on highlighted words.
 * Each write refreshes the summary (useSummaryWrites); only who may write is decided here.
 */
import { useState } from 'react';
import { App, Form } from 'antd';
import { useCan } from '../../../api/queries';
import { applyServerError, type ShownError } from '../../../components/form-errors';
import { useI18n } from '../../../i18n/i18n';
import {
  usePublicSummary,
  useSummaryWrites,
  type MonthlySummary,
  type PublicHighlight,
  type PublicText,
} from '../reportsApi';

/** Approve and publish: offered to an approver when the summary's workflow allows it. */
export function useWorkflow(s: MonthlySummary) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const writes = useSummaryWrites();
  const [busy, setBusy] = useState<'approve' | 'publish' | null>(null);
  const approver = can('reports.approve');

  const run = async (what: 'approve' | 'publish') => {
    setBusy(what);
    try {
      await writes[what](s);
      message.success(what === 'approve' ? t('summary.approved') : t('summary.published'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return {
    busy,
    run,
    canApprove: approver && s.allowedActions.includes('approve'),
    canPublish: approver && s.allowedActions.includes('publish'),
  };
}

/** Whether the public wording and its highlights may be changed now: by an approver, before it is frozen. */
function useEditable(s: MonthlySummary) {
  const can = useCan();
  return can('reports.approve') && s.allowedActions.includes('editPublic');
}

/** The public version as the server anonymised it, and the form of its editable wording. */
export function usePublicText(s: MonthlySummary) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const writes = useSummaryWrites();
  const pub = usePublicSummary(s.id, s.version);
  const [form] = Form.useForm<{ text: PublicText }>();
  const [error, setError] = useState<ShownError | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = useEditable(s);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await writes.putPublic(s, values.text);
      message.success(t('summary.publicSaved'));
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setSaving(false);
    }
  };

  return { p: pub.data ?? s.publicVersion, form, error, saving, editable, save };
}

/** The director's redact / keep on each highlighted word; `busy` names the button on its way. */
export function useHighlightDecisions(s: MonthlySummary) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const writes = useSummaryWrites();
  const [busy, setBusy] = useState<string | null>(null);
  const editable = useEditable(s);

  const decide = async (h: PublicHighlight, choice: 'redact' | 'keep') => {
    setBusy(`${h.id}:${choice}`);
    try {
      await writes.decideHighlight(s, h, choice);
      message.success(t('summary.highlights.saved'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return { busy, editable, decide };
}
