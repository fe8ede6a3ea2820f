import { enUS } from './en-US';
import type { UiLocale } from './locale-store';
import { zhCN, type UiKey } from './zh-CN';

export type { UiKey };
export type UiParams = Record<string, string | number>;

export const DICTIONARIES: Record<UiLocale, Record<UiKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/**
 * The text for `key` in `locale` with {placeholders} filled. A word that follows a number is written
 * `{count|time|times}`: the first form when the parameter is 1, the second otherwise (English plurals; Chinese
 * needs none).
 */
export function uiText(locale: UiLocale, key: UiKey, params: UiParams = {}): string {
  const template = DICTIONARIES[locale][key] ?? key;
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (_, name: string, one: string, other: string) =>
      Number(params[name]) === 1 ? one : other,
    )
    .replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Keys of labels for enum values, e.g. `role.director`; unknown values fall back to the raw value. */
export function isUiKey(key: string): key is UiKey {
  return key in zhCN;
}
