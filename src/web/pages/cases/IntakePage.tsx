/**
 * 受理登记 — intake, keyboard-first (UI-3): focus starts in the phone field, the caller panel appears
 * as the number is typed, Enter moves to the next field, Ctrl+Enter submits, and the new number is shown big
 * enough to read out. One Idempotency-Key per intake: a double submit never records the matter twice.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  List,
  Radio,
  Result,
  Row,
  Select,
  Spin,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { PhoneOutlined, PlusOutlined, SoundOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { ProblemMatches } from '../../../contracts/problems';
import { CASES, newIdempotencyKey, useCategories } from '../../api/cases';
import { useCan, useMe } from '../../api/queries';
import { maxLen, phoneRule, required, requiredSelect } from '../../api/rules';
import {
  CASE_KINDS,
  CHANNELS,
  REPAIR_TYPES,
  SEVERITIES,
  type CallerLookup,
  type Case,
  type CaseKind,
  type Category,
  type Channel,
  type RepairType,
  type Severity,
} from '../../api/types';
import { FormAlert } from '../../components/FormDrawer';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { FeeStandard } from '../../components/FeeStandard';
import { PageHeader } from '../../components/PageHeader';
import { RoomSelect, UserSelect, type Option } from '../../components/RemoteSelect';
import { useI18n } from '../../i18n/i18n';
import { AttachmentUpload } from './AttachmentUpload';
import { StateTag } from './caseUi';

const LOOKUP_DEBOUNCE_MS = 300;
/** a phone worth looking up: a local landline has 7 digits */
const LOOKUP_MIN_DIGITS = 7;

interface Values {
  channel: Channel;
  kind?: CaseKind;
  severity: Severity;
  categoryId?: string;
  repairType?: RepairType;
  visitAt?: Dayjs | null;
  roomId?: string;
  address?: string;
  reporter: { phone?: string; name?: string; anonymous?: boolean };
  description?: string;
  receivedAt?: Dayjs | null;
  firstResponderId?: string;
  attachmentIds?: string[];
  onTheSpot?: boolean;
  resolvedOnTheSpot?: { result?: string };
}

