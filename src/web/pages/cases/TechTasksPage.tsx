/**
 * 我的派工 — the technician's phone view (UI-6): 360–430 px, large tap targets, my work orders (I am
 * the handler, or a routed repair my department may accept), 接单 and 完工 with photos from the camera. What the
 * technician types is kept in localStorage until the server has it, so a dropped connection loses nothing: the
 * retry button sends it again.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Image, Input, Skeleton, Typography } from 'antd';
import {
  CameraOutlined,
  CheckOutlined,
  CloseOutlined,
  ReloadOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { attachmentUrl, uploadAttachment, useCasePage, useRunAction } from '../../api/cases';
import { useMe } from '../../api/queries';
import type { Attachment, Case } from '../../api/types';
import { FeeStandard } from '../../components/FeeStandard';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { NearestClockChip, placeOf, SeverityTag, StateTag, TierBadge } from './caseUi';
import { ReporterPhone } from './ReporterPhone';

const TAP = { height: 52, fontSize: 17 };

export default function TechTasksPage() {
  const { t } = useI18n();
  const me = useMe();
  const userId = me.data?.user.id ?? '';
  const mine = useCasePage(
    { handlerId: userId, state: ['routed', 'in_progress', 'waiting'], sort: 'nextDue' },
    { enabled: Boolean(userId) },
  );
  // routed repairs: the server says which ones I may accept (the handler or a member of the target department)
  const queue = useCasePage(
    { kind: 'repair', state: 'routed', sort: 'nextDue' },
    { enabled: Boolean(userId) },
  );
  const mineIds = new Set((mine.data?.items ?? []).map((c) => c.id));
  const tasks = [
    ...(mine.data?.items ?? []),
    ...(queue.data?.items ?? []).filter(
      (c) =>
        !mineIds.has(c.id) && c.allowedActions.includes('accept') && (!c.handler || c.handler.id === userId),
    ),
  ].sort(
    (a, b) =>
      (a.nextDueAt ? Date.parse(a.nextDueAt) : Infinity) - (b.nextDueAt ? Date.parse(b.nextDueAt) : Infinity),
  );
  const error = mine.error ?? queue.error;

  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="tech-tasks">
      <PageHeader
        title={t('nav.techTasks')}
        extra={
          <Button
            size="large"
            icon={<ReloadOutlined />}
            aria-label={t('common.reload')}
            onClick={() => {
              void mine.refetch();
              void queue.refetch();
            }}
            loading={mine.isFetching || queue.isFetching}
            data-testid="tech-refresh"
          />
        }
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          style={{ marginBottom: 12 }}
          action={
            <Button onClick={() => void mine.refetch()} data-testid="tech-list-retry">
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {mine.isLoading || queue.isLoading ? (
        <Skeleton active />
      ) : tasks.length === 0 ? (
        <Empty description={t('tech.none')} />
      ) : (
        <Flex vertical gap={12}>
          {tasks.map((c) => (
            <TaskCard key={c.id} c={c} userId={userId} />
          ))}
        </Flex>
      )}
    </div>
  );
}

interface Draft {
  result: string;
  materials: string;
  photos: Attachment[];
}
const EMPTY: Draft = { result: '', materials: '', photos: [] };

/** The typed completion report of one task, kept in localStorage until the server accepted it. */
function useDraft(key: string) {
  const [draft, setDraft] = useState<Draft>(() => {
    try {
      const raw = localStorage.getItem(key);
      return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Draft>) } : EMPTY;
    } catch {
      return EMPTY;
    }
  });
  useEffect(() => {
    try {
      if (draft.result || draft.materials || draft.photos.length)
        localStorage.setItem(key, JSON.stringify(draft));
      else localStorage.removeItem(key);
    } catch {
      // storage full or private mode: the draft lives in memory only
    }
  }, [key, draft]);
  const clear = () => {
    setDraft(EMPTY);
    try {
      localStorage.removeItem(key);
    } catch {
      // nothing kept
    }
  };
  return [draft, setDraft, clear] as const;
}

