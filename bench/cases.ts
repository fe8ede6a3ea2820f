/**
 * Benchmark of the case desk: on a realistic data set built inside PostgreSQL (bench/case-data.ts,
 * BENCH_SCALE cases over 3 years, default 1,000,000), it measures against the real app (buildApp, listening on
 * 127.0.0.1, API tokens):
 *   - intake `POST /api/cases` req/s and p99 at 50 connections, beside a bare Fastify + pg single-row insert
 *     measured the same way in the same run, the two alternating over BENCH_ROUNDS rounds (goal ≥ 50 % of its req/s,
 *     p99 ≤ 50 ms);
 *   - lists with filters and keyset pagination, p95 (goal ≤ 50 ms); full-text search, p95 (goal ≤ 150 ms);
 *   - one sweep with 1,000 due clocks among all the cases (goal ≤ 200 ms);
 *   - one sweep with 1,000 due deadlines over three subject kinds among the cases and 100,000 other deadlines
 *     (goal ≤ 200 ms);
 *   - REPORT-1: one office's monthly summary for last month, `GET /api/reports/monthly` as the manager — the first
 *     read drafts it, later reads of the draft recompute every figure (goal ≤ 1 s, the slowest of the reads);
 *     the company-wide dashboard `GET /api/dashboard` as the manager, BENCH_DASHBOARD_REQUESTS (50) sequential
 *     requests (goal p95 ≤ 300 ms); recurring-problem detection (detectProblems) over the last 30 days of cases
 *     (goal ≤ 5 s).
 * Sections run in this order: lists, search, summary, dashboard, problems, sweep, intake (its load adds tens of
 * thousands of open cases the others must not see, and leaves background work a timing after it would pay for).
 * Load comes from autocannon in a worker thread (its own event loop); lists and searches are sequential real
 * HTTP requests timed with performance.now(). Intake bodies carry no Idempotency-Key (the header is optional;
 * with it each intake also writes and completes an idempotency row). During the intake load, pg_stat_activity is
 * sampled to show what the app's sessions wait on. When a list or search goal fails, EXPLAIN (ANALYZE, BUFFERS)
 * of the app's own SQL for the slow scenarios is printed; when a summary or dashboard goal fails, that of the
 * slowest query the request sent through the pool.
 *
 *   npx tsx bench/cases.ts                       # embedded PostgreSQL in a temp dir, removed afterwards
 *   BENCH_SCALE=10000 npx tsx bench/cases.ts     # the CI smoke size
 *   DATABASE_URL=postgres://… npx tsx bench/cases.ts   # a scratch database created and dropped on that server
 *   BENCH_DURATION=10 (seconds per load measurement), BENCH_ROUNDS=3 (baseline and intake alternate this many times),
 *   BENCH_CONNECTIONS=50, BENCH_REQUESTS=200 (per p95),
 *   BENCH_EXPLAIN=1 (print the plans of the slowest list and search scenario even when their goals pass)
 *   BENCH_DATA_DIR=/some/dir (keep the embedded cluster there; later runs of the same scale reuse its data set —
 *     the intake and sweep of each run add to it), BENCH_SECTIONS=intake,lists,search,summary,dashboard,problems,sweep
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/platform/clock';
import { loadConfig } from '../src/server/platform/config';
import { connect, type Database } from '../src/server/db/client';
import { startEmbeddedPostgres } from '../src/server/db/embedded';
import { migrateDatabase } from '../src/server/db/migrate';
import { sweep } from '../src/server/deadlines/sweeper';
import { detectProblems } from '../src/server/problems/problems.service';
import { monthOf, previousMonth } from '../src/domain/metrics/period';
import { chineseName, mobile, rng } from '../src/server/seed/people';
import { checkFreeDisk, COMMUNITIES, gb, generateCaseData, PHRASES, type CaseData } from './case-data';

export interface CasesBenchOptions {
  /** cases in the data set (default: BENCH_SCALE or 1,000,000) */
  scale?: number;
  /** seconds of each load measurement (default: BENCH_DURATION or 10) */
  durationSec?: number;
  /** rounds of baseline then intake, alternating (default: BENCH_ROUNDS or 3) */
  rounds?: number;
  /** concurrent connections of the load (default: BENCH_CONNECTIONS or 50) */
  connections?: number;
  /** requests behind each p95 (default: BENCH_REQUESTS or 200) */
  requests?: number;
  /** an existing PostgreSQL server; a scratch database is created on it and dropped (default: DATABASE_URL) */
  databaseUrl?: string;
  log?: (line: string) => void;
}

export interface LoadResult {
  /** mean requests per second over the run */
  rps: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** milliseconds */
  p50: number;
  p99: number;
  max: number;
  /** what the app's database sessions were doing (pg_stat_activity samples), largest share first */
  waits?: { what: string; share: number }[];
  /** WAL written per completed request (everything the server wrote during the run ÷ requests) */
  walBytesPerRequest?: number;
}

export interface LatencyStats {
  n: number;
  /** milliseconds */
  p50: number;
  p95: number;
  max: number;
}

export interface Measurement {
  /** the BENCH_SECTIONS name that measures it */
  section: string;
  name: string;
  result: string;
  goal: string;
  /** null: a reference, no goal */
  pass: boolean | null;
}

export interface CasesBenchResult {
  name: 'cases';
  scale: number;
  cores: number;
  /** 1-minute load average of the machine when the run started and when it ended (others' work shows here) */
  loadAverage: [number, number];
  connections: number;
  durationSec: number;
  data: Pick<CaseData, 'counts' | 'timings' | 'databaseBytes' | 'searchCheck'>;
  baseline: LoadResult;
  intake: LoadResult;
  list: LatencyStats & { scenarios: Record<string, LatencyStats> };
  search: LatencyStats & { scenarios: Record<string, LatencyStats> };
  sweep: { ms: number; dueClocks: number; warned: number; breached: number; escalated: number };
  /** the same sweep over several subject kinds: case clocks and the deadlines table */
  sweepKinds: {
    ms: number;
    due: number;
    otherDeadlines: number;
    warned: number;
    breached: number;
    escalated: number;
  };
  /** REPORT-1: one office's monthly summary (ms of the drafting read, then of each recomputing read) */
  summary: { officeMonth: string; draftMs: number; readsMs: number[]; figures: string };
  dashboard: LatencyStats;
  problems: { ms: number; windowCases: number; created: number; linked: number };
  measurements: Measurement[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the slow scenarios' queries, when a list or search goal failed */
  explain: string[];
  pass: boolean;
}

export const GOALS = {
  intakeShareOfBaseline: 0.5,
  intakeP99Ms: 50,
  listP95Ms: 50,
  searchP95Ms: 150,
  sweepMs: 200,
  dueClocks: 1000,
  summaryMs: 1000,
  dashboardP95Ms: 300,
  problemsMs: 5000,
};

const envInt = (name: string) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined;
};

