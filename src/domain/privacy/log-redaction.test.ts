import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePhone } from '../property/phone';
import { isSafeRequestId, loggablePath, redactFreeText, redactIdentifiers } from './log-redaction';

// Every phone format parsePhone accepts (src/domain/property/phone.ts) and a few people write in free text.
const PHONES = [
  '13522334455',
  '135-2233-4455',
  '135 2233 4455',
  '+86 136 5566 7788',
  '+86-136-5566-7788',
  '+8613655667788',
  '008613655667788',
  '8613655667788',
  '0755-86001234',
  '075586001234',
  '(0755)8600-1234',
  '（0755）86001234',
  '(010) 8888 6666',
  '0755-86001234-806',
  '0755-86001234转806',
  '0755 8600 1234 ext 806',
  '１３８１２３４５６７８',
  '138.1234.5678',
];
const ID_NUMBERS = ['11010519491231002X', '110105194912310021', '110105491231002', '4403 0119 9001 0112 34'];
const PLATES = ['京A12345', '粤B·D12345', '沪AD12345', '浙A1234学', '苏E 8K9P2'];

describe('001 通知 二.2: personal data stay confidential: logs carry no phone, ID number or plate (log-redaction rule)', () => {
  it.each(PHONES)('a phone written as %s is redacted wherever it sits', (phone) => {
    for (const text of [phone, `caller ${phone} not found`, `x${phone}y`, `"${phone}"`]) {
      const out = redactIdentifiers(text);
      expect(out, text).toContain('[number]');
      expect(out.replace(/\D/g, '').length, out).toBeLessThan(4);
    }
  });

  it.each(PHONES)('%s percent-encoded (a query string, a path) is redacted too', (phone) => {
    const encoded = encodeURIComponent(phone.normalize('NFKC'));
    const out = redactIdentifiers(`/api/lookup/caller/${encoded}`);
    const plus = redactIdentifiers(phone.replace(/ /g, '+'));
    for (const redacted of [out, plus]) {
      expect(redacted).toContain('[number]');
      // an extension (806) alone may stay: it identifies no one
      expect(redacted.replace(/%[0-9A-F]{2}/gi, ''), redacted).not.toMatch(/\d{4}/);
    }
  });

  it.each(ID_NUMBERS)('ID number %s (with its final X) is redacted', (id) => {
    expect(redactIdentifiers(`身份证 ${id}。`)).toBe('身份证 [number]。');
  });

  it.each(PLATES)('licence plate %s is redacted, raw and encoded', (plate) => {
    expect(redactIdentifiers(`车牌${plate}停在`)).toBe('车牌[plate]停在');
    expect(redactFreeText(`plate ${encodeURIComponent(plate)} x`)).toMatch(/^plate \[plate\](\[text\])? x$/);
    expect(
      redactFreeText(
        `plate ${JSON.stringify(plate).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}`,
      ),
    ).not.toMatch(/[0-9]{4}/);
  });

  it('keeps what is not personal and makes logs useful: short numbers, ports, UUIDs, constraint names', () => {
    for (const text of [
      'connect ECONNREFUSED 127.0.0.1:5432',
      'took 1234 ms, 12 rows',
      'service number 95598',
      '/api/cases/0f8fad5b-d9cb-469f-a165-70867728950e/actions/route',
      '/api/cases/12345678-1234-4234-8234-123456789012',
      'duplicate key value violates unique constraint "resident_phones_resident_uq"',
    ])
      expect(redactFreeText(text), text).toBe(text);
  });

  it('is idempotent: redacting twice changes nothing', () => {
    const once = redactFreeText(`张三 ${PHONES.join(' / ')} ${PLATES.join(',')} ${ID_NUMBERS.join(';')}`);
    expect(redactFreeText(once)).toBe(once);
  });
});

describe('001 通知 二.2: personal data stay confidential: free text that may echo input (error messages)', () => {
  it('non-ASCII text is redacted raw, percent-encoded and JSON-escaped', () => {
    expect(redactFreeText('name 张三 given')).toBe('name [text] given');
    expect(redactFreeText(`q=${encodeURIComponent('欧阳娜娜')}&x`)).toBe('q=[text]&x');
    expect(redactFreeText('"\\u5f20\\u4e09" here')).toBe('"[value]" here');
    expect(redactFreeText('bare \\u5f20\\u4e09 here')).toBe('bare [text] here');
    // ASCII escapes are not text to hide
    expect(redactFreeText('a \\u0041 b')).toBe('a \\u0041 b');
  });

  it('quoted values PostgreSQL and JSON.parse echo are redacted; identifiers stay', () => {
    expect(redactFreeText('invalid input syntax for type uuid: "Maria Gonzalez"')).toBe(
      'invalid input syntax for type uuid: "[value]"',
    );
    expect(redactFreeText(`invalid input value for enum case_state: 'Maria'`)).toBe(
      `invalid input value for enum case_state: '[value]'`,
    );
    expect(redactFreeText('Unexpected token \'x\', "{"name":"Maria","phone":"1352… is not valid JSON')).toBe(
      'Unexpected token \'x\', "[value]"',
    );
    expect(redactFreeText('violates check constraint "cases_state_ck" on table "cases"')).toBe(
      'violates check constraint "cases_state_ck" on table "cases"',
    );
  });

  it('query strings in URLs are cut', () => {
    expect(redactFreeText('Route GET:/api/cases?q=Maria&page=2 not found')).toBe(
      'Route GET:/api/cases?[query] not found',
    );
  });
});

