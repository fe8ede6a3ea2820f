/**
 * 主任决定 — the director's (or the manager's) decision (ESCALATE-3, SUGGEST-1): a suggestion is adopted with its
 * rectification plan or declined with the reason; any other case before the director is handled as decided — how,
 * and by whom when someone else is to take it.
 */
import { Alert, Form, Input, Radio, Typography } from 'antd';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import type { Case, Decision } from '../../../api/types';
import { UserSelect } from '../../../components/RemoteSelect';
import { useI18n } from '../../../i18n/i18n';
import { trimmed, type ActionFormSpec, type Body } from './types';

export type RecordDecisionValues = Body<'recordDecision'>;

/** The decisions that fit the case: adopt or decline a suggestion; handle anything else. */
export const decisionsFor = (c: Case): Decision[] =>
  c.kind === 'suggestion' ? ['adopt', 'decline'] : ['handle'];

export const recordDecision = (c: Case): ActionFormSpec<'recordDecision', RecordDecisionValues> => {
  const offered = decisionsFor(c);
  return {
    // a case that can only be handled starts with that decision
    initialValues: { decision: offered.length === 1 ? offered[0] : undefined },
    // only the fields of the decision taken: the others may still hold what was typed before switching
    toBody: (v) =>
      v.decision === 'adopt'
        ? { decision: 'adopt', plan: v.plan?.trim() }
        : v.decision === 'decline'
          ? { decision: 'decline', reason: v.reason?.trim() }
          : { decision: 'handle', handlerId: v.handlerId || undefined, note: trimmed(v.note) },
  };
};

export function RecordDecisionFields({ c }: { c: Case }) {
  const { t, label } = useI18n();
  const form = Form.useFormInstance<RecordDecisionValues>();
  const decision = Form.useWatch('decision', form);
  const offered = decisionsFor(c);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t(c.kind === 'suggestion' ? 'form.decisionHintSuggestion' : 'form.decisionHintHandle')}
      </Typography.Paragraph>
      {c.kind !== 'suggestion' && c.escalationTier < 2 && (
        // the server refuses `handle` on a case not before the director (field.decision_not_referred)
        <Alert type="warning" showIcon title={t('form.decisionNotReferred')} style={{ marginBottom: 16 }} />
      )}
      <Form.Item name="decision" label={t('form.decision')} rules={[requiredSelect(t)]}>
        <Radio.Group
          optionType="button"
          options={offered.map((d) => ({ value: d, label: label('decision', d) }))}
          data-testid="action-decision"
        />
      </Form.Item>
      {decision === 'adopt' && (
        <Form.Item name="plan" label={t('form.decisionPlan')} rules={[required(t), maxLen(t, 2000)]}>
          <Input.TextArea rows={4} autoFocus data-testid="action-plan" />
        </Form.Item>
      )}
      {decision === 'decline' && (
        <Form.Item
          name="reason"
          label={t('form.declineReason')}
          rules={[required(t), maxLen(t, 1000)]}
          extra={t('form.declineHelp')}
        >
          <Input.TextArea rows={3} autoFocus data-testid="action-reason" />
        </Form.Item>
      )}
      {decision === 'handle' && (
        <>
          <Form.Item
            name="handlerId"
            label={t('form.handlerOptional')}
            extra={
              c.handler
                ? t('form.decisionHandlerKeep', { handler: c.handler.name })
                : t('form.decisionHandlerHelp')
            }
          >
            <UserSelect allowClear activeStaff data-testid="action-handlerId" />
          </Form.Item>
          <Form.Item name="note" label={t('form.decisionNote')} rules={[required(t), maxLen(t, 1000)]}>
            <Input.TextArea rows={3} data-testid="action-note" />
          </Form.Item>
        </>
      )}
    </>
  );
}
