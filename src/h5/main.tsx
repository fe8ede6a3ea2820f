/**
 * The residents' H5 (`/h5/<companyCode>`): its own entry, antd-mobile only — no antd, no ECharts, nothing of the
 * staff console — so a phone on a slow line loads little. The company is the path's second segment.
 */
import { StrictMode, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { App } from './App';
import { companyCodeFromPath } from './api';
import { I18nProvider, useI18n } from './i18n';
import './h5.css';

// React 19 has no ReactDOM.render: antd-mobile's Toast and Dialog mount through this, or show nothing.
unstableSetRender((node, container) => {
  const host = container as (Element | DocumentFragment) & { _h5Root?: Root };
  host._h5Root ??= createRoot(host);
  const root = host._h5Root;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host._h5Root;
  };
});

function Localized() {
  const { locale, t } = useI18n();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);
  return (
    <ConfigProvider locale={locale === 'en-US' ? enUS : zhCN}>
      <App companyCode={companyCodeFromPath(location.pathname)} />
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Localized />
    </I18nProvider>
  </StrictMode>,
);
