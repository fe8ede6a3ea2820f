/**
 * Client-side mirrors of the server's input rules (src/contracts/*), so the form says what is wrong before the
 * round trip. The server stays the judge: its field errors are shown on the same fields.
 * (The web bundle carries no zod: web imports contract types, and zod-free modules such as contracts/money.ts
 * and contracts/values/*, which hold the limits the server checks.)
 */
import type { Rule } from 'antd/es/form';
import { yuanToFen } from '../../contracts/money';
import type { UiKey, UiParams } from '../i18n/dictionaries';

export { PASSWORD_MIN, USERNAME_PATTERN } from '../../contracts/values/access';

type T = (key: UiKey, params?: UiParams) => string;

export const required = (t: T): Rule => ({
  required: true,
  whitespace: true,
  message: t('validation.required'),
});
export const requiredSelect = (t: T): Rule => ({ required: true, message: t('validation.required') });
export const maxLen = (t: T, max: number): Rule => ({ max, message: t('validation.maxLength', { max }) });
export const minLen = (t: T, min: number): Rule => ({ min, message: t('validation.minLength', { min }) });

/**
 * A loose first check of a phone (characters a phone can hold, at least 3 digits); the server's parser
 * (mobiles, landlines with area code, extensions, service numbers like 95598) has the final word and its message
 * is shown on the same field.
 */
export const phoneRule = (t: T): Rule => ({
  validator: (_, value: unknown) => {
    if (value === undefined || value === null || String(value).trim() === '') return Promise.resolve();
    const s = String(value).trim();
    const ok =
      /^[+\d０-９\s\u3000\-—–－()（）#转分机extEXT.]+$/.test(s) && (s.match(/[\d０-９]/g) ?? []).length >= 3;
    return ok ? Promise.resolve() : Promise.reject(new Error(t('validation.phone')));
  },
});

/** What is wrong with a price in yuan, judged by the server's own parser (yuanToFen). Empty is left to `required`. */
export function priceProblem(text: string): 'fee.priceInvalid' | 'fee.priceTooBig' | null {
  if (!text.trim()) return null;
  const fen = yuanToFen(text);
  return fen === 'field.money'
    ? 'fee.priceInvalid'
    : fen === 'field.price_too_big'
      ? 'fee.priceTooBig'
      : null;
}

export const priceRule = (t: T): Rule => ({
  validator: (_, value: unknown) => {
    const problem = priceProblem(String(value ?? ''));
    return problem ? Promise.reject(new Error(t(problem))) : Promise.resolve();
  },
});
