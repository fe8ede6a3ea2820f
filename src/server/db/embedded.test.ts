import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, it, expect } from 'vitest';
import { isPidAlive, readProcStat, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHILD = path.join(ROOT, 'test/fixtures/embedded-child.ts');
const ROWS = 40;
const TIMEOUT = 60_000;

/** A fresh data directory under the system temp dir (/tmp: reachable by the postgres user). */
async function withDataDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-embedded-'));
  try {
    await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function countRows(url: string): Promise<{ n: number; max: number }> {
  const [row] = await query<{ n: number; max: number }>(
    url,
    'SELECT count(*)::int AS n, coalesce(max(id), 0)::int AS max FROM crash_test',
  );
  return row;
}

/** Runs the fixture with node --import tsx (tsx's own CLI would put a wrapper process between us and it). */
function spawnChild(dataDir: string, detached: boolean): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(ROWS)], {
    cwd: ROOT,
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const ready = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /^READY (\S+)$/m.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`child exited before READY (code ${code}, signal ${signal})\n${stderr}`)),
    );
  });
  return { child, ready };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function postmasterPid(dataDir: string): number {
  return Number.parseInt(
    fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
    10,
  );
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('embedded PostgreSQL', () => {
  it(
    'keeps committed data across a stop and a restart',
    () =>
      withDataDir(async (dir) => {
        const first = await startEmbeddedPostgres({ dataDir: dir });
        try {
          expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/huiyin$/);
          await query(first.url, 'CREATE TABLE kept (id int PRIMARY KEY, note text)');
          await query(first.url, "INSERT INTO kept VALUES (1, '回音')");
        } finally {
          await first.stop();
        }
        expect(fs.existsSync(path.join(dir, 'huiyin.lock'))).toBe(false);
        expect(fs.statSync(path.join(dir, 'pg-password')).mode & 0o777).toBe(0o600);

        const second = await startEmbeddedPostgres({ dataDir: dir });
        try {
          // Same password, new port.
          expect(new URL(second.url).password).toBe(new URL(first.url).password);
          expect(await query(second.url, 'SELECT id, note FROM kept')).toEqual([{ id: 1, note: '回音' }]);
        } finally {
          await second.stop();
        }
      }),
    TIMEOUT,
  );

  it(
    'refuses a second Huiyin on the same data directory',
    () =>
      withDataDir(async (dir) => {
        const first = await startEmbeddedPostgres({ dataDir: dir });
        try {
          await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toThrow(
            `Another Huiyin (pid ${process.pid}) is already using the data directory ${fs.realpathSync(dir)}; stop it or set HUIYIN_DATA_DIR`,
          );
          // The refused attempt left the running one alone.
          expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
          expect(fs.readFileSync(path.join(dir, 'huiyin.lock'), 'utf8').split('\n')[0]).toBe(
            String(process.pid),
          );
        } finally {
          await first.stop();
        }
      }),
    TIMEOUT,
  );

  it(
    'takes over after kill -9 of the app alone (PostgreSQL left running, orphaned)',
    () =>
      withDataDir(async (dir) => {
        const { child, ready } = spawnChild(dir, false);
        let handle: EmbeddedPostgresHandle | undefined;
        let orphan = 0;
        try {
          const childUrl = await ready;
          orphan = postmasterPid(dir);
          expect(readProcStat(orphan)?.ppid).toBe(child.pid);

          child.kill('SIGKILL');
          await exited(child);

          // PostgreSQL outlived its parent and still serves the committed rows.
          expect(isPidAlive(orphan)).toBe(true);
          expect(readProcStat(orphan)?.ppid).not.toBe(child.pid);
          expect(await countRows(childUrl)).toEqual({ n: ROWS, max: ROWS });

          const logs: string[] = [];
          handle = await startEmbeddedPostgres({ dataDir: dir, log: (msg) => logs.push(msg) });
          expect(isPidAlive(orphan)).toBe(false);
          expect(logs.join('\n')).toContain(
            `PostgreSQL (pid ${orphan}) from a previous Huiyin is still running`,
          );
          // The orphan got a clean fast shutdown, so no WAL replay was needed.
          expect(logs.join('\n')).toMatch(/database system was shut down at/);
          expect(await countRows(handle.url)).toEqual({ n: ROWS, max: ROWS });
        } finally {
          await handle?.stop();
          if (!handle && orphan && isPidAlive(orphan)) process.kill(orphan, 'SIGKILL');
          child.kill('SIGKILL');
        }
      }),
    TIMEOUT,
  );

  it(
    'recovers every committed row after kill -9 of the whole process group',
    () =>
      withDataDir(async (dir) => {
        const { child, ready } = spawnChild(dir, true);
        let handle: EmbeddedPostgresHandle | undefined;
        try {
          await ready;
          const postmaster = postmasterPid(dir);
          process.kill(-child.pid!, 'SIGKILL');
          await exited(child);
          expect(await eventually(() => !isPidAlive(postmaster))).toBe(true);
          // Nothing shut down cleanly: lock and postmaster.pid are left behind.
          expect(fs.existsSync(path.join(dir, 'huiyin.lock'))).toBe(true);
          expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(true);

          const logs: string[] = [];
          handle = await startEmbeddedPostgres({ dataDir: dir, log: (msg) => logs.push(msg) });
          expect(logs.join('\n')).toContain('removing stale lock');
          expect(logs.join('\n')).toContain(
            `removing stale ${path.join(fs.realpathSync(dir), 'pg', 'postmaster.pid')}`,
          );
          // PostgreSQL's own crash recovery replayed the WAL.
          expect(logs.join('\n')).toMatch(/database system was interrupted|not properly shut down/);
          expect(await countRows(handle.url)).toEqual({ n: ROWS, max: ROWS });
        } finally {
          await handle?.stop();
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // group already gone
          }
        }
      }),
    TIMEOUT,
  );
});
