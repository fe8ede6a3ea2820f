/** The UI language: zh-CN by default, the user's choice remembered in localStorage. */
export const UI_LOCALES = ['zh-CN', 'en-US'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

const STORAGE_KEY = 'huiyin.locale';

function readStored(): UiLocale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: UiLocale = readStored();

/** The language sent as Accept-Language with every API call. */
export function getLocale(): UiLocale {
  return current;
}

export function storeLocale(locale: UiLocale) {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
