/**
 * 转派 — route: to a department of the company (with an optional handler), a sister or external unit (with what
 * to tell the resident about an external one), or a department leader; a private repair may get its visit time.
 * When the resident was told the status or the time limit while routing, how (and the time promised) goes with it:
 * the `route` clock is met once the resident is told (ROUTE-2) — for a case the 12345 hotline passed on, by answering
 * the hotline.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, DatePicker, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { usePartnerUnits } from '../../../api/cases';
import { useDepartments } from '../../../api/queries';
import { maxLen, requiredSelect } from '../../../api/rules';
import { REPLY_VIAS, ROUTE_TARGET_TYPES, type Case } from '../../../api/types';
import { UserSelect } from '../../../components/RemoteSelect';
import { useI18n } from '../../../i18n/i18n';
import { iso, trimmed, type ActionFormSpec, type Body } from './types';

type ResidentTold = NonNullable<Body<'route'>['residentTold']>;
export type RouteValues = Omit<Body<'route'>, 'visitAt' | 'residentTold'> & {
  visitAt?: Dayjs | null;
  /** the residentTold fields are shown, and sent, only when this is on */
  residentToldOn?: boolean;
  residentTold?: Omit<ResidentTold, 'promisedBy'> & { promisedBy?: Dayjs | null };
};
type TargetType = RouteValues['target']['type'];

export const route = (c: Case): ActionFormSpec<'route', RouteValues> => ({
  // a hotline case is told through the hotline that passed it on
  initialValues: {
    target: { type: 'department' },
    residentTold: { via: c.channel === 'hotline' ? 'hotline' : 'phone' },
  },
  toBody: (v) => ({
    target: v.target,
    handlerId: v.handlerId || undefined,
    note: trimmed(v.note),
    visitAt: iso(v.visitAt),
    residentTold:
      v.residentToldOn && v.residentTold
        ? { via: v.residentTold.via, promisedBy: iso(v.residentTold.promisedBy) }
        : undefined,
  }),
});

export function RouteFields({ c }: { c: Case }) {
  const { t, label, dateTime } = useI18n();
  const form = Form.useFormInstance<RouteValues>();
  const type = Form.useWatch(['target', 'type'], form) as TargetType | undefined;
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
        {type ? t(`routeHint.${type}`) : null}
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
            query={targetId ? { departmentId: targetId } : undefined}
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
      <ResidentToldFields c={c} />
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

/** 已告知业主处理时限: how the resident was told while routing, and the time promised, when they were. */
function ResidentToldFields({ c }: { c: Case }) {
  const { t, label } = useI18n();
  return (
    <>
      <Form.Item
        name="residentToldOn"
        valuePropName="checked"
        label={t('form.residentTold')}
        extra={t('form.residentToldHelp')}
      >
        <Switch data-testid="action-resident-told-on" />
      </Form.Item>
      <Form.Item
        noStyle
        shouldUpdate={(a: RouteValues, b: RouteValues) => a.residentToldOn !== b.residentToldOn}
      >
        {({ getFieldValue }) =>
          getFieldValue('residentToldOn') ? (
            <>
              <Form.Item
                name={['residentTold', 'via']}
                label={t('form.residentToldVia')}
                rules={[requiredSelect(t)]}
                extra={c.channel === 'hotline' ? t('form.residentToldHotline') : undefined}
              >
                <Select
                  options={REPLY_VIAS.map((v) => ({ value: v, label: label('replyVia', v) }))}
                  data-testid="action-resident-told-via"
                />
              </Form.Item>
              <Form.Item name={['residentTold', 'promisedBy']} label={t('form.promisedByOptional')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={t('format.dateTime')}
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  style={{ width: '100%' }}
                  data-testid="action-resident-told-promised-by"
                />
              </Form.Item>
            </>
          ) : null
        }
      </Form.Item>
    </>
  );
}
