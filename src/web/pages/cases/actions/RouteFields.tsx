/**
 * 转派 — route: to a department of the company (with an optional handler), a sister or external unit (with what
 * to tell the resident about an external one), or a department leader; a private repair may get its visit time.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import { usePartnerUnits } from '../../../api/cases';
import { useDepartments } from '../../../api/queries';
import { maxLen, requiredSelect } from '../../../api/rules';
import { ROUTE_TARGET_TYPES, type Case } from '../../../api/types';
import { UserSelect } from '../../../components/RemoteSelect';
import { useI18n } from '../../../i18n/i18n';
import { iso, trimmed, type ActionFormSpec, type Body } from './types';

export type RouteValues = Omit<Body<'route'>, 'visitAt'> & { visitAt?: Dayjs | null };
type TargetType = RouteValues['target']['type'];

export const route: ActionFormSpec<'route', RouteValues> = {
  initialValues: { target: { type: 'department' } },
  toBody: (v) => ({
    target: v.target,
    handlerId: v.handlerId || undefined,
    note: trimmed(v.note),
    visitAt: iso(v.visitAt),
  }),
};

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
