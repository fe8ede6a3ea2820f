/**
 * Phone numbers as residents give them: mobiles, landlines with area code, extensions, service numbers.
 * Caller lookup compares the canonical form of REGISTER-4: digits only, a leading +86 dropped, the extension
 * (after `-`, `转`, `ext`, `分机`) kept apart.
 */
export type PhoneKind = 'mobile' | 'landline' | 'service';

export type ParsedPhone =
  | { ok: true; canonical: string; extension: string | null; kind: PhoneKind }
  | { ok: false; reason: 'empty' | 'invalid' | 'area_code_required' };

const FULL_WIDTH_DIGIT = /[０-９]/g;
const EXTENSION_MARK = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;

export function parsePhone(input: string): ParsedPhone {
  let text = input
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[（(]/g, '')
    .replace(/[)）]/g, '-')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[—–－]/g, '-');
  if (text === '') return { ok: false, reason: 'empty' };

  let extension: string | null = null;
  const marked = EXTENSION_MARK.exec(text);
  if (marked) {
    extension = marked[1];
    text = text.slice(0, marked.index).replace(/-+$/, '');
  }
  if (!/^\+?[\d-]+$/.test(text)) return { ok: false, reason: 'invalid' };

  let digits = text.replace(/-/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('+')) return { ok: false, reason: 'invalid' };
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);

  // A trailing hyphenated group of 1–6 digits after a complete landline is an extension: 0755-12345678-801.
  if (extension === null) {
    const groups = text
      .replace(/^\+86-?/, '')
      .split('-')
      .filter(Boolean);
    const last = groups[groups.length - 1];
    if (groups.length >= 2 && last.length <= 6) {
      const main = groups.slice(0, -1).join('');
      if (isLandline(main)) {
        extension = last;
        digits = main;
      }
    }
  }

  if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, canonical: digits, extension, kind: 'mobile' };
  if (isLandline(digits)) return { ok: true, canonical: digits, extension, kind: 'landline' };
  // 400/800 hotlines and short service numbers (95598, 96777, 12345) used by utilities and partner units.
  if (/^[48]00\d{7}$/.test(digits) || /^(1\d{2,4}|9\d{4})$/.test(digits))
    return { ok: true, canonical: digits, extension, kind: 'service' };
  if (/^[2-9]\d{6,7}$/.test(digits)) return { ok: false, reason: 'area_code_required' };
  return { ok: false, reason: 'invalid' };
}

function isLandline(digits: string): boolean {
  // Area codes are 010, 02X (3 digits) or 0XXX (4 digits); local numbers 7–8 digits.
  return /^0(10|2\d)\d{8}$/.test(digits) || /^0[3-9]\d{2}\d{7,8}$/.test(digits);
}

/** Canonical form used for lookups, or null when the input is not a phone number. */
export function canonicalPhone(input: string): string | null {
  const parsed = parsePhone(input);
  return parsed.ok ? parsed.canonical : null;
}

/** Splits "138… / 0755-…" as written in import files and forms. */
export function splitPhones(input: string): string[] {
  return input
    .split(/[/／,，;；、]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}
