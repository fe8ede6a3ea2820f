/**
 * The small form behind each action button (FLOW-1): one drawer, the fields of the action's body,
 * the `version` the user was looking at when they opened it. Server errors are shown in the user's language: field
 * messages next to the fields, rules in the alert, a version conflict with a reload button, and the reply's
 * warnings (deflections, a missing apology) with the choice to edit or to give a reason for sending anyway.
 */
import { useState, type ReactNode } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import { CASES, usePartnerUnits, useRunAction } from '../../api/cases';
import { useDepartments } from '../../api/queries';
import { maxLen, required, requiredSelect } from '../../api/rules';
import {
  CALLBACK_METHODS,
  OPEN_CASE_STATES,
  REPLY_VIAS,
  ROUTE_TARGET_TYPES,
  SATISFACTIONS,
  type Case,
  type CaseAction,
  type RouteTargetType,
} from '../../api/types';
import { FormAlert } from '../../components/FormDrawer';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { RemoteSelect, UserSelect } from '../../components/RemoteSelect';
import { useI18n } from '../../i18n/i18n';
import { AttachmentUpload } from './AttachmentUpload';
import { liveClocks } from './caseUi';
import { warningText, type ReplyWarningShape } from './CaseTimeline';

/** Actions with an empty body: one click, no form. */
export const DIRECT_ACTIONS: readonly CaseAction[] = ['accept', 'resume'];

interface Props {
  c: Case;
  action: CaseAction | null;
  onClose: () => void;
}

export function ActionDrawer({ c, action, onClose }: Props) {
  const { label } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={action !== null}
      title={action ? `${label('action', action)} · ${c.number}` : ''}
      onClose={onClose}
      size={screens.sm ? 520 : '100%'}
      destroyOnHidden
    >
      {action && <ActionForm key={action} c={c} action={action} onClose={onClose} />}
    </Drawer>
  );
}

type Values = Record<string, unknown> & {
  target?: { type?: RouteTargetType; id?: string };
  dueAt?: Dayjs;
  appointmentAt?: Dayjs;
  visitAt?: Dayjs;
  corrective?: { action?: string; dueAt?: Dayjs };
  correctiveOn?: boolean;
  attachmentIds?: string[];
  reached?: boolean;
};

const trimmed = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const iso = (v: Dayjs | undefined) => (v ? v.toISOString() : undefined);

/** Form values → the action's body (without `version`). */
function toBody(action: CaseAction, v: Values): Record<string, unknown> {
  switch (action) {
    case 'route':
      return {
        target: v.target,
        handlerId: v.handlerId || undefined,
        note: trimmed(v.note),
        visitAt: iso(v.visitAt),
      };
    case 'assign':
      return { handlerId: v.handlerId };
    case 'assignCallback':
      return { assigneeId: v.assigneeId, note: trimmed(v.note) };
    case 'recordContact':
      return {
        unitId: v.unitId,
        contactPerson: trimmed(v.contactPerson),
        via: trimmed(v.via),
        note: trimmed(v.note),
      };
    case 'extend':
      return {
        clock: v.clock,
        dueAt: iso(v.dueAt),
        reason: trimmed(v.reason),
        residentAgreed: v.residentAgreed === true,
      };
    case 'reply':
      return {
        message: trimmed(v.message),
        via: v.via,
        warningOverrideReason: trimmed(v.warningOverrideReason),
      };
    case 'resolve':
      return {
        result: trimmed(v.result),
        remedial: trimmed(v.remedial),
        materials: trimmed(v.materials),
        corrective:
          v.correctiveOn && v.corrective
            ? { action: trimmed(v.corrective.action), dueAt: iso(v.corrective.dueAt) }
            : undefined,
        attachmentIds: v.attachmentIds?.length ? v.attachmentIds : undefined,
      };
    case 'callback':
      return {
        method: v.method,
        reached: v.reached,
        satisfaction: v.reached ? v.satisfaction : undefined,
        reason: trimmed(v.reason),
        appointmentAt: iso(v.appointmentAt),
      };
    case 'invalidate':
      return { explanation: trimmed(v.explanation) };
    case 'merge':
      return { intoCaseId: v.intoCaseId };
    case 'comment':
      return { text: trimmed(v.text) };
    case 'return':
    case 'wait':
    case 'reopen':
    case 'close':
    case 'escalate':
      return { reason: trimmed(v.reason) };
    default:
      return {};
  }
}