// ---------------------------------------------------------------------------------------------------------------
// Database

/** A database for the run and how to get rid of it; refuses when the disk is too small for `scale`. */
async function scratchDatabase(
  databaseUrl: string | undefined,
  scale: number,
  log: (l: string) => void,
): Promise<{ database: Database; embedded: boolean; cleanup(): Promise<void> }> {
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      // The server's data directory, when it is on this machine and we may read the setting.
      const dir = (await admin.query('show data_directory').catch(() => null))?.rows[0]?.data_directory as
        string | undefined;
      if (dir && fs.existsSync(dir)) {
        const { free } = checkFreeDisk(dir, scale);
        log(`${gb(free)} free in ${dir}`);
      } else log('free disk of the external server not checked (its data directory is not visible here)');
    } catch (e) {
      await admin.end();
      throw e;
    }
    const name = `huiyin_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    log(`scratch database ${name} on ${url.host}`);
    const database = connect(url.toString(), { max: 20 });
    return {
      database,
      embedded: false,
      async cleanup() {
        await database.close();
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  // BENCH_DATA_DIR: a kept cluster; the data set generated into it is reused by later runs of the same scale.
  const keptDir = process.env.BENCH_DATA_DIR;
  if (keptDir) fs.mkdirSync(keptDir, { recursive: true });
  if (!keptDir || !fs.existsSync(path.join(keptDir, 'pg'))) checkFreeDisk(keptDir ?? os.tmpdir(), scale);
  const dataDir = keptDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-bench-cases-'));
  log(`embedded PostgreSQL in ${dataDir}${keptDir ? ' (kept)' : ''}`);
  let pgHandle: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    pgHandle = await startEmbeddedPostgres({ dataDir, database: 'huiyin_bench' });
  } catch (e) {
    if (!keptDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  // The pool size of `huiyin serve` (src/server/main.ts).
  const database = connect(pgHandle.url, { max: 20 });
  return {
    database,
    embedded: true,
    async cleanup() {
      await database.close();
      await pgHandle.stop();
      if (!keptDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Our own embedded cluster only: fewer checkpoints during the bulk load; back to the defaults afterwards. */
async function walForLoad(database: Database, on: boolean) {
  if (on) {
    await database.pool.query("alter system set max_wal_size = '8GB'");
    await database.pool.query("alter system set checkpoint_timeout = '30min'");
  } else {
    await database.pool.query('alter system reset max_wal_size');
    await database.pool.query('alter system reset checkpoint_timeout');
  }
  await database.pool.query('select pg_reload_conf()');
}

/** The data set of an earlier run in a kept cluster (BENCH_DATA_DIR), when it has the same scale. */
async function keptData(database: Database, scale: number): Promise<CaseData | null> {
  if (!process.env.BENCH_DATA_DIR) return null;
  await database.pool.query(
    'create table if not exists bench_data (scale int primary key, data jsonb not null)',
  );
  const { rows } = await database.pool.query('select data from bench_data where scale = $1', [scale]);
  if (!rows[0]) return null;
  const d = rows[0].data as CaseData & { agentsByOffice: [string, string[]][] };
  return { ...d, t0: new Date(d.t0), agentsByOffice: new Map(d.agentsByOffice) };
}

async function keepData(database: Database, scale: number, data: CaseData) {
  const stored = { ...data, agentsByOffice: [...data.agentsByOffice] };
  await database.pool.query('insert into bench_data (scale, data) values ($1, $2)', [
    scale,
    JSON.stringify(stored),
  ]);
}

/** BENCH_SECTIONS=intake,lists,search,summary,dashboard,problems,sweep runs only those (default: all). */
const sections = new Set((process.env.BENCH_SECTIONS ?? '').split(',').filter(Boolean));
const runs = (section: string) => !sections.size || sections.has(section);

// ---------------------------------------------------------------------------------------------------------------
// Load (autocannon in a worker thread, so the server under test keeps the main event loop to itself)

const WORKER = `
const { parentPort, workerData: d } = require('node:worker_threads');
const autocannon = require(d.autocannonPath);
let i = 0;
autocannon(
  {
    url: d.url,
    connections: d.connections,
    duration: d.duration,
    requests: [
      {
        method: 'POST',
        path: d.path,
        headers: d.headers,
        setupRequest: (req) => { req.body = d.bodies[i++ % d.bodies.length]; return req; },
      },
    ],
  },
  (err, raw) => {
    if (err) return parentPort.postMessage({ error: String(err) });
    // Outside the main thread autocannon leaves its histograms encoded: aggregate them here.
    const r = autocannon.aggregateResult([raw], { url: d.url, connections: d.connections });
    parentPort.postMessage({
      rps: raw.totalCompletedRequests / raw.duration, total: raw.totalCompletedRequests, ok: r['2xx'],
      non2xx: r.non2xx, errors: r.errors + r.timeouts, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max,
    });
  },
);
`;

const autocannonPath = createRequire(import.meta.url).resolve('autocannon');

function load(opts: {
  url: string;
  path: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  duration: number;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { ...opts, autocannonPath } });
    worker.once('message', (m: LoadResult & { error?: string }) => {
      void worker.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

/**
 * Several rounds of one load as one result: requests per second over all of them, the median round's p50 and p99
 * (a round's percentile is what autocannon measured; percentiles do not add up), the worst maximum, the sampled
 * waits and the WAL per request over all of them.
 */
export function combineLoads(rounds: readonly LoadResult[]): LoadResult {
  if (rounds.length === 1) return rounds[0];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const sum = (f: (r: LoadResult) => number) => rounds.reduce((n, r) => n + f(r), 0);
  const total = sum((r) => r.total);
  const waits = new Map<string, number>();
  for (const r of rounds)
    for (const w of r.waits ?? []) waits.set(w.what, (waits.get(w.what) ?? 0) + w.share / rounds.length);
  return {
    rps: sum((r) => r.rps) / rounds.length,
    total,
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    max: Math.max(...rounds.map((r) => r.max)),
    waits: [...waits].map(([what, share]) => ({ what, share })).sort((a, b) => b.share - a.share),
    walBytesPerRequest: total ? Math.round(sum((r) => (r.walBytesPerRequest ?? 0) * r.total) / total) : 0,
  };
}

/**
 * What the app's database sessions are doing during a load, sampled from pg_stat_activity every 50 ms: the share
 * of session-samples per state and wait event ("idle in transaction" = a transaction waiting for the app, holding
 * its locks; "Lock:transactionid" = waiting for another transaction's row lock; "IO:WALSync" = commit flush).
 */
function waitSampler(url: string) {
  const counts = new Map<string, number>();
  let total = 0;
  let stopped = false;
  const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
  client.on('error', () => {});
  const running = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } =
        await client.query(`select state || coalesce(' ' || wait_event_type || ':' || wait_event, '')
          || case when state <> 'idle' and (wait_event_type = 'Lock' or wait_event_type is null)
            then ' in "' || left(regexp_replace(query, '\\s+', ' ', 'g'), 60) || '…"' else '' end as w,
          count(*)::int as n
        from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
          and application_name = 'huiyin'
        group by 1`);
      for (const r of rows) {
        counts.set(r.w, (counts.get(r.w) ?? 0) + r.n);
        total += r.n;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.end();
  })();
  return {
    async stop(): Promise<{ what: string; share: number }[]> {
      stopped = true;
      await running;
      return [...counts]
        .map(([what, n]) => ({ what, share: n / Math.max(1, total) }))
        .sort((a, b) => b.share - a.share)
        .slice(0, 8);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sequential requests and what PostgreSQL did for them

type Captured = { text: string; values: unknown[] | undefined; ms: number };

/** Records the queries the app sends through the pool (not those inside transactions) while `into` is set. */
function queryRecorder(pool: pg.Pool) {
  let sink: Captured[] | null = null;
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const into = sink;
    const result = original(...args);
    if (into && result instanceof Promise) {
      const cfg = args[0] as string | { text: string; values?: unknown[] };
      const text = typeof cfg === 'string' ? cfg : cfg.text;
      const values = (args[1] as unknown[] | undefined) ?? (typeof cfg === 'string' ? undefined : cfg.values);
      const start = performance.now();
      result.then(
        () => into.push({ text, values, ms: performance.now() - start }),
        () => {},
      );
    }
    return result;
  };
  return {
    async during(fn: () => Promise<unknown>): Promise<Captured[]> {
      const captured: Captured[] = [];
      sink = captured;
      try {
        await fn();
      } finally {
        sink = null;
      }
      return captured;
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

function stats(samples: number[]): LatencyStats {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), max: r(s[s.length - 1] ?? 0) };
}

interface Scenario {
  name: string;
  token: string;
  /** query string of the first page (the cursor is appended for the next ones) */
  query: () => string;
  pages: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

async function get(base: string, url: string, token: string) {
  const start = performance.now();
  // Bounded: a stuck app fails the run instead of hanging it.
  const res = await fetch(base + url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await res.json()) as { nextCursor?: string | null; items?: unknown[]; total?: number };
  const ms = performance.now() - start;
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms, body };
}

/** Runs the scenarios round-robin (each following nextCursor up to its pages) until `requests` are timed. */
/** A section not run (BENCH_SECTIONS): zero timings for every scenario. */
function skippedScenarios(scenarios: Scenario[]) {
  const none = stats([]);
  return { ...none, scenarios: Object.fromEntries(scenarios.map((x) => [x.name, none])) };
}

async function runScenarios(base: string, scenarios: Scenario[], requests: number) {
  const all: number[] = [];
  const per: Record<string, number[]> = Object.fromEntries(scenarios.map((s) => [s.name, []]));
  const pass = async (record: boolean) => {
    for (const s of scenarios) {
      let cursor: string | null | undefined;
      const first = s.query();
      for (let page = 0; page < s.pages; page++) {
        const url = `/api/cases?${first}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const { ms, body } = await get(base, url, s.token);
        if (record) {
          all.push(ms);
          per[s.name].push(ms);
        }
        cursor = body.nextCursor;
        if (!cursor) break;
      }
    }
  };
  await pass(false); // warm-up: plans cached, pages in memory, as on a desk that has been open a while
  while (all.length < requests) await pass(true);
  return {
    ...stats(all),
    scenarios: Object.fromEntries(Object.entries(per).map(([k, v]) => [k, stats(v)])),
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the case queries one request of `s` sends. */
async function explainScenario(
  base: string,
  s: Scenario,
  recorder: ReturnType<typeof queryRecorder>,
  url: string,
) {
  const captured = await recorder.during(() => get(base, `/api/cases?${s.query()}`, s.token));
  const out: string[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const c of captured.filter(
      (q) => /from cases c\b/.test(q.text) && !/^\s*select c\.id,\s*rb\.name/.test(q.text),
    )) {
      const { rows } = await client.query(`explain (analyze, buffers) ${c.text}`, c.values);
      const plan = rows.map((r) => r['QUERY PLAN'] as string);
      const sql = c.text.replace(/\s+/g, ' ').slice(0, 240);
      out.push(`  [${s.name}] ${Math.round(c.ms)} ms in the app: ${sql}${c.text.length > 240 ? ' …' : ''}`);
      const keep = plan.filter((l, i) => i < 18 || /Planning Time|Execution Time/.test(l));
      for (const l of keep) out.push(`      ${l}`);
      if (plan.length > keep.length) out.push(`      … ${plan.length - keep.length} more plan lines`);
    }
  } finally {
    await client.end();
  }
  return out;
}