function TaskCard({ c, userId }: { c: Case; userId: string }) {
  const { t, label, dateTime } = useI18n();
  const { message } = App.useApp();
  const run = useRunAction();
  const draftKey = `huiyin.techDraft.${userId}.${c.id}`;
  const [draft, setDraft, clearDraft] = useDraft(draftKey);
  const [resolving, setResolving] = useState(() =>
    Boolean(draft.result || draft.materials || draft.photos.length),
  );
  const [busy, setBusy] = useState<'accept' | 'resolve' | null>(null);
  const [failed, setFailed] = useState<{ action: 'accept' | 'resolve'; message: string } | null>(null);
  const [uploading, setUploading] = useState(0);
  const [resultError, setResultError] = useState(false);
  const camera = useRef<HTMLInputElement>(null);

  const act = async (action: 'accept' | 'resolve') => {
    if (action === 'resolve' && !draft.result.trim()) {
      setResultError(true);
      return;
    }
    setBusy(action);
    setFailed(null);
    try {
      if (action === 'accept') await run(c.id, 'accept', c.version, {});
      else {
        await run(c.id, 'resolve', c.version, {
          result: draft.result.trim(),
          materials: draft.materials.trim() || undefined,
          attachmentIds: draft.photos.length ? draft.photos.map((p) => p.id) : undefined,
        });
        clearDraft();
        setResolving(false);
      }
      message.success(t('caseAction.done', { action: label('action', action) }));
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      setFailed({
        action,
        message: isApiError(e) && e.code === 'version_conflict' ? t('tech.changedRetry') : text,
      });
    } finally {
      setBusy(null);
    }
  };

  const addPhotos = async (files: FileList | null) => {
    if (!files?.length) return;
    for (const file of Array.from(files)) {
      setUploading((n) => n + 1);
      try {
        const a = await uploadAttachment(file);
        setDraft((d) => ({ ...d, photos: [...d.photos, a] }));
      } catch (e) {
        message.error(t('tech.photoFailed', { error: e instanceof Error ? e.message : String(e) }));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (camera.current) camera.current.value = '';
  };

  const canAccept = c.allowedActions.includes('accept');
  const canResolve = c.allowedActions.includes('resolve');

  return (
    <Card size="small" data-testid={`tech-task-${c.number}`} styles={{ body: { padding: 14 } }}>
      <Flex justify="space-between" align="center" wrap gap={4}>
        <Link to={`/cases/${c.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
          {c.number}
        </Link>
        <span>
          <StateTag state={c.state} />
          <SeverityTag severity={c.severity} />
          <TierBadge tier={c.escalationTier} />
        </span>
      </Flex>
      <div style={{ margin: '8px 0' }}>
        <NearestClockChip c={c} />
      </div>
      <Typography.Title level={5} style={{ margin: '4px 0' }} data-testid="tech-room">
        {placeOf(c)}
      </Typography.Title>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 6, fontSize: 16 }}>
        <span>{c.reporter.anonymous ? t('case.anonymous') : (c.reporter.name ?? '—')}</span>
        <ReporterPhone c={c} large />
      </Flex>
      <Typography.Paragraph style={{ fontSize: 16, whiteSpace: 'pre-wrap', marginBottom: 8 }}>
        {c.repairType && <span style={{ color: '#722ed1' }}>【{label('repairType', c.repairType)}】</span>}
        {c.description}
      </Typography.Paragraph>
      {c.repairType === 'private' && (
        <Alert
          type="warning"
          showIcon
          title={t('repairHint.private')}
          description={
            c.visitAt ? `${t('case.visitAt')}${t('common.labelSep')}${dateTime(c.visitAt)}` : undefined
          }
          style={{ marginBottom: 8 }}
          data-testid="tech-visit"
        />
      )}
      {c.repairType === 'private' && <FeeStandard testId="tech-fee-standard" marginBottom={8} />}
      {failed && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={failed.message}
          description={t('tech.keptInput')}
          data-testid="tech-error"
          action={
            <Button onClick={() => void act(failed.action)} loading={busy !== null} data-testid="tech-retry">
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {canAccept && (
        <Button
          type="primary"
          block
          icon={<CheckOutlined />}
          style={TAP}
          loading={busy === 'accept'}
          onClick={() => void act('accept')}
          data-testid="tech-accept"
        >
          {t('tech.accept')}
        </Button>
      )}
      {canResolve && !resolving && (
        <Button
          type="primary"
          block
          icon={<ToolOutlined />}
          style={TAP}
          onClick={() => setResolving(true)}
          data-testid="tech-resolve"
        >
          {t('tech.resolve')}
        </Button>
      )}
      {canResolve && resolving && (
        <Flex vertical gap={10} data-testid="tech-resolve-form">
          <div>
            <Typography.Text strong>{t('form.result')}</Typography.Text>
            <Input.TextArea
              value={draft.result}
              onChange={(e) => {
                setResultError(false);
                setDraft((d) => ({ ...d, result: e.target.value }));
              }}
              autoSize={{ minRows: 3, maxRows: 8 }}
              status={resultError ? 'error' : undefined}
              style={{ fontSize: 16 }}
              maxLength={2000}
              data-testid="tech-result"
            />
            {resultError && <Typography.Text type="danger">{t('validation.required')}</Typography.Text>}
          </div>
          <div>
            <Typography.Text strong>{t('form.materials')}</Typography.Text>
            <Input.TextArea
              value={draft.materials}
              onChange={(e) => setDraft((d) => ({ ...d, materials: e.target.value }))}
              autoSize={{ minRows: 1, maxRows: 4 }}
              placeholder={t('form.materialsPlaceholder')}
              style={{ fontSize: 16 }}
              maxLength={1000}
              data-testid="tech-materials"
            />
          </div>
          <input
            ref={camera}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            hidden
            onChange={(e) => void addPhotos(e.target.files)}
            data-testid="tech-photo-input"
          />
          <Button
            block
            icon={<CameraOutlined />}
            style={TAP}
            loading={uploading > 0}
            onClick={() => camera.current?.click()}
            data-testid="tech-photo"
          >
            {t('tech.takePhoto')}
          </Button>
          {draft.photos.length > 0 && (
            <Flex wrap gap={8} data-testid="tech-photos">
              {draft.photos.map((p) => (
                <div key={p.id} style={{ position: 'relative' }}>
                  <Image
                    src={attachmentUrl(p.id)}
                    width={80}
                    height={80}
                    style={{ objectFit: 'cover' }}
                    alt={p.filename}
                  />
                  <Button
                    size="small"
                    shape="circle"
                    icon={<CloseOutlined />}
                    aria-label={t('common.remove')}
                    style={{ position: 'absolute', top: -6, right: -6 }}
                    onClick={() => setDraft((d) => ({ ...d, photos: d.photos.filter((x) => x.id !== p.id) }))}
                  />
                </div>
              ))}
            </Flex>
          )}
          <Flex gap={8}>
            <Button style={{ ...TAP, flex: 1 }} onClick={() => setResolving(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              type="primary"
              style={{ ...TAP, flex: 2 }}
              loading={busy === 'resolve'}
              disabled={uploading > 0}
              onClick={() => void act('resolve')}
              data-testid="tech-resolve-submit"
            >
              {t('tech.submitResolve')}
            </Button>
          </Flex>
        </Flex>
      )}
      {!canAccept && !canResolve && (
        <Typography.Text type="secondary">
          {t('tech.nothingToDo', { state: label('caseState', c.state) })}
        </Typography.Text>
      )}
    </Card>
  );
}
