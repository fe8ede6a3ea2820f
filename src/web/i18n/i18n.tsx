import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { isUiKey, uiText, type UiKey, type UiParams } from './dictionaries';
import { getLocale, storeLocale, type UiLocale } from './locale-store';

const DAYJS_LOCALE: Record<UiLocale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

export interface I18n {
  locale: UiLocale;
  setLocale: (locale: UiLocale) => void;
  t: (key: UiKey, params?: UiParams) => string;
  /** label of an enum value: `label('role', 'director')` → 管理处主任 */
  label: (prefix: string, value: string | null | undefined) => string;
  /** `2026年11月24日 14:05` in zh-CN */
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

function applyDocumentLocale(locale: UiLocale) {
  dayjs.locale(DAYJS_LOCALE[locale]);
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale;
  document.title = uiText(locale, 'app.brand');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(() => {
    const initial = getLocale();
    applyDocumentLocale(initial);
    return initial;
  });

  const setLocale = useCallback((next: UiLocale) => {
    storeLocale(next);
    applyDocumentLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const t = (key: UiKey, params?: UiParams) => uiText(locale, key, params);
    const fmt = (key: UiKey) => (iso: string | null | undefined) =>
      iso ? dayjs(iso).format(uiText(locale, key)) : '—';
    return {
      locale,
      setLocale,
      t,
      label: (prefix, v) => {
        if (v === null || v === undefined || v === '') return '—';
        const key = `${prefix}.${v}`;
        return isUiKey(key) ? t(key) : v;
      },
      dateTime: fmt('format.dateTime'),
      date: fmt('format.date'),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