/** The summary's headline figures, to show what the timed reads computed (numerator/denominator). */
function summaryFigures(body: unknown): string {
  type Fig = { numerator: number; denominator: number };
  const f = (body as { figures?: Record<string, unknown> }).figures;
  if (!f) return 'none';
  const r = (x: unknown) => `${(x as Fig).numerator}/${(x as Fig).denominator}`;
  const sat = f.satisfaction as { answered: number; unsatisfied: number };
  return (
    `received ${String(f.received)}, valid complaints ${String(f.validComplaints)}, on time ${r(f.onTimeAll)}, ` +
    `callback ${r(f.callbackRate)}, satisfaction ${r(f.satisfactionRate)} (${sat.answered} answered, ` +
    `${sat.unsatisfied} unsatisfied), reopen ${r(f.reopenRate)}`
  );
}

/** EXPLAIN (ANALYZE, BUFFERS) of the slowest of the queries a request sent through the pool. */
async function explainSlowest(label: string, captured: Captured[], url: string, count = 1) {
  const out: string[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const c of [...captured].sort((a, b) => b.ms - a.ms).slice(0, count)) {
      const { rows } = await client.query(`explain (analyze, buffers) ${c.text}`, c.values);
      const plan = rows.map((r) => r['QUERY PLAN'] as string);
      const sql = c.text.replace(/\s+/g, ' ').slice(0, 240);
      out.push(`  [${label}] ${Math.round(c.ms)} ms in the app: ${sql}${c.text.length > 240 ? ' …' : ''}`);
      const keep = plan.filter((l, i) => i < 30 || /Planning Time|Execution Time/.test(l));
      for (const l of keep) out.push(`      ${l}`);
      if (plan.length > keep.length) out.push(`      … ${plan.length - keep.length} more plan lines`);
    }
  } finally {
    await client.end();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/** Realistic intake bodies: phone repairs of a room, reported by a resident with a mobile, taken by an agent. */
function intakeBodies(data: CaseData, count: number): string[] {
  const next = rng(7_243_001);
  const repairs = PHRASES.filter((p) => p.kind === 'repair');
  const remarks = ['', '请尽快处理', '业主下午在家', '请师傅上门前电话联系'];
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const room = data.rooms[i % data.rooms.length];
    const agents = data.agentsByOffice.get(room.officeId)!;
    const p = repairs[Math.floor(next() * repairs.length)];
    const remark = remarks[Math.floor(next() * remarks.length)];
    bodies.push(
      JSON.stringify({
        channel: 'phone',
        kind: 'repair',
        severity: p.emergency ? 'emergency' : 'general',
        roomId: room.id,
        firstResponderId: agents[Math.floor(next() * agents.length)],
        reporter: { name: chineseName(next), phone: mobile(next) },
        description: remark ? `${p.text}，${remark}。` : p.text,
        repairType: p.repairType,
      }),
    );
  }
  return bodies;
}