function ActionForm({ c, action, onClose }: { c: Case; action: CaseAction; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const run = useRunAction();
  const [form] = Form.useForm<Values>();
  // the version the user read when opening the form: a change by someone else in between is a conflict
  const [version] = useState(c.version);
  const [error, setError] = useState<ShownError | null>(null);
  const [stale, setStale] = useState(false);
  const [warnings, setWarnings] = useState<ReplyWarningShape[] | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      await run(c.id, action, version, toBody(action, values) as never);
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

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      scrollToFirstError
      initialValues={initialValues(action, c)}
      data-testid={`action-form-${action}`}
    >
      {error && (
        <>
          <FormAlert
            error={{ ...error, versionConflict: error.versionConflict || stale }}
            onReload={reload}
          />
        </>
      )}
      <ActionFields action={action} c={c} form={form} />
      {action === 'reply' && warnings && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('reply.warningsTitle')}
            data-testid="reply-warnings"
            description={
              <>
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {warnings.map((w, i) => (
                    <li key={i}>{warningText(w, t)}</li>
                  ))}
                </ul>
                <Typography.Text type="secondary">{t('reply.warningsHint')}</Typography.Text>
              </>
            }
          />
          <Form.Item
            name="warningOverrideReason"
            label={t('form.warningOverrideReason')}
            rules={[maxLen(t, 500)]}
            extra={t('reply.overrideHelp')}
          >
            <Input.TextArea rows={2} data-testid="reply-override-reason" />
          </Form.Item>
        </>
      )}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 8 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={saving}
          danger={action === 'close' || action === 'invalidate'}
          data-testid={action === 'callback' ? 'callback-submit' : 'action-form-submit'}
        >
          {label('action', action)}
        </Button>
      </Flex>
    </Form>
  );
}

function initialValues(action: CaseAction, c: Case): Partial<Values> {
  switch (action) {
    case 'route':
      return { target: { type: 'department' } };
    case 'reply':
      return { via: 'phone' };
    case 'callback':
      return { method: 'phone', reached: true };
    case 'recordContact':
      return {
        unitId:
          c.target && (c.target.type === 'sisterUnit' || c.target.type === 'externalUnit')
            ? c.target.id
            : undefined,
        via: undefined,
      };
    case 'assign':
      return { handlerId: c.handler?.id };
    case 'assignCallback':
      return { assigneeId: c.callbackAssignee?.id };
    default:
      return {};
  }
}

const reasonField = (name: string, labelText: string, t: ReturnType<typeof useI18n>['t'], max = 1000) => (
  <Form.Item name={name} label={labelText} rules={[required(t), maxLen(t, max)]}>
    <Input.TextArea rows={3} autoFocus data-testid={`action-${name}`} />
  </Form.Item>
);

