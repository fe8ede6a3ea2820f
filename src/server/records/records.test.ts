/**
 * The archive notices everything (docs/adr/0017): a case's timeline is checked for its chain, its stored head and
 * the digest of the facts first given, by `huiyin verify` (exit 1, naming the record) and by the case's
 * `timelineIntact`. Tampering is done as a superuser with the append-only trigger switched off for the session.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { run } from '../../cli/main';
import { chainEntry } from '../../domain/record/hash-chain';
import { verifyAllRecords } from './verify-records';

let t: TestApp;
let s: SeededCompany;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
});
afterAll(() => t.close());

async function intake(description = '5号楼电梯异响，早上上班时段尤其明显') {
  const res = await s.as('agent')({
    method: 'POST',
    url: '/api/cases',
    payload: {
      channel: 'phone',
      kind: 'repair',
      reporter: { name: '王女士', phone: '13912345678' },
      address: '翠湖花园5号楼',
      description,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function comment(id: string, version: number) {
  const res = await s.as('agent')({
    method: 'POST',
    url: `/api/cases/${id}/actions/comment`,
    payload: { version, text: '已联系电梯维保单位' },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Runs SQL as the superuser with the append-only trigger off, as someone with database access could. */
async function tamper(statement: string, params: unknown[]) {
  const client = await t.database.pool.connect();
  try {
    await client.query(`set session_replication_role = replica`);
    await client.query(statement, params);
  } finally {
    await client.query(`set session_replication_role = origin`);
    client.release();
  }
}

const detail = async (id: string) =>
  (await s.as('director')({ method: 'GET', url: `/api/cases/${id}` })).json() as {
    timelineIntact: boolean;
    timeline: { type: string; data: Record<string, unknown> }[];
  };

const brokenOf = async (id: string) => {
  const [report] = await verifyAllRecords(t.database.db, { companyId: s.company.id });
  return report.broken.filter((b) => b.subjectId === id);
};

describe('a case timeline: chain, head and facts digest', () => {
  it('a new case chains the digest of its facts in the received entry, and is verified with it', async () => {
    const c = await intake();
    const d = await detail(c.id);
    expect(d.timelineIntact).toBe(true);
    expect(d.timeline[0].type).toBe('received');
    expect(d.timeline[0].data.factsHash).toMatch(/^[0-9a-f]{64}$/);
    // the facts themselves never enter entry data
    expect(JSON.stringify(d.timeline)).not.toContain('13912345678');
    expect(JSON.stringify(d.timeline)).not.toContain('电梯异响');
    const [report] = await verifyAllRecords(t.database.db, { companyId: s.company.id });
    expect(report.kind).toBe('case_timeline');
    expect(report.broken).toEqual([]);
    expect(report.factsUnchecked).toBe(0);
  });

  it('deleting the last entry is found: the stored head is not the chain end', async () => {
    const c = await intake();
    await comment(c.id, c.version);
    await tamper(`delete from case_timeline where case_id = $1 and seq = 2`, [c.id]);
    expect((await detail(c.id)).timelineIntact).toBe(false);
    expect(await brokenOf(c.id)).toEqual([
      expect.objectContaining({
        label: c.number,
        problem: 'head',
        stored: expect.objectContaining({ seq: 2 }),
      }),
    ]);
  });

  it('deleting every entry is found, whatever the head says', async () => {
    const c = await intake();
    await tamper(`delete from case_timeline where case_id = $1`, [c.id]);
    await tamper(`update cases set timeline_seq = 0, timeline_head = '${'0'.repeat(64)}' where id = $1`, [
      c.id,
    ]);
    expect((await detail(c.id)).timelineIntact).toBe(false);
    expect(await brokenOf(c.id)).toEqual([expect.objectContaining({ problem: 'entry', firstBrokenSeq: 1 })]);
  });

  it.each([
    ['the description', `update cases set description = '电梯已修好' where id = $1`],
    ['the reporter name', `update cases set reporter_name = '李先生' where id = $1`],
    ['the reporter phone', `update cases set reporter_phone = '13700000000' where id = $1`],
    ['the anonymity', `update cases set reporter_anonymous = true where id = $1`],
    ['the address', `update cases set address = '别处' where id = $1`],
    ['the time received', `update cases set received_at = received_at - interval '1 hour' where id = $1`],
    ['the kind', `update cases set kind = 'inquiry' where id = $1`],
  ])('rewriting %s by SQL is found by the facts digest', async (_what, statement) => {
    const c = await intake();
    await tamper(statement, [c.id]);
    expect((await detail(c.id)).timelineIntact).toBe(false);
    expect(await brokenOf(c.id)).toEqual([expect.objectContaining({ problem: 'facts' })]);
  });

  it.each([
    ['seq', `update cases set timeline_seq = timeline_seq + 1 where id = $1`],
    ['hash', `update cases set timeline_head = md5(timeline_head) || md5(timeline_head) where id = $1`],
  ])('rewriting the head %s is found', async (_what, statement) => {
    const c = await intake();
    await tamper(statement, [c.id]);
    expect((await detail(c.id)).timelineIntact).toBe(false);
    expect(await brokenOf(c.id)).toEqual([expect.objectContaining({ problem: 'head' })]);
  });

  it('a chain older than the facts digest is checked for chain and head only, and counted', async () => {
    const c = await intake();
    // Replace its record by one written as before the digest existed: a received entry without factsHash.
    const [row] = (
      await t.database.db.execute<{ received_at: string; created_at: string; recorded_by_id: string }>(
        sql`select received_at, created_at, recorded_by_id from cases where id = ${c.id}`,
      )
    ).rows;
    const legacy = chainEntry(null, {
      at: new Date(row.created_at),
      actorId: row.recorded_by_id,
      type: 'received',
      data: { channel: 'phone', kind: 'repair' },
    });
    await tamper(`delete from case_timeline where case_id = $1`, [c.id]);
    await tamper(
      `insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
       values ($1, 1, $2, $3, $4, 'received', $5, $6, $7)`,
      [
        c.id,
        s.company.id,
        legacy.at,
        legacy.actorId,
        JSON.stringify(legacy.data),
        legacy.prevHash,
        legacy.hash,
      ],
    );
    await tamper(
      `update cases set timeline_seq = 1, timeline_head = $2, description = '改过' where id = $1`,
      [c.id, legacy.hash],
    );
    expect((await detail(c.id)).timelineIntact).toBe(true);
    const [report] = await verifyAllRecords(t.database.db, { companyId: s.company.id });
    expect(report.broken.filter((b) => b.subjectId === c.id)).toEqual([]);
    expect(report.factsUnchecked).toBe(1);
  });

  it('huiyin verify names each broken record and exits 1', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '));
    });
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.database.url;
    try {
      const code = await run(['verify']);
      expect(code).toBe(1);
    } finally {
      process.env.DATABASE_URL = saved;
      log.mockRestore();
    }
    const out = lines.join('\n');
    expect(out).toMatch(
      /BROKEN case_timeline \S+ \(.+\): the stored head \(seq 2\) is not the chain's end \(seq 1\)/,
    );
    expect(out).toMatch(/BROKEN case_timeline \S+ \(.+\): the facts on its row are not those first recorded/);
    expect(out).toMatch(/BROKEN case_timeline \S+ \(.+\): entry seq 1 was changed, removed or reordered/);
    expect(out).toMatch(/case_timeline: checked \d+; 11 broken; 1 older than the facts digest/);
  });
});
