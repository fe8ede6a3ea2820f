import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_HEAD,
  FACTS_HASH_KEY,
  GENESIS_HASH,
  canonicalJson,
  chainEntry,
  entryHash,
  factsDigest,
  verifyChain,
  verifyRecord,
} from './hash-chain';

describe('RECORD-2: canonical JSON (keys sorted, no spaces, UTF-8)', () => {
  it('RECORD-2 canonical JSON: keys sorted recursively, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: '回音' } })).toBe(
      '{"a":{"c":"回音","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('canonical JSON: the same object in any key order gives the same text', () => {
    expect(canonicalJson({ seq: 1, at: 'x', data: { b: 2, a: 1 } })).toBe(
      canonicalJson({ data: { a: 1, b: 2 }, at: 'x', seq: 1 }),
    );
  });

  it('canonical JSON: keys sort by UTF-16 code units (RFC 8785), strings escaped as JSON', () => {
    expect(canonicalJson({ b: 1, B: 2, 中: 3, a1: 4, a: 5 })).toBe('{"B":2,"a":5,"a1":4,"b":1,"中":3}');
    expect(canonicalJson('他说"好"\n')).toBe('"他说\\"好\\"\\n"');
  });

  it('canonical JSON: Dates as ISO strings; undefined properties left out; NaN, undefined in arrays and bigint refused', () => {
    expect(canonicalJson({ at: new Date('2026-03-10T02:00:00Z'), gone: undefined })).toBe(
      '{"at":"2026-03-10T02:00:00.000Z"}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(RangeError);
    expect(() => canonicalJson([undefined])).toThrow(RangeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(RangeError);
  });
});

describe('RECORD-2 chain', () => {
  const first = {
    seq: 1,
    at: '2026-03-10T02:00:00.000Z',
    actorId: 'u1',
    type: 'received',
    data: { kind: 'repair' },
  };

  it('RECORD-2 hash = lowercase hex SHA-256 of the canonical JSON of { seq, at, actorId, type, data, prevHash }; first prevHash is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    const expected = createHash('sha256')
      .update(
        '{"actorId":"u1","at":"2026-03-10T02:00:00.000Z","data":{"kind":"repair"},"prevHash":"' +
          '0'.repeat(64) +
          '","seq":1,"type":"received"}',
        'utf8',
      )
      .digest('hex');
    expect(entryHash({ ...first, prevHash: GENESIS_HASH })).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    // a Date `at` hashes as its ISO string
    expect(entryHash({ ...first, at: new Date(first.at), prevHash: GENESIS_HASH })).toBe(expected);
  });

  const build = () => {
    const e1 = chainEntry(null, first);
    const e2 = chainEntry(e1, {
      at: '2026-03-10T02:10:00.000Z',
      actorId: 'u1',
      type: 'routed',
      data: { to: 'eng1' },
    });
    const e3 = chainEntry(e2, {
      at: '2026-03-10T02:20:00.000Z',
      actorId: null,
      type: 'clock_warned',
      data: {},
    });
    const e4 = chainEntry(e3, { at: '2026-03-10T03:00:00.000Z', actorId: 'u2', type: 'accepted', data: {} });
    return [e1, e2, e3, e4];
  };

  it('chainEntry links each entry to the previous hash', () => {
    const [e1, e2] = build();
    expect(e1.seq).toBe(1);
    expect(e1.prevHash).toBe(GENESIS_HASH);
    expect(e2.seq).toBe(2);
    expect(e2.prevHash).toBe(e1.hash);
  });

  it('RECORD-2 verifyChain: an untouched chain is intact; an empty one too', () => {
    expect(verifyChain(build())).toEqual({ intact: true });
    expect(verifyChain([])).toEqual({ intact: true });
  });

  it('RECORD-2 verifyChain: changing one entry names it as the first broken seq', () => {
    const chain = build();
    chain[2] = { ...chain[2], data: { clock: 'resolve' } };
    expect(verifyChain(chain)).toEqual({ intact: false, firstBrokenSeq: 3 });
  });

  it('RECORD-2 verifyChain: a re-hashed forged entry breaks the next one', () => {
    const chain = build();
    const forged = { ...chain[1], actorId: 'u9' };
    chain[1] = { ...forged, hash: entryHash(forged) };
    expect(verifyChain(chain)).toEqual({ intact: false, firstBrokenSeq: 3 });
  });

  it('RECORD-2 verifyChain: a removed entry or a gap in seq breaks the chain where it was', () => {
    const chain = build();
    expect(verifyChain([chain[0], chain[2], chain[3]])).toEqual({ intact: false, firstBrokenSeq: 3 });
    expect(verifyChain(chain.slice(1))).toEqual({ intact: false, firstBrokenSeq: 2 });
  });

  it('RECORD-2 verifyChain: a wrong stored prevHash breaks it; entries without prevHash are checked through the hash', () => {
    const chain = build();
    expect(verifyChain(chain.map(({ prevHash: _p, ...rest }) => rest))).toEqual({ intact: true });
    chain[3] = { ...chain[3], prevHash: GENESIS_HASH };
    expect(verifyChain(chain)).toEqual({ intact: false, firstBrokenSeq: 4 });
  });
});