describe('001 通知 二.2: personal data stay confidential: request paths are logged without their query string', () => {
  it('drops the query string and the fragment', () => {
    expect(loggablePath('/api/cases?q=%E5%BC%A0%E4%B8%89&page=2')).toBe('/api/cases');
    expect(loggablePath('/api/lookup/caller?phone=135-2233-4455')).toBe('/api/lookup/caller');
    expect(loggablePath('/api/cases#Maria')).toBe('/api/cases');
    expect(loggablePath('/api/cases/0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(
      '/api/cases/0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });

  it('a segment that is not plain ASCII (a name, a plate, an encoded phone) is replaced', () => {
    expect(loggablePath('/api/x/%E5%BC%A0%E4%B8%89/y')).toBe('/api/x/[text]/y');
    expect(loggablePath('/api/x/张三')).toBe('/api/x/[text]');
    expect(loggablePath('/api/x/%2B86%20136%205566%207788')).toBe('/api/x/[text]');
    expect(loggablePath('/api/x/13655667788')).toBe('/api/x/[number]');
  });
});

describe('001 通知 二.2: personal data stay confidential: a client request id is accepted only when it is plainly an id', () => {
  it('accepts UUIDs, hex trace ids and short tokens', () => {
    for (const id of [
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      '4bf92f3577b34da6a3ce929d0e0e4736',
      'req-42',
      'a.b_c',
    ])
      expect(isSafeRequestId(id), id).toBe(true);
  });

  it('refuses phones, ID numbers, names, plates, spaces, overlong and non-string values', () => {
    for (const id of [
      '13522334455',
      '135-2233-4455',
      '+86 136 5566 7788',
      'tel.13655667788',
      '11010519491231002X',
      '张三',
      '京A12345',
      'a b',
      'x'.repeat(65),
      '',
      'id\nforged log line',
      undefined,
      ['a', 'b'],
    ])
      expect(isSafeRequestId(id), String(id)).toBe(false);
  });
});

describe('001 通知 二.2: personal data stay confidential: every phone the API accepts is redacted (property test against parsePhone)', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
  const sep = fc.constantFrom('', ' ', '-', '  ', ' - ', '\u3000', '—');
  const join = (groups: string[], seps: string[]) =>
    groups.map((g, i) => (i ? seps[i - 1] : '') + g).join('');
  const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const mobile = fc
    .record({
      prefix: fc.constantFrom('', '+86', '+86 ', '+86-', '0086', '0086 ', '86'),
      second: fc.integer({ min: 3, max: 9 }),
      rest: digits(9),
      seps: fc.array(sep, { minLength: 2, maxLength: 2 }),
      wide: fc.boolean(),
    })
    .map(({ prefix, second, rest, seps, wide }) => {
      const d = `1${second}${rest.join('')}`;
      const text = prefix + join([d.slice(0, 3), d.slice(3, 7), d.slice(7)], seps);
      return wide ? fullWidth(text) : text;
    });
  const landline = fc
    .record({
      area: fc.constantFrom('010', '020', '0755', '0571', '0898'),
      first: fc.integer({ min: 2, max: 9 }),
      rest: fc.oneof(digits(6), digits(7)),
      style: fc.constantFrom('-', ' ', '', '()', '（）'),
      ext: fc.constantFrom('', '-801', '转806', ' ext 12', '分机3'),
    })
    .map(({ area, first, rest, style, ext }) => {
      const local = `${first}${rest.join('')}`;
      const head = style === '()' ? `(${area})` : style === '（）' ? `（${area}）` : area + style;
      return head + local + ext;
    });

  it('no accepted phone leaves a run of 5 digits or its canonical form, raw or encoded, nor passes as a request id', () => {
    fc.assert(
      fc.property(fc.oneof(mobile, landline), (phone) => {
        const parsed = parsePhone(phone);
        if (!parsed.ok) return; // only formats the API accepts are the rule's business
        for (const text of [
          `来电 ${phone}，`,
          encodeURIComponent(phone),
          encodeURIComponent(phone).replace(/%20/g, '+'),
          JSON.stringify(phone),
        ]) {
          const out = redactFreeText(text);
          expect(out).not.toContain(parsed.canonical);
          expect(out.replace(/%[0-9A-F]{2}/gi, '').normalize('NFKC')).not.toMatch(/\d{5}/);
        }
        // nor may it serve as a request id, which is logged on every line
        expect(isSafeRequestId(phone)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