function ActionFields({
  action,
  c,
  form,
}: {
  action: CaseAction;
  c: Case;
  form: ReturnType<typeof Form.useForm<Values>>[0];
}): ReactNode {
  const { t, label } = useI18n();
  switch (action) {
    case 'route':
      return <RouteFields c={c} form={form} />;
    case 'assign':
      return (
        <Form.Item
          name="handlerId"
          label={t('case.handler')}
          rules={[requiredSelect(t)]}
          extra={c.department ? t('form.handlerOfDepartment', { department: c.department.name }) : undefined}
        >
          <UserSelect
            params={c.department ? { departmentId: c.department.id } : undefined}
            known={c.handler ? [{ value: c.handler.id, label: c.handler.name }] : []}
            data-testid="action-handlerId"
          />
        </Form.Item>
      );
    case 'assignCallback':
      return (
        <>
          <Form.Item
            name="assigneeId"
            label={t('form.callbackAssignee')}
            rules={[requiredSelect(t)]}
            extra={t('form.callbackAssigneeHint')}
          >
            <UserSelect
              params={c.office ? { officeId: c.office.id } : undefined}
              known={
                c.callbackAssignee ? [{ value: c.callbackAssignee.id, label: c.callbackAssignee.name }] : []
              }
              data-testid="action-assigneeId"
            />
          </Form.Item>
          <Form.Item name="note" label={t('form.assignCallbackNote')} rules={[maxLen(t, 500)]}>
            <Input.TextArea rows={2} data-testid="action-note" />
          </Form.Item>
        </>
      );
    case 'recordContact':
      return <ContactFields />;
    case 'return':
      return reasonField('reason', t('form.returnReason'), t);
    case 'wait':
      return reasonField('reason', t('form.waitReason'), t);
    case 'reopen':
      return reasonField('reason', t('form.reopenReason'), t);
    case 'close':
      return (
        <>
          <Alert type="warning" showIcon title={t('form.closeHint')} style={{ marginBottom: 16 }} />
          {reasonField('reason', t('form.closeReason'), t)}
        </>
      );
    case 'escalate':
      return (
        <>
          <Typography.Paragraph type="secondary">
            {t('form.escalateHint', {
              tier: t(
                c.escalationTier >= 2 ? 'tierName.3' : c.escalationTier === 1 ? 'tierName.2' : 'tierName.1',
              ),
            })}
          </Typography.Paragraph>
          {reasonField('reason', t('form.escalateReason'), t)}
        </>
      );
    case 'invalidate':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('form.invalidateHint')}</Typography.Paragraph>
          {reasonField('explanation', t('form.explanation'), t)}
        </>
      );
    case 'comment':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('form.commentHint')}</Typography.Paragraph>
          {reasonField('text', t('form.commentText'), t, 2000)}
        </>
      );
    case 'extend':
      return <ExtendFields c={c} />;
    case 'reply':
      return (
        <>
          <Form.Item name="via" label={t('form.replyVia')} rules={[requiredSelect(t)]}>
            <Radio.Group
              optionType="button"
              options={REPLY_VIAS.map((v) => ({ value: v, label: label('replyVia', v) }))}
              data-testid="action-via"
            />
          </Form.Item>
          <Form.Item
            name="message"
            label={t('form.message')}
            rules={[required(t), maxLen(t, 2000)]}
            extra={t('reply.help')}
          >
            <Input.TextArea rows={5} autoFocus data-testid="action-message" />
          </Form.Item>
        </>
      );
    case 'resolve':
      return <ResolveFields />;
    case 'callback':
      return <CallbackFields />;
    case 'merge':
      return (
        <Form.Item
          name="intoCaseId"
          label={t('form.mergeInto')}
          rules={[requiredSelect(t)]}
          extra={t('form.mergeHint')}
        >
          <RemoteSelect<Case>
            path={CASES}
            params={{ state: [...OPEN_CASE_STATES, 'resolved'] }}
            toOption={(x) => ({
              value: x.id,
              label: `${x.number} · ${x.description.slice(0, 30)}`,
            })}
            placeholder={t('form.mergeSearch')}
            data-testid="action-intoCaseId"
          />
        </Form.Item>
      );
    default:
      return null;
  }
}