const trim = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export default function IntakePage() {
  const { t } = useI18n();
  const me = useMe();
  const [key, setKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<Case | null>(null);

  const restart = () => {
    setCreated(null);
    setKey(newIdempotencyKey());
  };
  if (!me.data) return null;
  if (created) return <Created c={created} onNew={restart} />;
  return (
    <>
      <PageHeader title={t('nav.caseNew')} subTitle={t('intake.subtitle')} />
      <IntakeForm key={key} idempotencyKey={key} onCreated={setCreated} />
    </>
  );
}

function Created({ c, onNew }: { c: Case; onNew: () => void }) {
  const { t, label } = useI18n();
  return (
    <Result
      status="success"
      title={t('intake.createdTitle', { kind: label('caseKind', c.kind) })}
      subTitle={t('intake.readOut')}
      data-testid="intake-created"
      extra={
        <Flex vertical align="center" gap={16}>
          <div
            data-testid="intake-number"
            style={{
              fontSize: 'clamp(32px, 9vw, 56px)',
              fontWeight: 700,
              letterSpacing: 2,
              fontVariantNumeric: 'tabular-nums',
              userSelect: 'all',
            }}
          >
            {c.number}
          </div>
          <StateTag state={c.state} />
          <Flex gap={8} wrap justify="center">
            <Link to={`/cases/${c.id}`}>
              <Button size="large" data-testid="intake-open-case">
                {t('intake.openCase')}
              </Button>
            </Link>
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={onNew}
              autoFocus
              data-testid="intake-new"
            >
              {t('intake.newIntake')}
            </Button>
          </Flex>
        </Flex>
      }
    />
  );
}

/** Category tree nodes from the depth-first list of GET /api/categories. */
function toTree(items: Category[]) {
  type Node = { value: string; title: string; children: Node[] };
  const nodes = new Map<string, Node>();
  const roots: Node[] = [];
  for (const c of items) nodes.set(c.id, { value: c.id, title: c.displayName, children: [] });
  for (const c of items) {
    const n = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

function IntakeForm({ idempotencyKey, onCreated }: { idempotencyKey: string; onCreated: (c: Case) => void }) {
  const { t, label } = useI18n();
  const me = useMe().data!;
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [saving, setSaving] = useState(false);
  const [roomKnown, setRoomKnown] = useState<Option[]>([]);
  const categories = useCategories();
  const categoryTree = useMemo(() => toTree(categories.data?.items ?? []), [categories.data]);

  const channel = Form.useWatch('channel', form);
  const kind = Form.useWatch('kind', form);
  const severity = Form.useWatch('severity', form);
  const repairType = Form.useWatch('repairType', form);
  const categoryId = Form.useWatch('categoryId', form);
  const receivedAt = Form.useWatch('receivedAt', form) as Dayjs | null | undefined;
  const roomId = Form.useWatch('roomId', form);
  const onTheSpot = Form.useWatch('onTheSpot', form);
  const phone = (Form.useWatch(['reporter', 'phone'], form) ?? '').trim();
  const lookupPhone = useDebounced(phone, LOOKUP_DEBOUNCE_MS);
  const digits = (lookupPhone.match(/\d/g) ?? []).length;

  // The case being recorded goes with the lookup: the server marks the caller's open cases that the domain's
  // duplicate rule holds likely duplicates of it (src/domain/case/duplicates.ts).
  const recording = { ...(categoryId ? { categoryId } : {}), ...(roomId ? { roomId } : {}) };
  const lookup = useQuery({
    queryKey: ['/api/lookup/caller', lookupPhone, recording],
    queryFn: ({ signal }) =>
      api.get<CallerLookup>('/api/lookup/caller', { phone: lookupPhone, ...recording }, signal),
    // a change of category or room asks again; for the same phone the panel keeps what it shows meanwhile
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === lookupPhone ? previous : undefined,
    enabled: digits >= LOOKUP_MIN_DIGITS,
    staleTime: 30_000,
    retry: false,
  });

  useEffect(() => {
    // focus starts in the phone field (UI-3)
    wrapper.current?.querySelector<HTMLInputElement>('[data-testid="intake-phone"]')?.focus();
  }, []);

  // An open recurring problem (问题) the new case would join (PROBLEM-3): the agent can tell the resident it is
  // already under a cross-department review.
  const problemMatches = useQuery({
    queryKey: ['/api/problems/match', roomId, categoryId],
    queryFn: ({ signal }) =>
      api.get<ProblemMatches>(
        '/api/problems/match',
        { roomId: roomId!, ...(categoryId ? { categoryId } : {}) },
        signal,
      ),
    enabled: Boolean(roomId),
    staleTime: 60_000,
    retry: false,
  });

  // openCases are the caller's own and those of the caller's rooms, each marked by the server's duplicate rule
  const duplicates = useMemo(
    () => (lookup.data?.openCases ?? []).filter((oc) => oc.likelyDuplicate),
    [lookup.data],
  );

  /** The field inside a [data-nav] block to focus: the checked radio of a group, else the first input. */
  const focusIn = (block: Element): boolean => {
    const el =
      block.querySelector<HTMLElement>('input[type=radio]:checked:not([disabled])') ??
      block.querySelector<HTMLElement>(
        'input:not([type=hidden]):not([type=file]):not([disabled]), textarea:not([disabled]), button:not([disabled])',
      );
    el?.focus();
    return Boolean(el);
  };
  /** Enter moves to the next field: the next [data-nav] block that is shown. */
  const focusNext = (from: Element | null) => {
    const root = wrapper.current;
    if (!root) return;
    const blocks = Array.from(root.querySelectorAll<HTMLElement>('[data-nav]')).filter(
      (b) => b.offsetParent !== null,
    );
    const current = from?.closest('[data-nav]');
    const start = current ? blocks.indexOf(current as HTMLElement) + 1 : 0;
    for (const block of blocks.slice(start)) if (focusIn(block)) return;
  };
  const focusTestId = (testId: string) => {
    const block = wrapper.current?.querySelector(`[data-testid="${testId}"]`)?.closest('[data-nav]');
    if (block) focusIn(block);
  };
  const advanceFrom = (testId: string) => () =>
    setTimeout(() => focusNext(wrapper.current?.querySelector(`[data-testid="${testId}"]`) ?? null), 0);

  // Ctrl+Enter (⌘+Enter) submits from anywhere on the page, even when focus left the form
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.isComposing) return;
      e.preventDefault();
      form.submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Enter that ends a pinyin composition is the IME's; Ctrl+Enter is handled above
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey) return;
    if (e.defaultPrevented) return; // a select took it (open the list / pick an option)
    const target = e.target as HTMLElement;
    if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || target.tagName === 'A') return;
    e.preventDefault();
    focusNext(target);
  };

  const inFlight = useRef(false);
  const submit = async (v: Values) => {
    // a second Ctrl+Enter while the first is on its way; the Idempotency-Key would replay it anyway
    if (inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setError(null);
    const body = {
      channel: v.channel,
      kind: v.kind,
      severity: v.severity,
      categoryId: v.categoryId || undefined,
      roomId: v.roomId || undefined,
      address: v.roomId ? undefined : trim(v.address),
      reporter: {
        name: trim(v.reporter?.name),
        phone: trim(v.reporter?.phone),
        anonymous: Boolean(v.reporter?.anonymous),
      },
      description: trim(v.description),
      receivedAt: v.receivedAt ? v.receivedAt.toISOString() : undefined,
      firstResponderId: v.firstResponderId || undefined,
      repairType: v.kind === 'repair' ? v.repairType : undefined,
      visitAt:
        v.kind === 'repair' && v.repairType === 'private' && v.visitAt ? v.visitAt.toISOString() : undefined,
      attachmentIds: v.attachmentIds?.length ? v.attachmentIds : undefined,
      resolvedOnTheSpot: v.onTheSpot ? { result: trim(v.resolvedOnTheSpot?.result) } : undefined,
    };
    try {
      const c = await api.post<Case>(CASES, body, undefined, { 'Idempotency-Key': idempotencyKey });
      void queryClient.invalidateQueries({ queryKey: [CASES] });
      onCreated(c);
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };

  const chooseRoom = (id: string, roomLabel: string, residentName?: string) => {
    setRoomKnown([{ value: id, label: roomLabel }]);
    form.setFieldValue('roomId', id);
    if (residentName && !form.getFieldValue(['reporter', 'name']))
      form.setFieldValue(['reporter', 'name'], residentName);
    // on to what is still missing: the kind, or the matter itself
    setTimeout(() => focusTestId(form.getFieldValue('kind') ? 'intake-description' : 'intake-kind'), 0);
  };

  const callerPanel = (
    <CallerPanel
      phone={lookupPhone}
      digits={digits}
      lookup={lookup}
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
            <Form<Values>
              form={form}
              layout="vertical"
              onFinish={submit}
              scrollToFirstError
              initialValues={{
                channel: 'phone',
                severity: 'general',
                reporter: { anonymous: false },
                firstResponderId: me.user.id,
                onTheSpot: false,
              }}
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
              {(problemMatches.data?.items.length ?? 0) > 0 && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="intake-problem"
                  title={t('intake.problemTitle')}
                  description={problemMatches.data!.items.map((p) => (
                    <div key={p.id}>
                      {p.title}（{t('intake.problemCases', { count: p.caseCount })}）
                    </div>
                  ))}
                />
              )}
              {duplicates.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="intake-duplicate"
                  title={t('intake.duplicateTitle')}
                  description={
                    <List
                      size="small"
                      dataSource={duplicates}
                      renderItem={(d) => (
                        <List.Item
                          actions={[
                            <Button
                              key="open"
                              size="small"
                              onClick={() => navigate(`/cases/${d.id}`)}
                              data-testid="intake-open-duplicate"
                            >
                              {t('intake.openDuplicate')}
                            </Button>,
                          ]}
                        >
                          <span>
                            <strong>{d.number}</strong> {label('caseState', d.state)} · {d.summary}
                          </span>
                        </List.Item>
                      )}
                    />
                  }
                />
              )}
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

function CallerPanel({
  phone,
  digits,
  lookup,
  roomId,
  onChooseRoom,
}: {
  phone: string;
  digits: number;
  lookup: { data?: CallerLookup; isFetching: boolean; isError: boolean };
  roomId?: string;
  onChooseRoom: (id: string, label: string, residentName?: string) => void;
}) {
  const { t, label, dateTime } = useI18n();
  const data = lookup.data;
  let body: ReactNode;
  if (digits < LOOKUP_MIN_DIGITS)
    body = <Typography.Text type="secondary">{t('caller.typePhone')}</Typography.Text>;
  else if (lookup.isFetching && !data) body = <Spin />;
  else if (lookup.isError) body = <Typography.Text type="secondary">{t('caller.badPhone')}</Typography.Text>;
  else if (data && !data.residents.length && !data.openCases.length)
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={<span data-testid="caller-none">{t('caller.none', { phone })}</span>}
      />
    );
  else if (data)
    body = (
      <>
        {data.residents.map((r) => (
          <div key={r.id} style={{ marginBottom: 12 }} data-testid="caller-resident">
            <Typography.Text strong>{r.name}</Typography.Text>{' '}
            <Typography.Text type="secondary">{r.phones.join('、')}</Typography.Text>
            <Flex vertical gap={4} style={{ marginTop: 4 }}>
              {r.rooms.map((room) => (
                <Button
                  key={room.roomId}
                  size="small"
                  type={room.roomId === roomId ? 'primary' : 'default'}
                  style={{
                    justifyContent: 'flex-start',
                    height: 'auto',
                    whiteSpace: 'normal',
                    textAlign: 'left',
                  }}
                  onClick={() => onChooseRoom(room.roomId, room.label, r.name)}
                  data-testid="caller-room"
                  data-room-id={room.roomId}
                >
                  {room.label}（{label('residentRelation', room.relation)}）
                </Button>
              ))}
            </Flex>
          </div>
        ))}
        <Typography.Text strong style={{ display: 'block', margin: '8px 0 4px' }}>
          {t('caller.openCases', { count: data.openCases.length })}
        </Typography.Text>
        {data.openCases.length === 0 ? (
          <Typography.Text type="secondary">{t('caller.noOpenCases')}</Typography.Text>
        ) : (
          data.openCases.map((oc) => (
            <div key={oc.id} style={{ marginBottom: 8 }} data-testid="caller-open-case">
              <Link to={`/cases/${oc.id}`} target="_blank" rel="noopener">
                {oc.number}
              </Link>{' '}
              <Tag>{label('caseKind', oc.kind)}</Tag>
              <Tag>{label('caseState', oc.state)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dateTime(oc.receivedAt)}
              </Typography.Text>
              <div style={{ fontSize: 13 }}>{oc.summary}</div>
            </div>
          ))
        )}
      </>
    );
  return (
    <Card size="small" title={t('caller.title')} style={{ marginBottom: 16 }} data-testid="caller-panel">
      {body}
    </Card>
  );
}