describe('one record: chain, stored head and facts digest (docs/adr/0017)', () => {
  const facts = { description: '楼道灯不亮', reporterPhone: '13800000000' };
  const chain = () => {
    const e1 = chainEntry(null, {
      at: '2026-03-10T02:00:00.000Z',
      actorId: 'u1',
      type: 'received',
      data: { kind: 'repair', [FACTS_HASH_KEY]: factsDigest(facts) },
    });
    const e2 = chainEntry(e1, { at: '2026-03-10T02:05:00.000Z', actorId: 'u1', type: 'routed', data: {} });
    return [e1, e2];
  };
  const headOf = (entries: { seq: number; hash: string }[]) => ({
    seq: entries.at(-1)!.seq,
    hash: entries.at(-1)!.hash,
  });

  it('an untouched record is intact, its facts checked', () => {
    const entries = chain();
    expect(verifyRecord(entries, headOf(entries), factsDigest(facts))).toEqual({
      intact: true,
      factsChecked: true,
    });
  });

  it('the last entry deleted: the chain is still whole, but the stored head is not its end', () => {
    const entries = chain();
    const head = headOf(entries);
    const verdict = verifyRecord(entries.slice(0, 1), head, factsDigest(facts));
    expect(verdict).toEqual({
      intact: false,
      problem: 'head',
      stored: head,
      chainEnd: { seq: 1, hash: entries[0].hash },
    });
  });

  it('the head rewritten to another hash or seq is found', () => {
    const entries = chain();
    expect(verifyRecord(entries, { seq: 2, hash: 'f'.repeat(64) }, factsDigest(facts))).toMatchObject({
      problem: 'head',
    });
    expect(verifyRecord(entries, { seq: 3, hash: entries[1].hash }, factsDigest(facts))).toMatchObject({
      problem: 'head',
    });
  });

  it('a fact rewritten on the subject is found by its digest; the digest is of the canonical JSON', () => {
    const entries = chain();
    expect(
      verifyRecord(entries, headOf(entries), factsDigest({ ...facts, description: '楼道灯亮了' })),
    ).toEqual({ intact: false, problem: 'facts' });
    expect(factsDigest({ b: 1, a: null })).toBe(
      createHash('sha256').update('{"a":null,"b":1}', 'utf8').digest('hex'),
    );
  });

  it('a chain older than the facts digest is checked for chain and head only', () => {
    const e1 = chainEntry(null, {
      at: '2026-03-10T02:00:00.000Z',
      actorId: 'u1',
      type: 'received',
      data: {},
    });
    expect(verifyRecord([e1], { seq: 1, hash: e1.hash }, factsDigest(facts))).toEqual({
      intact: true,
      factsChecked: false,
    });
  });

  it('a changed entry is named as before; an empty record of a kind that is never empty is broken at seq 1', () => {
    const entries = chain();
    entries[0] = { ...entries[0], data: { kind: 'complaint' } };
    expect(verifyRecord(entries, headOf(entries), null)).toEqual({
      intact: false,
      problem: 'entry',
      firstBrokenSeq: 1,
    });
    expect(verifyRecord([], EMPTY_HEAD, null)).toEqual({ intact: true, factsChecked: false });
    expect(verifyRecord([], EMPTY_HEAD, null, { nonEmpty: true })).toEqual({
      intact: false,
      problem: 'entry',
      firstBrokenSeq: 1,
    });
  });
});