function RouteFields({ c, form }: { c: Case; form: ReturnType<typeof Form.useForm<Values>>[0] }) {
  const { t, label, dateTime } = useI18n();
  const type = Form.useWatch(['target', 'type'], form) as RouteTargetType | undefined;
  const targetId = Form.useWatch(['target', 'id'], form) as string | undefined;
  const departments = useDepartments();
  const units = usePartnerUnits();
  const unitsOf = (relation: 'sister' | 'external') =>
    (units.data?.items ?? []).filter((u) => u.relation === relation);
  const chosenUnit = units.data?.items.find((u) => u.id === targetId);
  return (
    <>
      <Form.Item name={['target', 'type']} label={t('form.routeTargetType')} rules={[requiredSelect(t)]}>
        <Radio.Group
          optionType="button"
          options={ROUTE_TARGET_TYPES.map((v) => ({ value: v, label: label('routeTarget', v) }))}
          onChange={() => form.setFieldValue(['target', 'id'], undefined)}
          data-testid="action-target-type"
        />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
        {type ? t(`routeHint.${type}` as 'routeHint.department') : null}
      </Typography.Paragraph>
      {type === 'department' && (
        <Form.Item name={['target', 'id']} label={t('routeTarget.department')} rules={[requiredSelect(t)]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isLoading}
            options={(departments.data?.items ?? []).map((d) => ({
              value: d.id,
              label: d.office ? `${d.name}（${d.office.name}）` : d.name,
            }))}
            data-testid="action-target-id"
          />
        </Form.Item>
      )}
      {(type === 'sisterUnit' || type === 'externalUnit') && (
        <Form.Item name={['target', 'id']} label={label('routeTarget', type)} rules={[requiredSelect(t)]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isLoading}
            options={unitsOf(type === 'sisterUnit' ? 'sister' : 'external').map((u) => ({
              value: u.id,
              label: `${u.name}（${label('partnerService', u.service)}）`,
            }))}
            data-testid="action-target-id"
          />
        </Form.Item>
      )}
      {type === 'externalUnit' && chosenUnit && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="external-unit-info"
          title={t('form.tellResident')}
          description={
            <>
              <div>{chosenUnit.name}</div>
              {chosenUnit.address && (
                <div>
                  {t('partner.address')}
                  {t('common.labelSep')}
                  {chosenUnit.address}
                </div>
              )}
              {chosenUnit.contactPerson && (
                <div>
                  {t('partner.contactPerson')}
                  {t('common.labelSep')}
                  {chosenUnit.contactPerson}
                </div>
              )}
              {chosenUnit.phone && (
                <div>
                  {t('partner.phone')}
                  {t('common.labelSep')}
                  {chosenUnit.phone}
                </div>
              )}
            </>
          }
        />
      )}
      {type === 'leader' && (
        <Form.Item
          name={['target', 'id']}
          label={t('routeTarget.leader')}
          rules={[requiredSelect(t)]}
          extra={t('form.leaderHelp')}
        >
          <UserSelect data-testid="action-target-id" />
        </Form.Item>
      )}
      {type === 'department' && (
        <Form.Item name="handlerId" label={t('form.handlerOptional')} extra={t('form.handlerOptionalHelp')}>
          <UserSelect
            allowClear
            params={targetId ? { departmentId: targetId } : undefined}
            disabled={!targetId}
            data-testid="action-handlerId"
          />
        </Form.Item>
      )}
      {c.kind === 'repair' && c.repairType === 'private' && (
        <Form.Item
          name="visitAt"
          label={t('case.visitAt')}
          extra={
            c.visitAt ? t('form.visitAtKeep', { visitAt: dateTime(c.visitAt) }) : t('intake.visitAtHelp')
          }
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 15 }}
            format={t('format.dateTime')}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
            data-testid="action-visitAt"
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('form.note')} rules={[maxLen(t, 1000)]}>
        <Input.TextArea rows={2} data-testid="action-note" />
      </Form.Item>
      {c.state !== 'received' && c.target && (
        <Typography.Text type="secondary">
          {t('form.currentTarget', { target: `${label('routeTarget', c.target.type)} · ${c.target.name}` })}
        </Typography.Text>
      )}
    </>
  );
}

