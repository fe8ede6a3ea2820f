/**
 * 工单详情: the header (number, state, kind, severity, tier, the clocks as chips), who reported it and where
 * (masked as the server sends it, with click-to-reveal), the first responder and the handler side by side, the
 * timeline with its archive check, attachments, the forms to print, and exactly the action buttons the server
 * allows (`allowedActions`, UI-1).
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Empty,
  Flex,
  Image,
  Result,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { FileOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { attachmentUrl, caseKey, CASES, useCase, useRunAction } from '../../api/cases';
import { useCan } from '../../api/queries';
import { CASE_ACTIONS, type Case, type CaseAction, type CaseDetail } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { ActionDrawer, isDirectAction, type DirectAction } from './ActionDrawer';
import { ReporterPhone } from './ReporterPhone';
import { CaseTimeline, useNameBook } from './CaseTimeline';
import { ClockChip, clockStatus, SeverityTag, StateTag, TierBadge, useNow } from './caseUi';
import { formsFor, PRINT_FORM_TITLE } from './printForms';

/**
 * The action that usually moves the case on: shown as the primary button. At an emergency it is getting someone on
 * site (EMERGENCY-2), which accepts the case too.
 */
const PRIMARY: readonly CaseAction[] = ['accept', 'resolve', 'callback', 'route', 'reply'];
const EMERGENCY_PRIMARY: readonly CaseAction[] = ['arrive', ...PRIMARY];
const primaryOf = (c: Case, actions: readonly CaseAction[]) =>
  (c.severity === 'emergency' ? EMERGENCY_PRIMARY : PRIMARY).find((a) => actions.includes(a));
const DANGER: readonly CaseAction[] = ['close', 'invalidate'];

export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const query = useCase(id);
  const names = useNameBook(query.data);
  const [action, setAction] = useState<CaseAction | null>(null);

  if (query.isLoading) return <Skeleton active />;
  if (!query.data) {
    if (isApiError(query.error) && query.error.status === 404)
      return <Result status="404" title={t('caseDetail.notFound')} subTitle={t('caseDetail.notFoundText')} />;
    return (
      <Alert
        type="error"
        showIcon
        title={query.error?.message}
        action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const c = query.data;

  return (
    <div data-testid="case-detail" data-case-id={c.id} data-version={c.version}>
      <CaseHeader c={c} onAction={setAction} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <CaseFacts c={c} />
          <Attachments c={c} />
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('case.timeline')} size="small">
            <CaseTimeline c={c} names={names} />
          </Card>
        </Col>
      </Row>
      <ActionDrawer c={c} action={action} onClose={() => setAction(null)} />
    </div>
  );
}

function CaseHeader({ c, onAction }: { c: CaseDetail; onAction: (a: CaseAction) => void }) {
  const { t, label, dateTime } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow();
  const clocks = c.clocks
    .filter((k) => clockStatus(k, c.state, now) !== 'stopped')
    .sort(
      (a, b) =>
        Number(Boolean(a.metAt)) - Number(Boolean(b.metAt)) || Date.parse(a.dueAt) - Date.parse(b.dueAt),
    );

  return (
    <>
      <PageHeader
        back="/cases/mine"
        title={<span data-testid="case-number">{c.number}</span>}
        subTitle={c.category?.name}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void queryClient.invalidateQueries({ queryKey: caseKey(c.id) })}
              aria-label={t('common.reload')}
              data-testid="case-reload"
            />
            <Dropdown
              trigger={['click']}
              menu={{
                items: formsFor(c.kind).map((f) => ({
                  key: f,
                  label: <span data-testid={`print-${f}`}>{t(PRINT_FORM_TITLE[f])}</span>,
                })),
                onClick: ({ key }) => navigate(`/cases/${c.id}/print/${key}`),
              }}
            >
              <Button icon={<PrinterOutlined />} data-testid="case-print">
                {t('caseDetail.print')}
              </Button>
            </Dropdown>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={4} align="center" style={{ marginBottom: 8 }}>
          <StateTag state={c.state} testId="case-state" />
          <Tag data-testid="case-kind">{label('caseKind', c.kind)}</Tag>
          <SeverityTag severity={c.severity} />
          <TierBadge tier={c.escalationTier} />
          {c.repairType && <Tag color="purple">{label('repairType', c.repairType)}</Tag>}
          {c.visitAt && (
            <Tag color="purple" data-testid="case-visit-at">
              {t('case.visitAt')}
              {t('common.labelSep')}
              {dateTime(c.visitAt)}
            </Tag>
          )}
          {c.invalid && <Tag>{t('caseDetail.invalid')}</Tag>}
          {c.selfComplaint && <Tag color="magenta">{t('case.selfComplaint')}</Tag>}
          {c.reopenCount > 0 && (
            <Tag color="orange">{t('caseDetail.reopened', { count: c.reopenCount })}</Tag>
          )}
          {c.satisfaction && (
            <Tag color={c.satisfaction === 'unsatisfied' ? 'red' : 'green'} data-testid="case-satisfaction">
              {label('satisfaction', c.satisfaction)}
            </Tag>
          )}
          {c.mergedInto && (
            <Link to={`/cases/${c.mergedInto.id}`} data-testid="case-merged-into">
              {t('caseDetail.mergedInto', { number: c.mergedInto.number })}
            </Link>
          )}
        </Flex>
        <Flex wrap gap={4} align="center" data-testid="case-clocks">
          {clocks.length ? (
            clocks.map((k) => <ClockChip key={k.name} clock={k} state={c.state} />)
          ) : (
            <Typography.Text type="secondary">{t('caseDetail.noClocks')}</Typography.Text>
          )}
          {c.calendarUnknown && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('caseDetail.calendarUnknown')}
            </Typography.Text>
          )}
        </Flex>
        <ActionBar c={c} onAction={onAction} />
      </Card>
    </>
  );
}

