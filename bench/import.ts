/**
 * Benchmark of the property import (REGISTER-3): companies onboard 5,000–50,000 rooms from a spreadsheet.
 * Generates an .xlsx of BENCH_ROOMS rooms (default 20,000) with ~1.5 residents each, then times the dry run
 * and the commit through the real app (buildApp + inject, multipart upload), against the target: a commit
 * under 30 s on 2 cores.
 *
 *   npx tsx bench/import.ts             # embedded PostgreSQL in a temp dir, removed afterwards
 *   DATABASE_URL=postgres://… npx tsx bench/import.ts   # a scratch database created and dropped on that server
 *   BENCH_ROOMS=50000 npx tsx bench/import.ts
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/platform/clock';
import { loadConfig } from '../src/server/platform/config';
import { connect, type Database } from '../src/server/db/client';
import { startEmbeddedPostgres } from '../src/server/db/embedded';
import { migrateDatabase } from '../src/server/db/migrate';
import { factories, TEST_PASSWORD } from '../src/server/seed/factories';
import { chineseName, mobile, rng } from '../src/server/seed/people';
import { IMPORT_COLUMNS } from '../src/domain/property/import';
import { writeXlsx, type SheetCell } from '../src/server/property/spreadsheet';

export interface ImportBenchOptions {
  /** rooms in the generated file (default: BENCH_ROOMS or 20,000) */
  rooms?: number;
  /** an existing PostgreSQL server; a scratch database is created on it and dropped (default: DATABASE_URL) */
  databaseUrl?: string;
  log?: (line: string) => void;
}

export interface ImportBenchResult {
  name: 'import';
  rooms: number;
  /** data rows of the file: one per resident, one per room without residents */
  rows: number;
  residents: number;
  fileBytes: number;
  /** milliseconds */
  generateMs: number;
  dryRunMs: number;
  commitMs: number;
  /** a second dry run of the same file, now that every room exists (every row an update) */
  reimportDryRunMs: number;
  exportMs: number;
  /** the commit target, milliseconds */
  targetMs: number;
  pass: boolean;
}

const TARGET_MS = 30_000;
const COMMUNITIES = ['阳光花园', '翠湖苑', '锦绣华庭', '碧桂园·凤凰城', '金地名郡', '万科城市花园'];

/** Rooms laid out as real estates are: buildings of 2 units × 18 floors × 4 doors (1801 … 1804). */
function generateRows(rooms: number, seed = 20_261_124) {
  const next = rng(seed);
  const rows: SheetCell[][] = [];
  let residents = 0;
  const perCommunity = Math.ceil(rooms / COMMUNITIES.length);
  // Some owners hold two rooms: the same name and phone a few rows later must become one resident.
  const owners: { name: string; phone: string }[] = [];
  for (let i = 0; i < rooms; i++) {
    const c = Math.floor(i / perCommunity);
    const k = i % perCommunity;
    const building = Math.floor(k / 144) + 1;
    const unit = Math.floor((k % 144) / 72) + 1;
    const floor = Math.floor((k % 72) / 4) + 1;
    const door = (k % 4) + 1;
    const room = [
      COMMUNITIES[c],
      `${building}号楼`,
      `${unit}单元`,
      `${floor}${String(door).padStart(2, '0')}`,
      Math.round((60 + next() * 90) * 100) / 100,
    ];
    const r = next();
    const count = r < 0.1 ? 0 : r < 0.5 ? 1 : r < 0.85 ? 2 : 3;
    if (count === 0) {
      rows.push([...room, '空置', '', '', '']);
      continue;
    }
    const names = new Set<string>();
    for (let j = 0; j < count; j++) {
      let name: string;
      let phone: string;
      if (j === 0 && owners.length && next() < 0.05) {
        ({ name, phone } = owners[Math.floor(next() * owners.length)]);
      } else {
        name = chineseName(next);
        phone = mobile(next);
        if (next() < 0.15) phone += `/0755-8${String(Math.floor(next() * 1e7)).padStart(7, '0')}`;
      }
      if (names.has(name)) continue;
      names.add(name);
      if (j === 0 && owners.length < 500) owners.push({ name, phone: phone.split('/')[0] });
      const relation = j === 0 ? (next() < 0.8 ? '业主' : '租户') : '家属';
      rows.push([...room, '已入住', name, phone, relation]);
      residents++;
    }
  }
  return { rows, residents };
}

