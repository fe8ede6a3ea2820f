import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, chainEntry, entryHash, verifyChain } from './timeline-hash';

describe('api.md timeline hash: canonical JSON (keys sorted, no spaces, UTF-8)', () => {
  it('api.md canonical JSON: keys sorted recursively, no whitespace', () => {
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

describe('api.md timeline hash chain', () => {
  const first = {
    seq: 1,
    at: '2026-03-10T02:00:00.000Z',
    actorId: 'u1',
    type: 'received',
    data: { kind: 'repair' },
  };

  it('api.md hash = lowercase hex SHA-256 of the canonical JSON of { seq, at, actorId, type, data, prevHash }; first prevHash is 64 zeros', () => {
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

  it('§6 verifyChain: an untouched chain is intact; an empty one too', () => {
    expect(verifyChain(build())).toEqual({ intact: true });
    expect(verifyChain([])).toEqual({ intact: true });
  });

  it('§6 verifyChain: changing one entry names it as the first broken seq', () => {
    const chain = build();
    chain[2] = { ...chain[2], data: { clock: 'resolve' } };
    expect(verifyChain(chain)).toEqual({ intact: false, firstBrokenSeq: 3 });
  });

  it('§6 verifyChain: a re-hashed forged entry breaks the next one', () => {
    const chain = build();
    const forged = { ...chain[1], actorId: 'u9' };
    chain[1] = { ...forged, hash: entryHash(forged) };
    expect(verifyChain(chain)).toEqual({ intact: false, firstBrokenSeq: 3 });
  });

  it('§6 verifyChain: a removed entry or a gap in seq breaks the chain where it was', () => {
    const chain = build();
    expect(verifyChain([chain[0], chain[2], chain[3]])).toEqual({ intact: false, firstBrokenSeq: 3 });
    expect(verifyChain(chain.slice(1))).toEqual({ intact: false, firstBrokenSeq: 2 });
  });

  it('§6 verifyChain: a wrong stored prevHash breaks it; entries without prevHash are checked through the hash', () => {
    const chain = build();
    expect(verifyChain(chain.map(({ prevHash: _p, ...rest }) => rest))).toEqual({ intact: true });
    chain[3] = { ...chain[3], prevHash: GENESIS_HASH };
    expect(verifyChain(chain)).toEqual({ intact: false, firstBrokenSeq: 4 });
  });
});
