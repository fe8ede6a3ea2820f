/**
 * Cursor decoding (a cursor is client input): a cursor is client input. Each list declares the exact shape of its key, and
 * anything else — wrong types, nested arrays, impossible dates, NUL bytes, another list's cursor — is the 400
 * validation_failed on `querystring.cursor` that any other bad query value gets, never a query PostgreSQL refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURSOR_MAX, TOTAL_CAP } from '../../contracts/common';
import { DomainError } from '../../domain/errors';
import { cursorKey, defineCursor } from './paging';

const ID = '0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const byName = defineCursor([cursorKey.text, cursorKey.uuid]);
const byTime = defineCursor([cursorKey.time, cursorKey.uuid]);
const byTimeCounted = defineCursor([cursorKey.time.nullable(), cursorKey.uuid], { counted: true });
const bySortAndName = defineCursor([cursorKey.int, cursorKey.text, cursorKey.uuid]);

/** The error the error handler turns into 400 validation_failed with the field querystring.cursor. */
function expectBadCursor(decode: () => unknown) {
  let thrown: unknown;
  try {
    decode();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect(thrown).toMatchObject({
    code: 'validation_failed',
    fields: { 'querystring.cursor': 'field.invalid_format' },
  });
}

describe('a list reads back exactly the cursor it wrote', () => {
  it('round-trips text, time, integer and nullable keys, with and without a count', () => {
    expect(byName.decode(byName.encode(['一号楼', ID]))).toEqual({ key: ['一号楼', ID], counted: undefined });
    expect(byTime.decode(byTime.encode(['2026-11-24T02:00:00.000Z', ID]))).toEqual({
      key: [new Date('2026-11-24T02:00:00.000Z'), ID],
      counted: undefined,
    });
    expect(byTimeCounted.decode(byTimeCounted.encode([null, ID], 10_001))).toEqual({
      key: [null, ID],
      counted: 10_001,
    });
    expect(bySortAndName.decode(bySortAndName.encode([-3, '维修费', ID]))).toEqual({
      key: [-3, '维修费', ID],
      counted: undefined,
    });
  });

  it('has no cursor on the first page', () => {
    expect(byName.decode(undefined)).toBeNull();
    expect(byName.decode('')).toBeNull();
  });

  it('round-trips any key of the declared types (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.string({ maxLength: 40 }).filter((s) => !s.includes('\u0000')),
        fc.uuid(),
        (sort, name, id) => {
          expect(bySortAndName.decode(bySortAndName.encode([sort, name, id]))?.key).toEqual([sort, name, id]);
        },
      ),
    );
  });
});

describe('a cursor of any other shape is 400 validation_failed on querystring.cursor (a cursor is client input)', () => {
  it('refuses an array where the sort key goes: the users-list 42P18 it caused', () => {
    expectBadCursor(() => byName.decode(b64([[1, 2], ID])));
    expectBadCursor(() => byTime.decode(b64([[1, 2], ID])));
    expectBadCursor(() => bySortAndName.decode(b64([[1, 2], 'a', ID])));
  });

  it('refuses a key element of the wrong type', () => {
    expectBadCursor(() => byName.decode(b64([1, ID])));
    expectBadCursor(() => byName.decode(b64([null, ID])));
    expectBadCursor(() => byName.decode(b64([{ a: 1 }, ID])));
    expectBadCursor(() => byName.decode(b64([true, ID])));
    expectBadCursor(() => byName.decode(b64(['a', 'not-a-uuid'])));
    expectBadCursor(() => byName.decode(b64(['a', 42])));
    expectBadCursor(() => byTime.decode(b64([null, ID])));
    expectBadCursor(() => bySortAndName.decode(b64(['3', 'a', ID])));
  });

  it('refuses dates that are no real instant, in any other spelling, or outside PostgreSQL’s years', () => {
    for (const at of [
      '2026-02-31T00:00:00.000Z', // JS would roll this over to March 3rd
      '2026-13-01T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '0000-01-01T00:00:00.000Z', // PostgreSQL has no year 0
      '2026-01-01',
      '2026-01-01T00:00:00+08:00',
      'yesterday',
      '',
    ])
      expectBadCursor(() => byTime.decode(b64([at, ID])));
  });

  it('refuses a number that is not a finite PostgreSQL integer', () => {
    for (const sort of [1.5, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER])
      expectBadCursor(() => bySortAndName.decode(b64([sort, 'a', ID])));
    // JSON has no Infinity, but 1e400 parses as Infinity
    const infinite = Buffer.from(`[1e400,"a","${ID}"]`).toString('base64url');
    expectBadCursor(() => bySortAndName.decode(infinite));
  });

  it('refuses text holding a NUL (PostgreSQL text cannot) or longer than any cursor', () => {
    expectBadCursor(() => byName.decode(b64(['a\u0000b', ID])));
    expectBadCursor(() => byName.decode(b64(['x'.repeat(CURSOR_MAX + 1), ID])));
  });

  it('refuses the wrong number of elements, a count where none is carried, and a count out of range', () => {
    expectBadCursor(() => byName.decode(b64([ID])));
    expectBadCursor(() => byName.decode(b64(['a', ID, 3])));
    expectBadCursor(() => byName.decode(b64(['a', ID, 'b', 'c'])));
    expectBadCursor(() => byTimeCounted.decode(b64(['2026-11-24T02:00:00.000Z', ID])));
    for (const counted of [-1, TOTAL_CAP + 2, 1.5, '3', null])
      expectBadCursor(() => byTimeCounted.decode(b64(['2026-11-24T02:00:00.000Z', ID, counted])));
  });

  it('refuses another list’s cursor of a different shape', () => {
    expectBadCursor(() => byTime.decode(byName.encode(['一号楼', ID])));
    expectBadCursor(() => byName.decode(bySortAndName.encode([1, 'a', ID])));
    expectBadCursor(() => bySortAndName.decode(byName.encode(['1:a', ID])));
    expectBadCursor(() => byTimeCounted.decode(byTime.encode(['2026-11-24T02:00:00.000Z', ID])));
    expectBadCursor(() => byTime.decode(byTimeCounted.encode(['2026-11-24T02:00:00.000Z', ID], 5)));
  });

  it('refuses what is not base64url JSON, and non-arrays', () => {
    for (const raw of ['%%%', 'e30=', 'not base64!', '😀', 'a'.repeat(CURSOR_MAX + 1)])
      expectBadCursor(() => byName.decode(raw));
    for (const value of [{ 0: 'a', 1: ID }, 'a', 42, null, [], [[['a', ID]]]])
      expectBadCursor(() => byName.decode(b64(value)));
    expectBadCursor(() => byName.decode(Buffer.from('["a",').toString('base64url')));
  });

  it('refuses any JSON value that is not the declared tuple (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // A random value holds no uuid, which every key ends with; so none of these is a valid cursor.
        const cursor = b64(value);
        if (!cursor) return;
        for (const c of [byName, byTime, byTimeCounted, bySortAndName])
          expectBadCursor(() => c.decode(cursor));
      }),
      { numRuns: 300 },
    );
  });
});