function multipart(file: Buffer, filename: string) {
  const boundary = `----huiyinbench${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
    'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n';
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A database for the run and how to get rid of it. */
async function scratchDatabase(
  databaseUrl: string | undefined,
  log: (l: string) => void,
): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (databaseUrl) {
    const name = `huiyin_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    log(`scratch database ${name} on ${url.host}`);
    const database = connect(url.toString());
    return {
      database,
      async cleanup() {
        await database.close();
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-bench-'));
  log(`embedded PostgreSQL in ${dataDir}`);
  const pgHandle = await startEmbeddedPostgres({ dataDir, database: 'huiyin_bench' });
  const database = connect(pgHandle.url);
  return {
    database,
    async cleanup() {
      await database.close();
      await pgHandle.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - start)];
}

export async function runImportBench(opts: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const log = opts.log ?? (() => {});
  const rooms = opts.rooms ?? (Number(process.env.BENCH_ROOMS) || 20_000);
  const { database, cleanup } = await scratchDatabase(opts.databaseUrl ?? process.env.DATABASE_URL, log);
  try {
    await migrateDatabase(database);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HUIYIN_UPLOAD_MAX_MB: '100' });
    const app = await buildApp({ db: database.db, clock: systemClock, config }, { logger: false });
    await app.ready();
    try {
      const make = factories(database.db);
      const company = await make.company({ name: '基准测试物业服务有限公司', shortName: '基准' });
      const office = await make.office({ companyId: company.id, name: '第一管理处' });
      for (const name of COMMUNITIES)
        await make.community({ companyId: company.id, officeId: office.id, name });
      const admin = await make.user({ companyId: company.id, roles: ['admin'] });
      // Cookie writes must name the app's own origin (src/server/http/same-origin.ts): inject's Host is localhost:80.
      const origin = 'http://localhost:80';
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin },
        payload: { username: admin.username, password: TEST_PASSWORD },
      });
      const cookie = `huiyin_sid=${login.cookies.find((c) => c.name === 'huiyin_sid')!.value}`;

      const [file, generateMs] = await timed(async () => {
        const { rows, residents } = generateRows(rooms);
        const body = await writeXlsx({ name: '房屋住户', header: IMPORT_COLUMNS, rows });
        return { body, rows: rows.length, residents };
      });
      log(
        `generated ${file.rows} rows (${rooms} rooms, ${file.residents} residents), ${file.body.length} bytes`,
      );

      const post = async (mode: 'dry-run' | 'commit') => {
        const m = multipart(file.body, 'rooms.xlsx');
        const res = await app.inject({
          method: 'POST',
          url: `/api/property/import?mode=${mode}`,
          payload: m.payload,
          headers: { ...m.headers, cookie, origin },
        });
        if (res.statusCode !== 200) throw new Error(`${mode}: ${res.statusCode} ${res.body.slice(0, 500)}`);
        return res.json() as { errorCount: number; rooms: { create: number; update: number } };
      };

      const [dry, dryRunMs] = await timed(() => post('dry-run'));
      if (dry.errorCount) throw new Error(`the generated file has ${dry.errorCount} errors`);
      log(`dry run ${dryRunMs} ms`);
      const [commit, commitMs] = await timed(() => post('commit'));
      log(`commit ${commitMs} ms`);
      if (commit.rooms.create !== rooms)
        throw new Error(`created ${commit.rooms.create} rooms, not ${rooms}`);
      const [again, reimportDryRunMs] = await timed(() => post('dry-run'));
      if (again.rooms.update !== rooms)
        throw new Error(`re-import sees ${again.rooms.update} existing rooms`);
      const [, exportMs] = await timed(async () => {
        const res = await app.inject({ method: 'GET', url: '/api/property/export', headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`export: ${res.statusCode}`);
      });

      return {
        name: 'import',
        rooms,
        rows: file.rows,
        residents: file.residents,
        fileBytes: file.body.length,
        generateMs,
        dryRunMs,
        commitMs,
        reimportDryRunMs,
        exportMs,
        targetMs: TARGET_MS,
        pass: commitMs < TARGET_MS,
      };
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
  }
}

export function formatImportBench(r: ImportBenchResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines: [string, string, string][] = [
    ['step', 'time', 'target'],
    [`generate .xlsx (${(r.fileBytes / 1048576).toFixed(1)} MB)`, s(r.generateMs), ''],
    ['dry run', s(r.dryRunMs), ''],
    ['commit (one transaction)', s(r.commitMs), `< ${s(r.targetMs)} ${r.pass ? 'PASS' : 'FAIL'}`],
    ['dry run again (all updates)', s(r.reimportDryRunMs), ''],
    ['export .xlsx', s(r.exportMs), ''],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i].length)));
  const out = [
    `import benchmark: ${r.rooms} rooms, ${r.residents} residents, ${r.rows} rows, ${os.cpus().length} cores`,
  ];
  for (const l of lines) out.push(`  ${l[0].padEnd(w[0])}  ${l[1].padStart(w[1])}  ${l[2]}`);
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runImportBench({ log: (l) => console.error(`[bench] ${l}`) })
    .then((r) => {
      console.log(formatImportBench(r));
      process.exitCode = r.pass ? 0 : 1;
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
