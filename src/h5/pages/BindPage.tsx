/**
 * 绑定房屋: community → building → unit → room, each level a list of the company's places (/api/resident/places,
 * /api/resident/rooms); what is chosen so far stays above and can be changed; the request goes to the office and
 * shows on 首页 as pending until it decides (RESIDENT-3).
 */
import { useEffect, useState } from 'react';
import { Button, ErrorBlock, List, NavBar, SpinLoading, Toast } from 'antd-mobile';
import type { Session } from '../App';
import { call, H5ApiError } from '../api';
import { useI18n, type H5Key } from '../i18n';
import { navigate } from '../router';

type Level = 'community' | 'building' | 'unit' | 'room';
interface Choice {
  id: string;
  name: string;
}
const LEVELS: readonly Level[] = ['community', 'building', 'unit', 'room'];
const levelKey = (l: Level): H5Key => `bind.${l}`;

export function BindPage({ session }: { session: Session }) {
  const { t } = useI18n();
  /** the choices made, in order: community, building, unit, room */
  const [path, setPath] = useState<Choice[]>([]);
  const [items, setItems] = useState<Choice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [reload, setReload] = useState(0);

  const level: Level = LEVELS[Math.min(path.length, 3)];
  const done = path.length === 4;
  const parentId = path.at(-1)?.id;

  useEffect(() => {
    if (done) return;
    let live = true;
    setItems(null);
    setError(null);
    const load =
      level === 'room'
        ? call('rooms', { query: { unitId: parentId ?? '' } }).then((r) =>
            r.items.map((x) => ({ id: x.id, name: x.label })),
          )
        : call('places', {
            query:
              level === 'building'
                ? { communityId: parentId }
                : level === 'unit'
                  ? { buildingId: parentId }
                  : {},
          }).then((r) => r.items);
    load.then(
      // 2号楼 before 10号楼: numbers within names read as numbers
      (list) =>
        live && setItems(list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof H5ApiError && e.status === 401) session.signedOut();
        setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [level, parentId, done, reload]);

  const submit = async () => {
    setSubmitting(true);
    setError(null);
    try {
      await call('requestBinding', { body: { roomId: path[3].id } });
      await session.refresh();
      Toast.show({ content: t('bind.submitted') });
      navigate(session.companyCode, 'home', { replace: true });
    } catch (e) {
      if (e instanceof H5ApiError && e.status === 401) session.signedOut();
      setError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  };

  return (
    <div data-testid="h5-bind">
      <NavBar onBack={() => navigate(session.companyCode, 'home')} backIcon>
        {t('bind.title')}
      </NavBar>
      {path.length > 0 && (
        <List data-testid="h5-bind-path">
          {path.map((c, i) => (
            <List.Item
              key={c.id}
              extra={t('bind.change')}
              onClick={() => setPath(path.slice(0, i))}
              arrowIcon={false}
            >
              <span className="h5-muted">{t(levelKey(LEVELS[i]))}</span> {c.name}
            </List.Item>
          ))}
        </List>
      )}
      {!done && (
        <List header={t('bind.choose', { level: t(levelKey(level)) })} data-testid="h5-bind-options">
          {items === null && !error && (
            <List.Item>
              <SpinLoading style={{ '--size': '20px' }} />
            </List.Item>
          )}
          {items?.length === 0 && (
            <List.Item>
              <span className="h5-muted">{t('bind.none', { level: t(levelKey(level)) })}</span>
            </List.Item>
          )}
          {items?.map((c) => (
            <List.Item key={c.id} onClick={() => setPath([...path, c])}>
              {c.name}
            </List.Item>
          ))}
        </List>
      )}
      {error && (
        <ErrorBlock status="default" title={error} description="" data-testid="h5-bind-error">
          {!done && (
            <Button size="small" onClick={() => setReload((n) => n + 1)}>
              {t('common.retry')}
            </Button>
          )}
        </ErrorBlock>
      )}
      {done && (
        <div className="h5-actions">
          <Button
            block
            color="primary"
            size="large"
            data-testid="h5-bind-submit"
            loading={submitting}
            onClick={() => void submit()}
          >
            {t('bind.submit')}
          </Button>
        </div>
      )}
    </div>
  );
}
