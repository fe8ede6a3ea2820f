/**
 * Prices in yuan and fen (the fee standard, fee-items.ts). Without zod, so that the console can judge a price
 * typed in a form with the very function the server applies (src/web/api/rules.ts).
 */

/** The largest price: 9,999,999.99 yuan in fen, well inside a PostgreSQL integer. */
export const MAX_PRICE_FEN = 999_999_999;

/**
 * Fen of a yuan amount written as a decimal string ("12.3", "12.30") or a number (12.3), or why it is not one.
 * Parsed from the decimal text, never by multiplying a float: 0.29 * 100 is 28.999999999999996.
 */
export function yuanToFen(v: string | number): number | 'field.money' | 'field.price_too_big' {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return 'field.money';
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > MAX_PRICE_FEN ? 'field.price_too_big' : fen;
}

/** "12.30" for 1230 fen. */
export const fenToYuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