export async function runCasesBench(opts: CasesBenchOptions = {}): Promise<CasesBenchResult> {
  const log = opts.log ?? (() => {});
  const scale = opts.scale ?? envInt('BENCH_SCALE') ?? 1_000_000;
  const durationSec = opts.durationSec ?? envInt('BENCH_DURATION') ?? 10;
  const rounds = Math.max(1, opts.rounds ?? envInt('BENCH_ROUNDS') ?? 3);
  const connections = opts.connections ?? envInt('BENCH_CONNECTIONS') ?? 50;
  const requests = opts.requests ?? envInt('BENCH_REQUESTS') ?? 200;
  const loadAtStart = os.loadavg()[0];
  const { database, embedded, cleanup } = await scratchDatabase(
    opts.databaseUrl ?? process.env.DATABASE_URL,
    scale,
    log,
  );
  try {
    await migrateDatabase(database);
    let data = await keptData(database, scale);
    if (data) log(`reusing the kept data set (${scale.toLocaleString('en-US')} cases)`);
    else {
      if (embedded) await walForLoad(database, true);
      log(`generating ${scale.toLocaleString('en-US')} cases`);
      data = await generateCaseData(database, { scale, log });
      if (embedded) await walForLoad(database, false);
      if (process.env.BENCH_DATA_DIR) await keepData(database, scale, data);
    }
    log(
      `data set: ${data.counts.cases} cases, ${data.counts.clocks} clocks, ${data.counts.timeline} timeline entries, ` +
        `${gb(data.databaseBytes)}, in ${(data.timings.totalMs / 1000).toFixed(1)} s`,
    );

    const recorder = queryRecorder(database.pool);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    const app = await buildApp({ db: database.db, clock: systemClock, config }, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    const basePool = new pg.Pool({
      connectionString: database.url,
      max: 20,
      application_name: 'bench-baseline',
    });
    basePool.on('error', () => {});
    const bare = Fastify({ logger: false });
    try {
      await basePool.query(`drop table if exists bench_baseline; create table bench_baseline (id bigserial primary key,
      created_at timestamptz not null default now(), body jsonb not null)`);
      bare.post('/baseline', async (req, reply) => {
        const { rows } = await basePool.query('insert into bench_baseline (body) values ($1) returning id', [
          req.body,
        ]);
        return reply.code(201).send({ id: rows[0].id });
      });
      await bare.listen({ host: '127.0.0.1', port: 0 });
      const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

      const bodies = intakeBodies(data, 20_000);
      const json = { 'content-type': 'application/json' };
      const intakeHeaders = { ...json, authorization: `Bearer ${data.tokens.intake}` };
      // One intake by hand first: a refusal must stop the run with its reason, not show up as non-2xx counts.
      const probe = await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: intakeHeaders,
        body: bodies[0],
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (probe.status !== 201)
        throw new Error(`intake probe: ${probe.status} ${(await probe.text()).slice(0, 500)}`);

      const measure = async (
        label: string,
        url: string,
        p: string,
        headers: Record<string, string>,
        warmUp = true,
      ) => {
        if (warmUp) await load({ url, path: p, headers, bodies, connections, duration: 2 });
        log(`${label}: ${connections} connections × ${durationSec} s`);
        const sampler = waitSampler(database.url);
        const lsn = async () =>
          (await database.pool.query('select pg_current_wal_lsn()::text as lsn')).rows[0].lsn as string;
        const walBefore = await lsn();
        const r = await load({ url, path: p, headers, bodies, connections, duration: durationSec });
        const walAfter = await lsn();
        const waits = await sampler.stop();
        const { rows: walRows } = await database.pool.query(
          'select pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::float8 as bytes',
          [walAfter, walBefore],
        );
        const walBytesPerRequest = r.total ? Math.round(walRows[0].bytes / r.total) : 0;
        log(
          `${label}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, ` +
            `WAL ${walBytesPerRequest} bytes/request`,
        );
        return { ...r, waits, walBytesPerRequest };
      };
      const skippedLoad: LoadResult = {
        rps: 0,
        total: 0,
        ok: 0,
        non2xx: 0,
        errors: 0,
        p50: 0,
        p99: 0,
        max: 0,
      };
      // Lists: what a desk agent of one office and the manager open all day.
      const deskOffice = data.offices.find((o) => o.id === data.deskOfficeId)!;
      let round = 0;
      const community = () => deskOffice.communityIds[round++ % deskOffice.communityIds.length];
      const monthAgo = new Date(data.t0.getTime() - 30 * 86_400_000).toISOString();
      const desk = data.tokens.desk;
      const listScenarios: Scenario[] = [
        {
          name: 'agent: in progress repairs of a community',
          token: desk,
          pages: 3,
          query: () => `state=in_progress&kind=repair&communityId=${community()}`,
        },
        {
          name: 'agent: overdue, nearest due first',
          token: desk,
          pages: 3,
          query: () => 'overdue=true&sort=nextDue',
        },
        {
          name: 'agent: queue (received+routed), by due',
          token: desk,
          pages: 3,
          query: () => 'state=received&state=routed&sort=nextDue',
        },
        { name: 'agent: all my offices, newest first', token: desk, pages: 3, query: () => '' },
        {
          name: 'manager: overdue, nearest due first',
          token: data.tokens.manager,
          pages: 3,
          query: () => 'overdue=true&sort=nextDue',
        },
        {
          name: 'manager: complaints of the last 30 days',
          token: data.tokens.manager,
          pages: 3,
          query: () => `kind=complaint&receivedFrom=${encodeURIComponent(monthAgo)}`,
        },
      ];
      log(`lists: ${requests} sequential requests`);
      const list = runs('lists')
        ? await runScenarios(base, listScenarios, requests)
        : skippedScenarios(listScenarios);
      log(`lists: p95 ${list.p95} ms`);

      let n = 0;
      const number = () => data.sampleNumbers[n++ % data.sampleNumbers.length];
      const searchScenarios: Scenario[] = [
        ...[
          '漏水',
          '电梯困人',
          '噪音扰民',
          '停车位',
          '物业费',
          '楼道灯不亮',
          '高空抛物',
          '地下车库 积水',
        ].map((term) => ({
          name: `agent: q=${term}`,
          token: desk,
          pages: 2,
          query: () => `q=${encodeURIComponent(term)}`,
        })),
        {
          name: 'agent: q=<case number>',
          token: desk,
          pages: 1,
          query: () => `q=${encodeURIComponent(number())}`,
        },
        {
          name: 'manager: q=漏水',
          token: data.tokens.manager,
          pages: 2,
          query: () => `q=${encodeURIComponent('漏水')}`,
        },
      ];
      log(`search: ${requests} sequential requests`);
      const search = runs('search')
        ? await runScenarios(base, searchScenarios, requests)
        : skippedScenarios(searchScenarios);
      log(`search: p95 ${search.p95} ms`);

      // REPORT-1. The monthly summary of the desk office for last month (company time zone, as the service
      // computes it): the first read drafts it, the next reads of the draft recompute every figure.
      const manager = data.tokens.manager;
      const last = previousMonth(monthOf(new Date(), 'Asia/Shanghai'));
      const summaryUrl = `/api/reports/monthly?officeId=${data.deskOfficeId}&year=${last.year}&month=${last.month}`;
      const officeMonth = `${deskOffice.name} ${last.year}-${String(last.month).padStart(2, '0')}`;
      let draftMs = 0;
      let figures = '';
      const summaryCaptured = !runs('summary')
        ? []
        : await recorder.during(async () => {
            const { ms, body } = await get(base, summaryUrl, manager);
            draftMs = ms;
            figures = summaryFigures(body);
          });
      const summaryReads: number[] = [];
      let slowestRead: Captured[] = summaryCaptured;
      let slowestReadMs = draftMs;
      for (let i = 0; i < (runs('summary') ? 5 : 0); i++) {
        let ms = 0;
        const captured = await recorder.during(async () => {
          ms = (await get(base, summaryUrl, manager)).ms;
        });
        summaryReads.push(Math.round(ms));
        if (ms > slowestReadMs) [slowestRead, slowestReadMs] = [captured, ms];
      }
      const summaryMax = Math.round(Math.max(draftMs, ...summaryReads));
      log(
        `monthly summary (${officeMonth}): draft ${Math.round(draftMs)} ms, reads ${summaryReads.join(', ')} ms`,
      );
      log(`monthly summary figures: ${figures}`);

      // The company-wide dashboard, as the manager.
      const dashboardRequests = runs('dashboard') ? (envInt('BENCH_DASHBOARD_REQUESTS') ?? 50) : 0;
      if (dashboardRequests) await get(base, '/api/dashboard', manager); // warm-up
      const dashboardSamples: number[] = [];
      let slowestDashboard: Captured[] = [];
      let slowestDashboardMs = 0;
      for (let i = 0; i < dashboardRequests; i++) {
        let ms = 0;
        const captured = await recorder.during(async () => {
          ms = (await get(base, '/api/dashboard', manager)).ms;
        });
        dashboardSamples.push(ms);
        if (ms > slowestDashboardMs) [slowestDashboard, slowestDashboardMs] = [captured, ms];
      }
      const dashboard = stats(dashboardSamples);
      log(`dashboard: p95 ${dashboard.p95} ms`);

      // Recurring-problem detection over the last 30 days (the default window of the policy).
      const problemsSince = new Date(Date.now() - 30 * 86_400_000);
      const { rows: windowRows } = await database.pool.query(
        `select count(*)::int as n from cases where company_id = $1 and received_at >= $2
           and kind in ('complaint', 'repair')`,
        [data.companyId, problemsSince],
      );
      const problemsStart = performance.now();
      const detected = runs('problems')
        ? await detectProblems(database.db, systemClock, { companyId: data.companyId, since: problemsSince })
        : { created: 0, linked: 0 };
      const problemsMs = Math.round(performance.now() - problemsStart);
      log(`problems: ${problemsMs} ms (${detected.created} created, ${detected.linked} linked)`);

      // Sweep: exactly 1,000 clocks due now among all the cases — part at their 80 % warning, part past due.
      const now = new Date();
      const countDue = async () =>
        (
          await database.pool.query(
            'select count(*)::int as n from case_clocks where next_check_at is not null and next_check_at <= $1',
            [now],
          )
        ).rows[0].n as number;
      // Running clocks are made due first; a small data set has too few, so met ones are made running again.
      const makeDue = (where: string, count: number) =>
        database.pool.query(
          `with pick as (
             select id, rn % 10 < 3 as breach, (rn * 7919) % 1800 as ago
             from (select id, row_number() over () as rn
               from (select id from case_clocks where ${where} order by random() limit $2) r) n
           ), moved as (
             update case_clocks k set met_at = null, breached_at = null, paused_at = null, stopped_at = null,
               -- a clock at its warning: 5 h run of 6, past its 80 % point (4 h 48 min) and not yet due
               started_at = case when p.breach then k.started_at else $1::timestamptz - interval '5 hours' end,
               due_at = case when p.breach then $1::timestamptz - (p.ago + 1) * interval '1 second'
                 else $1::timestamptz + interval '1 hour' end,
               warned_at = case when p.breach then $1::timestamptz - (p.ago + 600) * interval '1 second' end,
               next_check_at = $1::timestamptz - (p.ago + 1) * interval '1 second'
             from pick p where k.id = p.id
             returning k.case_id, k.due_at
           )
           update cases c set next_due_at = least(c.next_due_at, m.due_at) from moved m where c.id = m.case_id`,
          [now, count],
        );
      // the deadlines a previous run left (below) must not fall due in this one's first sweep
      if (runs('sweep')) await database.pool.query(`delete from deadlines where key like 'bench:%'`);
      let dueNow = runs('sweep') ? await countDue() : GOALS.dueClocks;
      if (dueNow < GOALS.dueClocks) await makeDue('next_check_at > $1', GOALS.dueClocks - dueNow);
      dueNow = await countDue();
      if (dueNow < GOALS.dueClocks) await makeDue('next_check_at is null', GOALS.dueClocks - dueNow);
      const due = [{ n: runs('sweep') ? await countDue() : 0 }];
      log(`sweep: ${due[0].n} clocks due`);
      const sweepStart = performance.now();
      const swept = runs('sweep')
        ? await sweep(database.db, systemClock)
        : { warned: 0, breached: 0, escalated: 0 };
      const sweepMs = Math.round(performance.now() - sweepStart);
      log(
        `sweep: ${sweepMs} ms (${swept.warned} warned, ${swept.breached} breached, ${swept.escalated} escalated)`,
      );

      // The same sweep over several subject kinds: 400 case clocks, 300 summary publications (half at their
      // warning, half past due) and 300 quarterly steps at a reminder, due among 100,000 other deadlines.
      const kindsNow = new Date();
      const spread = { case_clock: 400, monthly_summary: 300, quarterly_report: 300 };
      if (runs('sweep')) {
        await database.pool.query(`delete from deadlines where key like 'bench:%'`);
        await database.pool.query(
          `insert into deadlines (company_id, office_id, kind, key, subject_id, name, label, started_at, due_at,
             next_check_at, met_at)
           select $1, o.ids[1 + g % array_length(o.ids, 1)],
             case when g % 2 = 0 then 'monthly_summary' else 'quarterly_report' end, 'bench:' || g,
             gen_random_uuid(), case when g % 2 = 0 then 'publication' else 'service' end, 'bench',
             $2::timestamptz - interval '10 days', $2::timestamptz + (g % 5000 + 60) * interval '1 minute',
             case when g % 3 = 0 then null else $2::timestamptz + (g % 5000 + 30) * interval '1 minute' end,
             case when g % 3 = 0 then $2::timestamptz - interval '1 day' end
           from generate_series(1, $3::int) g,
             (select array_agg(id order by id) as ids from offices where company_id = $1) o`,
          [data.companyId, kindsNow, 100_000 + spread.monthly_summary + spread.quarterly_report],
        );
        await database.pool.query(
          `with pick as (
             select id, kind, row_number() over (partition by kind order by id) as rn from deadlines
             where key like 'bench:%' and met_at is null
           )
           update deadlines d set
             started_at = case when p.kind = 'monthly_summary' and p.rn % 2 = 0
               then $1::timestamptz - interval '10 hours' else d.started_at end,
             due_at = case when p.kind = 'monthly_summary' and p.rn % 2 = 1
               then $1::timestamptz - p.rn * interval '1 second' else $1::timestamptz + interval '1 hour' end,
             remind_at = case when p.kind = 'quarterly_report'
               then array[$1::timestamptz - p.rn * interval '1 second'] else '{}' end,
             next_check_at = $1::timestamptz - p.rn * interval '1 second'
           from pick p where d.id = p.id
             and p.rn <= case p.kind when 'monthly_summary' then $2::int else $3::int end`,
          [kindsNow, spread.monthly_summary, spread.quarterly_report],
        );
        await makeDue('next_check_at > $1', spread.case_clock);
      }
      const dueByKind = runs('sweep')
        ? (
            await database.pool.query(
              `select (select count(*) from case_clocks where next_check_at <= $1)::int as case_clock,
                 (select count(*) from deadlines where next_check_at <= $1)::int as others,
                 (select count(*) from deadlines)::int as stored`,
              [new Date()],
            )
          ).rows[0]
        : { case_clock: 0, others: 0, stored: 0 };
      const kindsStart = performance.now();
      const sweptKinds = runs('sweep')
        ? await sweep(database.db, systemClock)
        : { warned: 0, breached: 0, escalated: 0 };
      const sweepKindsMs = Math.round(performance.now() - kindsStart);
      const dueKinds = dueByKind.case_clock + dueByKind.others;
      log(
        `sweep over kinds: ${sweepKindsMs} ms, ${dueByKind.case_clock} case clocks + ${dueByKind.others} other ` +
          `deadlines due among ${dueByKind.stored} (${sweptKinds.warned} warned, ${sweptKinds.breached} breached, ` +
          `${sweptKinds.escalated} escalated)`,
      );

      // Intake last: its load adds some 30,000 open cases, which the lists, searches, summaries and problem
      // detection above must not see — they measure the generated data set as it was built — and leaves work behind
      // (autovacuum, dirty pages) that fell on the sweep's one timing when the sweep came after it (217 ms against
      // 152–157 ms on a quiet database, 1 M cases).
      // Baseline and intake alternate over BENCH_ROUNDS rounds: what else the machine runs (its load average is
      // printed) drifts over a minute, and one baseline run followed by one intake run read the same code at 21 %
      // and 41 % of the baseline on this machine. Interleaved, the drift falls on both sides alike.
      const baselineRounds: LoadResult[] = [];
      const intakeRounds: LoadResult[] = [];
      for (let i = 0; runs('intake') && i < rounds; i++) {
        baselineRounds.push(
          await measure(`baseline ${i + 1}/${rounds}`, bareUrl, '/baseline', json, i === 0),
        );
        intakeRounds.push(
          await measure(`intake ${i + 1}/${rounds}`, base, '/api/cases', intakeHeaders, i === 0),
        );
      }
      const baseline = runs('intake') ? combineLoads(baselineRounds) : skippedLoad;
      const intake = runs('intake') ? combineLoads(intakeRounds) : skippedLoad;
      const roundShares = intakeRounds.map((r, i) => r.rps / baselineRounds[i].rps);

      const share = intake.rps / baseline.rps;
      const f = (x: number) => Math.round(x).toLocaleString('en-US');
      const allMeasurements: Measurement[] = [
        {
          section: 'intake',
          name: 'baseline: bare Fastify + pg, 1 INSERT/request',
          result: `${f(baseline.rps)} req/s, p99 ${baseline.p99} ms`,
          goal: 'reference',
          pass: null,
        },
        {
          section: 'intake',
          name: 'intake POST /api/cases: throughput',
          result: `${f(intake.rps)} req/s (${Math.round(share * 100)} % of baseline)${intake.non2xx || intake.errors ? `, ${intake.non2xx} non-2xx, ${intake.errors} errors` : ''}`,
          goal: `≥ ${GOALS.intakeShareOfBaseline * 100} % of baseline`,
          pass: share >= GOALS.intakeShareOfBaseline && !intake.non2xx && !intake.errors,
        },
        {
          section: 'intake',
          name: `intake share of baseline in each of ${rounds} rounds`,
          result: roundShares.map((x) => `${Math.round(x * 100)} %`).join(', '),
          goal: 'reference',
          pass: null,
        },
        {
          section: 'intake',
          name: 'intake POST /api/cases: p99',
          result: `${intake.p99} ms`,
          goal: `≤ ${GOALS.intakeP99Ms} ms`,
          pass: intake.p99 <= GOALS.intakeP99Ms,
        },
        {
          section: 'lists',
          name: `list, filters + keyset pages: p95 (${list.n} req)`,
          result: `${list.p95} ms`,
          goal: `≤ ${GOALS.listP95Ms} ms`,
          pass: list.p95 <= GOALS.listP95Ms,
        },
        {
          section: 'search',
          name: `full-text search: p95 (${search.n} req)`,
          result: `${search.p95} ms`,
          goal: `≤ ${GOALS.searchP95Ms} ms`,
          pass: search.p95 <= GOALS.searchP95Ms,
        },
        {
          section: 'sweep',
          name: `one sweep, ${due[0].n} due clocks`,
          result: `${f(sweepMs)} ms`,
          goal: `≤ ${GOALS.sweepMs} ms`,
          pass: sweepMs <= GOALS.sweepMs && due[0].n === GOALS.dueClocks,
        },
        {
          section: 'sweep',
          name: `one sweep, ${dueKinds} due over 3 kinds (${dueByKind.case_clock} case clocks, ${dueByKind.others} summary and quarterly) among ${f(dueByKind.stored)} deadlines`,
          result: `${f(sweepKindsMs)} ms`,
          goal: `≤ ${GOALS.sweepMs} ms`,
          pass: sweepKindsMs <= GOALS.sweepMs && dueKinds === GOALS.dueClocks,
        },
        {
          section: 'summary',
          name: `monthly summary, one office and last month (draft + ${summaryReads.length} reads)`,
          result: `${f(summaryMax)} ms max (draft ${f(draftMs)} ms, reads ${summaryReads.map(f).join(' / ')})`,
          goal: `≤ ${f(GOALS.summaryMs)} ms`,
          pass: summaryMax <= GOALS.summaryMs,
        },
        {
          section: 'dashboard',
          name: `company-wide dashboard: p95 (${dashboard.n} req)`,
          result: `${dashboard.p95} ms (p50 ${dashboard.p50}, max ${dashboard.max})`,
          goal: `≤ ${GOALS.dashboardP95Ms} ms`,
          pass: dashboard.p95 <= GOALS.dashboardP95Ms,
        },
        {
          section: 'problems',
          name: `recurring-problem detection, last 30 days (${f(windowRows[0].n)} complaints+repairs)`,
          result: `${f(problemsMs)} ms (${detected.created} problems, ${detected.linked} links)`,
          goal: `≤ ${f(GOALS.problemsMs)} ms`,
          pass: problemsMs <= GOALS.problemsMs,
        },
      ];

      const measurements = allMeasurements.filter((m) => runs(m.section));
      const explain: string[] = [];
      // Scenarios over their goal; with BENCH_EXPLAIN=1 also the slowest one of each group whatever its time.
      const always = process.env.BENCH_EXPLAIN === '1';
      const slow = async (
        scenarios: Scenario[],
        per: Record<string, LatencyStats>,
        goal: number,
        failed: boolean,
      ) => {
        const slowest = scenarios.reduce((a, b) => (per[b.name].p95 > per[a.name].p95 ? b : a));
        for (const s of scenarios)
          if ((failed && per[s.name].p95 > goal) || (always && s === slowest))
            explain.push(...(await explainScenario(base, s, recorder, database.url)));
      };
      if (runs('lists'))
        await slow(listScenarios, list.scenarios, GOALS.listP95Ms, list.p95 > GOALS.listP95Ms);
      if (runs('search'))
        await slow(searchScenarios, search.scenarios, GOALS.searchP95Ms, search.p95 > GOALS.searchP95Ms);
      if (runs('summary') && (summaryMax > GOALS.summaryMs || always))
        explain.push(...(await explainSlowest('monthly summary', slowestRead, database.url, 2)));
      if (runs('dashboard') && (dashboard.p95 > GOALS.dashboardP95Ms || always))
        explain.push(...(await explainSlowest('dashboard', slowestDashboard, database.url, 2)));

      return {
        name: 'cases',
        scale,
        cores: os.cpus().length,
        loadAverage: [loadAtStart, os.loadavg()[0]],
        connections,
        durationSec,
        data: {
          counts: data.counts,
          timings: data.timings,
          databaseBytes: data.databaseBytes,
          searchCheck: data.searchCheck,
        },
        baseline,
        intake,
        list,
        search,
        sweep: { ms: sweepMs, dueClocks: due[0].n, ...swept },
        sweepKinds: { ms: sweepKindsMs, due: dueKinds, otherDeadlines: dueByKind.stored, ...sweptKinds },
        summary: { officeMonth, draftMs: Math.round(draftMs), readsMs: summaryReads, figures },
        dashboard,
        problems: { ms: problemsMs, windowCases: windowRows[0].n, ...detected },
        measurements,
        explain,
        pass: measurements.every((m) => m.pass !== false),
      };
    } finally {
      await app.close();
      await bare.close();
      await basePool.end();
    }
  } finally {
    await cleanup();
  }
}

export function formatCasesBench(r: CasesBenchResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const t = r.data.timings;
  const c = r.data.counts;
  const n = (x: number) => x.toLocaleString('en-US');
  const out = [
    `case-desk benchmark: ${n(r.scale)} cases over 3 years in ${COMMUNITIES} communities (${n(c.clocks)} clocks, ` +
      `${n(c.timeline)} timeline entries, ${n(c.openCases)} open), ${r.cores} cores ` +
      `(load average ${r.loadAverage.map((x) => x.toFixed(1)).join(' → ')}), ${r.connections} connections × ${r.durationSec} s`,
    `  data set generated in ${s(t.totalMs)} (organisation ${s(t.orgMs)}, load ${s(t.loadMs)}, indexes ${s(t.indexMs)}, ` +
      `vacuum ${s(t.vacuumMs)}); database ${gb(r.data.databaseBytes)}; search vectors equal to the app's: ` +
      `${r.data.searchCheck.identical}/${r.data.searchCheck.sampled}`,
  ];
  const rows: [string, string, string, string][] = [
    ['measurement', 'result', 'goal', ''],
    ...r.measurements.map((m): [string, string, string, string] => [
      m.name,
      m.result,
      m.goal,
      m.pass === null ? '' : m.pass ? 'PASS' : 'FAIL',
    ]),
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((l) => l[i].length)));
  for (const l of rows)
    out.push(`  ${l[0].padEnd(w[0])}  ${l[1].padEnd(w[1])}  ${l[2].padEnd(w[2])}  ${l[3]}`.trimEnd());
  out.push(
    `  intake latency p50 ${r.intake.p50} ms, max ${r.intake.max} ms; baseline p50 ${r.baseline.p50} ms; ` +
      `sweep: ${r.sweep.warned} warned, ${r.sweep.breached} breached, ${r.sweep.escalated} escalated`,
  );
  const waits = (w: LoadResult['waits']) =>
    (w ?? []).map((x) => `${x.what} ${Math.round(x.share * 100)} %`).join(', ') || 'none sampled';
  out.push(`  monthly summary of ${r.summary.officeMonth}: ${r.summary.figures}`);
  out.push(`  intake: database sessions of the app (share of samples): ${waits(r.intake.waits)}`);
  out.push(
    `  WAL per request: intake ${(r.intake.walBytesPerRequest ?? 0).toLocaleString('en-US')} bytes, ` +
      `baseline ${(r.baseline.walBytesPerRequest ?? 0).toLocaleString('en-US')} bytes`,
  );
  for (const [label, group] of [
    ['list', r.list],
    ['search', r.search],
  ] as const) {
    out.push(`  ${label} scenarios (p50 / p95 / max ms, requests):`);
    const width = Math.max(...Object.keys(group.scenarios).map((k) => k.length));
    for (const [name, st] of Object.entries(group.scenarios))
      out.push(`    ${name.padEnd(width)}  ${st.p50} / ${st.p95} / ${st.max}  (${st.n})`);
  }
  if (r.explain.length) {
    out.push(
      "  EXPLAIN (ANALYZE, BUFFERS) of the app's queries for the scenarios over their goal (or the slowest):",
    );
    out.push(...r.explain);
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  runCasesBench({ log: (l) => console.error(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${l}`) })
    .then((r) => {
      console.log(formatCasesBench(r));
      process.exitCode = r.pass ? 0 : 1;
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