function ContactFields() {
  const { t, label } = useI18n();
  const units = usePartnerUnits();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.contactHint')}</Typography.Paragraph>
      <Form.Item name="unitId" label={t('form.unit')} rules={[requiredSelect(t)]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.name}（${label('partnerRelation', u.relation)}）`,
          }))}
          data-testid="action-unitId"
        />
      </Form.Item>
      <Form.Item name="contactPerson" label={t('form.contactPerson')} rules={[required(t), maxLen(t, 50)]}>
        <Input data-testid="action-contactPerson" />
      </Form.Item>
      <Form.Item name="via" label={t('form.contactVia')} rules={[required(t), maxLen(t, 50)]}>
        <Input placeholder={t('form.contactViaPlaceholder')} data-testid="action-via" />
      </Form.Item>
      <Form.Item name="note" label={t('form.note')} rules={[maxLen(t, 1000)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

function ExtendFields({ c }: { c: Case }) {
  const { t, label, dateTime } = useI18n();
  const clocks = liveClocks(c, Date.now()).filter((k) => !k.paused);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.extendHint')}</Typography.Paragraph>
      <Form.Item
        name="clock"
        label={t('form.clock')}
        rules={[requiredSelect(t)]}
        initialValue={clocks[0]?.name}
      >
        <Select
          options={clocks.map((k) => ({
            value: k.name,
            label: `${label('clock', k.name)}（${t('clockChip.due', { at: dateTime(k.dueAt) })}）`,
          }))}
          data-testid="action-clock"
        />
      </Form.Item>
      <Form.Item name="dueAt" label={t('form.newDueAt')} rules={[requiredSelect(t)]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={t('format.dateTime')}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          style={{ width: '100%' }}
          data-testid="action-dueAt"
        />
      </Form.Item>
      <Form.Item name="reason" label={t('form.extendReason')} rules={[required(t), maxLen(t, 1000)]}>
        <Input.TextArea rows={3} data-testid="action-reason" />
      </Form.Item>
      <Form.Item
        name="residentAgreed"
        valuePropName="checked"
        rules={[
          {
            validator: (_, v) =>
              v === true ? Promise.resolve() : Promise.reject(new Error(t('form.residentAgreedRequired'))),
          },
        ]}
      >
        <Checkbox data-testid="action-residentAgreed">{t('form.residentAgreed')}</Checkbox>
      </Form.Item>
    </>
  );
}

function ResolveFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="result" label={t('form.result')} rules={[required(t), maxLen(t, 2000)]}>
        <Input.TextArea rows={3} autoFocus data-testid="action-result" />
      </Form.Item>
      <Form.Item
        name="remedial"
        label={t('form.remedial')}
        rules={[maxLen(t, 2000)]}
        extra={t('form.remedialHelp')}
      >
        <Input.TextArea rows={2} data-testid="action-remedial" />
      </Form.Item>
      <Form.Item
        name="correctiveOn"
        valuePropName="checked"
        label={t('form.corrective')}
        extra={t('form.correctiveHelp')}
      >
        <Switch data-testid="action-corrective-on" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.correctiveOn !== b.correctiveOn}>
        {({ getFieldValue }) =>
          getFieldValue('correctiveOn') ? (
            <>
              <Form.Item
                name={['corrective', 'action']}
                label={t('form.correctiveAction')}
                rules={[required(t), maxLen(t, 1000)]}
              >
                <Input.TextArea rows={2} data-testid="action-corrective-action" />
              </Form.Item>
              <Form.Item
                name={['corrective', 'dueAt']}
                label={t('form.correctiveDue')}
                rules={[requiredSelect(t)]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={t('format.dateTime')}
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  style={{ width: '100%' }}
                  data-testid="action-corrective-due"
                />
              </Form.Item>
            </>
          ) : null
        }
      </Form.Item>
      <Form.Item name="materials" label={t('form.materials')} rules={[maxLen(t, 1000)]}>
        <Input.TextArea
          rows={2}
          placeholder={t('form.materialsPlaceholder')}
          data-testid="action-materials"
        />
      </Form.Item>
      <Form.Item name="attachmentIds" label={t('form.photos')}>
        <AttachmentUpload testId="action-attachments" />
      </Form.Item>
    </>
  );
}

export function CallbackFields() {
  const { t, label } = useI18n();
  return (
    <>
      <Form.Item name="method" label={t('form.callbackMethod')} rules={[requiredSelect(t)]}>
        <Radio.Group
          optionType="button"
          options={CALLBACK_METHODS.map((v) => ({ value: v, label: label('callbackMethod', v) }))}
          data-testid="callback-method"
        />
      </Form.Item>
      <Form.Item name="reached" label={t('form.reached')} rules={[requiredSelect(t)]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: t('form.reachedYes') },
            { value: false, label: t('form.reachedNo') },
          ]}
          data-testid="callback-reached"
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const reached = getFieldValue('reached') as boolean | undefined;
          const satisfaction = getFieldValue('satisfaction') as string | undefined;
          return (
            <>
              {reached && (
                <Form.Item name="satisfaction" label={t('case.satisfaction')} rules={[requiredSelect(t)]}>
                  <Radio.Group
                    options={SATISFACTIONS.map((v) => ({ value: v, label: label('satisfaction', v) }))}
                    data-testid="callback-satisfaction"
                  />
                </Form.Item>
              )}
              {reached && satisfaction === 'unsatisfied' && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('form.unsatisfiedHint')}
                  style={{ marginBottom: 16 }}
                />
              )}
              <Form.Item
                name="reason"
                label={
                  reached && satisfaction === 'unsatisfied'
                    ? t('form.unsatisfiedReason')
                    : t('form.callbackNote')
                }
                rules={
                  reached && satisfaction === 'unsatisfied'
                    ? [required(t), maxLen(t, 1000)]
                    : [maxLen(t, 1000)]
                }
              >
                <Input.TextArea rows={2} data-testid="callback-reason" />
              </Form.Item>
              <Form.Item
                name="appointmentAt"
                label={t('form.appointmentAt')}
                extra={t('form.appointmentHelp')}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={t('format.dateTime')}
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  style={{ width: '100%' }}
                  data-testid="callback-appointment"
                />
              </Form.Item>
            </>
          );
        }}
      </Form.Item>
    </>
  );
}
