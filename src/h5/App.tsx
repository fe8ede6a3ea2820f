/**
 * The residents' H5: who is signed in decides between 登录 and the pages; the pages are 首页, 绑定房屋 and 我的,
 * with a tab bar for 首页 and 我的. The session is the resident's own (`hy_resident`, RESIDENT-1): a 401 anywhere
 * returns to 登录.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, ErrorBlock, SpinLoading, TabBar } from 'antd-mobile';
import { call, H5ApiError, type ResidentMe } from './api';
import { useI18n } from './i18n';
import { navigate, usePage } from './router';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { BindPage } from './pages/BindPage';
import { MePage } from './pages/MePage';

// two outline icons drawn here (antd-mobile-icons is not one of the project's own dependencies)
const HOME_ICON = 'M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z';
const ME_ICON = 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm-8 9c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5';
const TabIcon = ({ d }: { d: string }) => (
  <svg
    width="1em"
    height="1em"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.6"
    aria-hidden
  >
    <path d={d} strokeLinejoin="round" />
  </svg>
);

export interface Session {
  companyCode: string;
  me: ResidentMe;
  /** reads /me again (after a binding changed) */
  refresh: () => Promise<void>;
  /** back to 登录 (signed out, account deleted, session expired) */
  signedOut: () => void;
}

export function App({ companyCode }: { companyCode: string }) {
  const { t } = useI18n();
  const page = usePage();
  /** undefined: not known yet; null: nobody signed in (for this company) */
  const [me, setMe] = useState<ResidentMe | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const m = await call('me');
      setMe(m.company.code === companyCode ? m : null);
      setFailure(null);
    } catch (e) {
      if (e instanceof H5ApiError && e.status === 401) setMe(null);
      else setFailure(e instanceof Error ? e.message : String(e));
    }
  }, [companyCode]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedOut = useCallback(() => {
    setMe(null);
    navigate(companyCode, 'login', { replace: true });
  }, [companyCode]);

  if (failure && me === undefined)
    return (
      <ErrorBlock status="disconnected" title={failure} description="">
        <Button color="primary" onClick={() => void refresh()}>
          {t('common.retry')}
        </Button>
      </ErrorBlock>
    );
  if (me === undefined)
    return (
      <div className="h5-center">
        <SpinLoading />
      </div>
    );
  if (me === null)
    return (
      <LoginPage
        companyCode={companyCode}
        onSignedIn={(m) => {
          setMe(m);
          navigate(companyCode, 'home', { replace: true });
        }}
      />
    );

  const session: Session = { companyCode, me, refresh, signedOut };
  const current = page === 'login' ? 'home' : page;
  return (
    <div className="h5-app">
      <main className="h5-main">
        {current === 'bind' ? (
          <BindPage session={session} />
        ) : current === 'me' ? (
          <MePage session={session} />
        ) : (
          <HomePage session={session} />
        )}
      </main>
      {current !== 'bind' && (
        <TabBar
          className="h5-tabbar"
          activeKey={current}
          onChange={(key) => navigate(companyCode, key as 'home' | 'me')}
        >
          <TabBar.Item key="home" icon={<TabIcon d={HOME_ICON} />} title={t('tab.home')} />
          <TabBar.Item key="me" icon={<TabIcon d={ME_ICON} />} title={t('tab.me')} />
        </TabBar>
      )}
    </div>
  );
}