function ActionBar({ c, onAction }: { c: Case; onAction: (a: CaseAction) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const run = useRunAction();
  const [busy, setBusy] = useState<CaseAction | null>(null);
  const actions = CASE_ACTIONS.filter((a) => c.allowedActions.includes(a));
  const primary = primaryOf(c, actions);

  const direct = async (a: DirectAction) => {
    setBusy(a);
    try {
      await run(c.id, a, c.version, {});
      message.success(t('caseAction.done', { action: label('action', a) }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      if (isApiError(e) && (e.code === 'version_conflict' || e.code === 'invalid_transition'))
        void queryClient.invalidateQueries({ queryKey: [CASES] });
    } finally {
      setBusy(null);
    }
  };

  if (!actions.length)
    return (
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }} data-testid="case-no-actions">
        {t('caseDetail.noActions')}
      </Typography.Paragraph>
    );
  return (
    <Flex wrap gap={8} style={{ marginTop: 12 }} data-testid="case-actions">
      {actions.map((a) => (
        <Button
          key={a}
          type={a === primary ? 'primary' : 'default'}
          danger={DANGER.includes(a)}
          loading={busy === a}
          onClick={() => (isDirectAction(a) ? void direct(a) : onAction(a))}
          data-testid={`case-action-${a}`}
        >
          {label('action', a)}
        </Button>
      ))}
    </Flex>
  );
}

function CaseFacts({ c }: { c: CaseDetail }) {
  const { t, label, dateTime } = useI18n();
  const can = useCan();
  const reporterName = c.reporter.anonymous
    ? c.reporter.name
      ? `${c.reporter.name}（${t('case.anonymous')}）`
      : t('case.anonymous')
    : (c.reporter.name ?? '—');
  return (
    <Card title={t('caseDetail.facts')} size="small" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'reporter',
            label: t('case.reporter'),
            children: <span data-testid="case-reporter">{reporterName}</span>,
          },
          { key: 'phone', label: t('case.reporterPhone'), children: <ReporterPhone c={c} /> },
          {
            key: 'room',
            label: c.room ? t('case.room') : t('case.address'),
            // the room links to its page, which lists the room's other cases (SEARCH-2)
            children:
              c.room && can('property.read') ? (
                <Link to={`/property/rooms/${c.room.id}`} data-testid="case-room">
                  {c.room.label}
                </Link>
              ) : (
                <span data-testid="case-room">{c.room?.label ?? c.address ?? '—'}</span>
              ),
          },
          { key: 'office', label: t('case.office'), children: c.office?.name ?? '—' },
          {
            key: 'description',
            label: t('case.description'),
            span: 'filled',
            children: (
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', margin: 0 }}
                data-testid="case-description"
              >
                {c.description}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'fr',
            label: t('case.firstResponder'),
            children: <strong data-testid="case-first-responder">{c.firstResponder?.name ?? '—'}</strong>,
          },
          {
            key: 'handler',
            label: t('case.handler'),
            children: (
              <strong data-testid="case-handler">{c.handler?.name ?? t('caseDetail.noHandler')}</strong>
            ),
          },
          {
            key: 'target',
            label: t('case.target'),
            children: (
              <span data-testid="case-target">
                {c.target
                  ? `${label('routeTarget', c.target.type)} · ${c.target.name}`
                  : t('caseDetail.notRouted')}
              </span>
            ),
          },
          { key: 'department', label: t('case.department'), children: c.department?.name ?? '—' },
          { key: 'received', label: t('case.receivedAt'), children: dateTime(c.receivedAt) },
          { key: 'channel', label: t('case.channel'), children: label('channel', c.channel) },
          { key: 'category', label: t('case.category'), children: c.category?.name ?? '—' },
          {
            key: 'recorded',
            label: t('case.recordedBy'),
            children: `${c.recordedBy?.name ?? '—'} · ${dateTime(c.createdAt)}`,
          },
          ...(c.callbackAssignee
            ? [{ key: 'cb', label: t('case.callbackAssignee'), children: c.callbackAssignee.name }]
            : []),
        ]}
      />
    </Card>
  );
}

function Attachments({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const images = c.attachments.filter((a) => a.mime.startsWith('image/'));
  const files = c.attachments.filter((a) => !a.mime.startsWith('image/'));
  return (
    <Card title={t('case.attachments')} size="small" data-testid="case-attachments">
      {!c.attachments.length && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseDetail.noAttachments')} />
      )}
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Flex wrap gap={8} style={{ marginBottom: files.length ? 12 : 0 }}>
            {images.map((a) => (
              <Image
                key={a.id}
                width={96}
                height={96}
                style={{ objectFit: 'cover' }}
                src={attachmentUrl(a.id)}
                alt={a.filename}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {files.map((a) => (
        <div key={a.id}>
          <a href={attachmentUrl(a.id, true)} data-testid="attachment-link">
            <FileOutlined /> {a.filename}
          </a>{' '}
          <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
        </div>
      ))}
    </Card>
  );
}
