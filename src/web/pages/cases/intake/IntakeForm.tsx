/**
 * 受理登记 — the intake form, keyboard-first (UI-3): its state, lookups and submit are in
 * useIntakeForm; here the fields, in the order Enter walks them ([data-nav] blocks).
 */
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Grid,
  Input,
  Radio,
  Row,
  Select,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { PhoneOutlined, SoundOutlined } from '@ant-design/icons';
import { useCan } from '../../../api/queries';
import { maxLen, phoneRule, required, requiredSelect } from '../../../api/rules';
import {
  CASE_KINDS,
  CHANNELS,
  REPAIR_TYPES,
  SEVERITIES,
  type Case,
  type RepairType,
} from '../../../api/types';
import { FormAlert } from '../../../components/FormDrawer';
import { FeeStandard } from '../../../components/FeeStandard';
import { RoomSelect, UserSelect } from '../../../components/RemoteSelect';
import { useI18n } from '../../../i18n/i18n';
import { AttachmentUpload } from '../AttachmentUpload';
import { CallerPanel } from './CallerPanel';
import type { IntakeValues } from './intakeBody';
import { DuplicateHint, ProblemHint, RepeatHint } from './IntakeHints';
import { useIntakeForm } from './useIntakeForm';

export function IntakeForm({
  idempotencyKey,
  onCreated,
}: {
  idempotencyKey: string;
  onCreated: (c: Case) => void;
}) {
  const { t, label } = useI18n();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const {
    me,
    form,
    initialValues,
    wrapper,
    onKeyDown,
    submit,
    saving,
    error,
    watched: { channel, kind, severity, repairType, receivedAt, roomId, onTheSpot },
    categories,
    categoryTree,
    caller,
    problems,
    duplicates,
    repeat,
    roomKnown,
    chooseRoom,
    advanceFrom,
    focusTestId,
  } = useIntakeForm({ idempotencyKey, onCreated });

  const callerPanel = (
    <CallerPanel
      phone={caller.phone}
      digits={caller.digits}
      lookup={caller.lookup}
      roomId={roomId}
      onChooseRoom={chooseRoom}
    />
  );

  const nav = (children: ReactNode) => <div data-nav>{children}</div>;

  return (
    <div ref={wrapper} onKeyDown={onKeyDown}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          {channel === 'phone' && (
            <Alert
              type="info"
              showIcon
              icon={<SoundOutlined />}
              style={{ marginBottom: 16 }}
              data-testid="intake-greeting"
              title={
                <Typography.Text strong style={{ fontSize: 20 }}>
                  {t('company.greeting', { shortName: me.user.companyShortName })}
                </Typography.Text>
              }
              description={t('intake.greetingHint')}
            />
          )}
          <Card size="small">
            <Form<IntakeValues>
              form={form}
              layout="vertical"
              onFinish={submit}
              scrollToFirstError
              initialValues={initialValues}
              data-testid="intake-form"
            >
              {error && <FormAlert error={error} />}
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  {nav(
                    <Form.Item
                      name={['reporter', 'phone']}
                      label={t('case.reporterPhone')}
                      rules={[phoneRule(t), maxLen(t, 40)]}
                    >
                      <Input
                        size="large"
                        prefix={<PhoneOutlined />}
                        inputMode="tel"
                        autoComplete="off"
                        placeholder={t('intake.phonePlaceholder')}
                        data-testid="intake-phone"
                      />
                    </Form.Item>,
                  )}
                </Col>
                <Col xs={24} sm={12}>
                  {nav(
                    <Form.Item name={['reporter', 'name']} label={t('case.reporter')} rules={[maxLen(t, 50)]}>
                      <Input size="large" autoComplete="off" data-testid="intake-name" />
                    </Form.Item>,
                  )}
                </Col>
              </Row>
              {nav(
                <Form.Item
                  name={['reporter', 'anonymous']}
                  valuePropName="checked"
                  extra={t('intake.anonymousHelp')}
                >
                  <Checkbox data-testid="intake-anonymous">{t('intake.anonymous')}</Checkbox>
                </Form.Item>,
              )}
              {!screens.lg && callerPanel}
              {nav(
                <Form.Item name="kind" label={t('case.kind')} rules={[requiredSelect(t)]}>
                  <Radio.Group
                    optionType="button"
                    name="kind"
                    options={CASE_KINDS.map((k) => ({ value: k, label: label('caseKind', k) }))}
                    data-testid="intake-kind"
                  />
                </Form.Item>,
              )}
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  {nav(
                    <Form.Item name="channel" label={t('case.channel')} rules={[requiredSelect(t)]}>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={CHANNELS.map((c) => ({ value: c, label: label('channel', c) }))}
                        onSelect={advanceFrom('intake-channel')}
                        data-testid="intake-channel"
                      />
                    </Form.Item>,
                  )}
                </Col>
                <Col xs={24} sm={16}>
                  {nav(
                    <Form.Item name="severity" label={t('case.severity')} rules={[requiredSelect(t)]}>
                      <Radio.Group
                        optionType="button"
                        name="severity"
                        options={SEVERITIES.map((s) => ({ value: s, label: label('severity', s) }))}
                        data-testid="intake-severity"
                      />
                    </Form.Item>,
                  )}
                </Col>
              </Row>
              {severity === 'emergency' && (
                <Alert type="error" showIcon title={t('intake.emergencyHint')} style={{ marginBottom: 16 }} />
              )}
              {/* not a [data-nav] stop: Enter on a switch flips it, and walking the form must not flag an incident */}
              <Form.Item
                name="specialIncident"
                valuePropName="checked"
                label={t('intake.specialIncident')}
                extra={t('intake.specialIncidentHelp')}
              >
                <Switch data-testid="intake-special-incident" />
              </Form.Item>
              {kind === 'repair' && (
                <>
                  {nav(
                    <Form.Item name="repairType" label={t('case.repairType')}>
                      <Radio.Group
                        name="repairType"
                        options={REPAIR_TYPES.map((r) => ({ value: r, label: label('repairType', r) }))}
                        data-testid="intake-repair-type"
                      />
                    </Form.Item>,
                  )}
                  {repairType && (
                    <Alert
                      type={repairType === 'private' ? 'warning' : 'info'}
                      showIcon
                      style={{ marginBottom: 16 }}
                      title={t(`repairHint.${repairType as RepairType}`)}
                      data-testid="intake-repair-hint"
                    />
                  )}
                  {repairType === 'private' && <FeeStandard testId="intake-fee-standard" />}
                  {repairType === 'private' &&
                    nav(
                      <Form.Item name="visitAt" label={t('case.visitAt')} extra={t('intake.visitAtHelp')}>
                        <DatePicker
                          showTime={{ format: 'HH:mm', minuteStep: 15 }}
                          format={t('format.dateTime')}
                          // not before the matter was received (domain: agreedVisitProblem), which may be back-dated
                          disabledDate={(d) => d.isBefore(receivedAt ?? dayjs(), 'day')}
                          style={{ width: '100%' }}
                          data-testid="intake-visit-at"
                        />
                      </Form.Item>,
                    )}
                </>
              )}
              {nav(
                <Form.Item name="categoryId" label={t('case.category')}>
                  <TreeSelect
                    allowClear
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    treeData={categoryTree}
                    loading={categories.isLoading}
                    treeDefaultExpandAll={false}
                    placeholder={t('intake.categoryPlaceholder')}
                    onSelect={advanceFrom('intake-category')}
                    data-testid="intake-category"
                  />
                </Form.Item>,
              )}
              <ProblemHint problems={problems} />
              <DuplicateHint duplicates={duplicates} />
              <RepeatHint
                recentlyClosed={repeat.recentlyClosed}
                categoryName={(id) => categories.data?.items.find((c) => c.id === id)?.displayName}
                relatedCaseId={repeat.relatedCaseId}
                onLink={repeat.link}
              />
              <Row gutter={12}>
                <Col xs={24} sm={14}>
                  {nav(
                    <Form.Item name="roomId" label={t('case.room')}>
                      <RoomSelect
                        allowClear
                        known={roomKnown}
                        placeholder={t('resident.chooseRoom')}
                        // the address field turns off with a room: go straight to the description
                        onSelect={() => setTimeout(() => focusTestId('intake-description'), 0)}
                        data-testid="intake-room"
                      />
                    </Form.Item>,
                  )}
                </Col>
                <Col xs={24} sm={10}>
                  {nav(
                    <Form.Item name="address" label={t('intake.addressOr')} rules={[maxLen(t, 200)]}>
                      <Input
                        disabled={Boolean(roomId)}
                        placeholder={t('intake.addressPlaceholder')}
                        data-testid="intake-address"
                      />
                    </Form.Item>,
                  )}
                </Col>
              </Row>
              {nav(
                <Form.Item
                  name="description"
                  label={t('case.description')}
                  rules={[required(t), maxLen(t, 5000)]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 4, maxRows: 12 }}
                    placeholder={t('intake.descriptionPlaceholder')}
                    data-testid="intake-description"
                  />
                </Form.Item>,
              )}
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  {nav(
                    <Form.Item
                      name="receivedAt"
                      label={t('case.receivedAt')}
                      extra={t('intake.receivedAtHelp')}
                    >
                      <DatePicker
                        showTime={{ format: 'HH:mm' }}
                        format={t('format.dateTime')}
                        placeholder={t('intake.receivedNow')}
                        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                        style={{ width: '100%' }}
                        data-testid="intake-received-at"
                      />
                    </Form.Item>,
                  )}
                </Col>
                <Col xs={24} sm={12}>
                  {nav(
                    <Form.Item
                      name="firstResponderId"
                      label={t('case.firstResponder')}
                      rules={[requiredSelect(t)]}
                      extra={t('intake.firstResponderHelp')}
                    >
                      {can('users.read') ? (
                        <UserSelect
                          known={[{ value: me.user.id, label: me.user.name }]}
                          onSelect={advanceFrom('intake-first-responder')}
                          data-testid="intake-first-responder"
                        />
                      ) : (
                        // without the staff register only oneself can be named
                        <Select
                          disabled
                          options={[{ value: me.user.id, label: me.user.name }]}
                          data-testid="intake-first-responder"
                        />
                      )}
                    </Form.Item>,
                  )}
                </Col>
              </Row>
              {nav(
                <Form.Item name="attachmentIds" label={t('case.attachments')}>
                  <AttachmentUpload testId="intake-attachments" />
                </Form.Item>,
              )}
              {nav(
                <Form.Item name="onTheSpot" valuePropName="checked" extra={t('intake.onTheSpotHelp')}>
                  <Checkbox data-testid="intake-on-the-spot">{t('intake.onTheSpot')}</Checkbox>
                </Form.Item>,
              )}
              {onTheSpot &&
                nav(
                  <Form.Item
                    name={['resolvedOnTheSpot', 'result']}
                    label={t('intake.onTheSpotResult')}
                    rules={[required(t), maxLen(t, 2000)]}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 2, maxRows: 6 }}
                      data-testid="intake-on-the-spot-result"
                    />
                  </Form.Item>,
                )}
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Typography.Text type="secondary">{t('intake.keyboardHint')}</Typography.Text>
                <Button
                  type="primary"
                  size="large"
                  htmlType="submit"
                  loading={saving}
                  data-testid="intake-submit"
                >
                  {t('intake.submit')}
                </Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        {screens.lg && (
          <Col lg={9}>
            <div style={{ position: 'sticky', top: 72 }}>{callerPanel}</div>
          </Col>
        )}
      </Row>
    </div>
  );
}
