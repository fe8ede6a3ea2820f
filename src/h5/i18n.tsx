/**
 * The H5's own words: zh-CN first, en-US complete. The language comes from the browser (a Chinese browser reads
 * Chinese, any other English) until the resident picks one on 我的; the choice is kept in localStorage and sent as
 * `Accept-Language` with every call, so the server's messages come back in it too.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export const H5_LOCALES = ['zh-CN', 'en-US'] as const;
export type H5Locale = (typeof H5_LOCALES)[number];

const zhCN = {
  'app.title': '回音 · 住户服务',
  'common.loading': '加载中…',
  'common.networkError': '网络不通，请检查网络后重试',
  'common.serverError': '服务暂时不可用（{status}），请稍后重试',
  'common.retry': '重试',
  'common.cancel': '取消',
  'common.back': '返回',
  'tab.home': '首页',
  'tab.me': '我的',
  'login.title': '手机号登录',
  'login.subtitle': '登录后可查看和绑定您的房屋',
  'login.phone': '手机号',
  'login.phonePlaceholder': '请输入手机号',
  'login.code': '验证码',
  'login.codePlaceholder': '6 位验证码',
  'login.sendCode': '获取验证码',
  'login.resend': '{seconds} 秒后重发',
  'login.codeSent': '验证码已发送',
  'login.submit': '登录',
  'login.phoneRequired': '请输入手机号',
  'login.phoneInvalid': '请输入 11 位手机号',
  'login.codeInvalid': '请输入 6 位数字验证码',
  'login.wait': '操作太频繁，请 {seconds} 秒后再试',
  'home.rooms': '我的房屋',
  'home.noRooms': '还没有绑定房屋',
  'home.pending': '待物业审核',
  'home.declined': '未通过',
  'home.declineReason': '原因：{reason}',
  'home.bind': '绑定房屋',
  'bind.title': '绑定房屋',
  'bind.community': '小区',
  'bind.building': '楼栋',
  'bind.unit': '单元',
  'bind.room': '房号',
  'bind.choose': '请选择{level}',
  'bind.none': '这里还没有可选的{level}',
  'bind.change': '重新选择',
  'bind.submit': '提交绑定申请',
  'bind.submitted': '已提交，等待物业审核',
  'me.title': '我的',
  'me.phone': '手机号',
  'me.rooms': '已绑定房屋',
  'me.unbind': '解绑',
  'me.unbindConfirm': '确定解绑「{room}」吗？解绑后将无法查看该房屋的事项。',
  'me.unbound': '已解绑',
  'me.language': '语言',
  'me.logout': '退出登录',
  'me.deleteAccount': '注销账号',
  'me.deleteConfirm': '注销后，您的账号和房屋绑定将被删除，且不可恢复。确定注销吗？',
  'me.deleted': '账号已注销',
  'me.confirm': '确定',
} as const;

export type H5Key = keyof typeof zhCN;

const enUS: Record<H5Key, string> = {
  'app.title': 'Huiyin · Residents',
  'common.loading': 'Loading…',
  'common.networkError': 'No connection. Check your network and try again',
  'common.serverError': 'The service is unavailable ({status}). Please try again later',
  'common.retry': 'Retry',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'tab.home': 'Home',
  'tab.me': 'Me',
  'login.title': 'Sign in with your phone',
  'login.subtitle': 'Sign in to see and bind your rooms',
  'login.phone': 'Phone',
  'login.phonePlaceholder': 'Your mobile number',
  'login.code': 'Code',
  'login.codePlaceholder': '6-digit code',
  'login.sendCode': 'Get code',
  'login.resend': 'Resend in {seconds} s',
  'login.codeSent': 'Code sent',
  'login.submit': 'Sign in',
  'login.phoneRequired': 'Enter your phone number',
  'login.phoneInvalid': 'Enter an 11-digit mobile number',
  'login.codeInvalid': 'Enter the 6-digit code',
  'login.wait': 'Too many attempts. Try again in {seconds} s',
  'home.rooms': 'My rooms',
  'home.noRooms': 'No room bound yet',
  'home.pending': 'Awaiting the office',
  'home.declined': 'Declined',
  'home.declineReason': 'Reason: {reason}',
  'home.bind': 'Bind a room',
  'bind.title': 'Bind a room',
  'bind.community': 'Community',
  'bind.building': 'Building',
  'bind.unit': 'Unit',
  'bind.room': 'Room',
  'bind.choose': 'Choose the {level}',
  'bind.none': 'No {level} to choose here yet',
  'bind.change': 'Choose again',
  'bind.submit': 'Ask to bind',
  'bind.submitted': 'Sent; the office will review it',
  'me.title': 'Me',
  'me.phone': 'Phone',
  'me.rooms': 'Bound rooms',
  'me.unbind': 'Unbind',
  'me.unbindConfirm': 'Unbind “{room}”? You will no longer see its matters.',
  'me.unbound': 'Unbound',
  'me.language': 'Language',
  'me.logout': 'Sign out',
  'me.deleteAccount': 'Delete account',
  'me.deleteConfirm': 'Your account and room bindings will be deleted for good. Delete the account?',
  'me.deleted': 'Account deleted',
  'me.confirm': 'Confirm',
};

const dictionaries: Record<H5Locale, Record<H5Key, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

export function h5Text(locale: H5Locale, key: H5Key, params: Record<string, string | number> = {}): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

const STORAGE_KEY = 'huiyin.h5.locale';

/** The stored choice, else the browser's language: Chinese of any region reads zh-CN, anything else en-US. */
export function initialLocale(): H5Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'zh-CN' || stored === 'en-US') return stored;
  } catch {
    // storage blocked: fall back to the browser's language
  }
  const langs = globalThis.navigator?.languages?.length
    ? globalThis.navigator.languages
    : [globalThis.navigator?.language ?? 'zh-CN'];
  return langs[0]?.toLowerCase().startsWith('zh') || !langs[0] ? 'zh-CN' : 'en-US';
}

let current: H5Locale = initialLocale();

/** The language the API client sends as `Accept-Language`. */
export const getLocale = (): H5Locale => current;

function storeLocale(locale: H5Locale) {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (globalThis.document) document.documentElement.lang = locale;
}

interface I18n {
  locale: H5Locale;
  setLocale: (locale: H5Locale) => void;
  t: (key: H5Key, params?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: H5Locale }) {
  const [locale, setState] = useState<H5Locale>(() => {
    if (fixed) current = fixed;
    return current;
  });
  const setLocale = useCallback((l: H5Locale) => {
    storeLocale(l);
    setState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => h5Text(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
