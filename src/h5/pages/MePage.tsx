/**
 * 我的: the phone (masked by the server), the bound rooms with 解绑 (confirmed), the language, 退出登录, and
 * 注销账号 (confirmed: the account and its bindings are deleted, RESIDENT-3).
 */
import { Button, Dialog, List, Selector, Toast } from 'antd-mobile';
import type { Session } from '../App';
import { call, H5ApiError } from '../api';
import { H5_LOCALES, useI18n, type H5Locale } from '../i18n';

const LANGUAGE_NAMES: Record<H5Locale, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

export function MePage({ session }: { session: Session }) {
  const { t, locale, setLocale } = useI18n();
  const { me } = session;

  const fail = (e: unknown) => {
    if (e instanceof H5ApiError && e.status === 401) return session.signedOut();
    Toast.show({ icon: 'fail', content: e instanceof Error ? e.message : String(e) });
  };

  const unbind = (roomId: string, label: string) =>
    Dialog.confirm({
      content: t('me.unbindConfirm', { room: label }),
      confirmText: t('me.unbind'),
      cancelText: t('common.cancel'),
      onConfirm: async () => {
        try {
          await call('unbind', { params: { roomId } });
          await session.refresh();
          Toast.show({ content: t('me.unbound') });
        } catch (e) {
          fail(e);
        }
      },
    });

  const logout = async () => {
    try {
      await call('logout');
    } finally {
      session.signedOut();
    }
  };

  const deleteAccount = () =>
    Dialog.confirm({
      content: t('me.deleteConfirm'),
      confirmText: t('me.deleteAccount'),
      cancelText: t('common.cancel'),
      onConfirm: async () => {
        try {
          await call('deleteAccount');
          Toast.show({ content: t('me.deleted') });
          session.signedOut();
        } catch (e) {
          fail(e);
        }
      },
    });

  return (
    <div data-testid="h5-me">
      <header className="h5-header">
        <h1 className="h5-title">{t('me.title')}</h1>
      </header>
      <List>
        <List.Item extra={<span data-testid="h5-me-phone">{me.resident.phone}</span>}>
          {t('me.phone')}
        </List.Item>
      </List>
      <List header={t('me.rooms')}>
        {me.rooms.length === 0 && (
          <List.Item>
            <span className="h5-muted">{t('home.noRooms')}</span>
          </List.Item>
        )}
        {me.rooms.map((r) => (
          <List.Item
            key={r.roomId}
            extra={
              <Button
                size="small"
                color="danger"
                fill="outline"
                onClick={() => void unbind(r.roomId, r.label)}
              >
                {t('me.unbind')}
              </Button>
            }
          >
            {r.label}
          </List.Item>
        ))}
      </List>
      <List header={t('me.language')}>
        <List.Item>
          <Selector
            columns={2}
            value={[locale]}
            options={H5_LOCALES.map((l) => ({ label: LANGUAGE_NAMES[l], value: l }))}
            onChange={(v) => v[0] && setLocale(v[0])}
          />
        </List.Item>
      </List>
      <div className="h5-actions">
        <Button block size="large" data-testid="h5-logout" onClick={() => void logout()}>
          {t('me.logout')}
        </Button>
        <Button block size="large" color="danger" fill="none" onClick={() => void deleteAccount()}>
          {t('me.deleteAccount')}
        </Button>
      </div>
    </div>
  );
}
