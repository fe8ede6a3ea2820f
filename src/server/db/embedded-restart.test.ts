/**
 * Supervision of the embedded PostgreSQL (the embedded database is supervised, docs/adr/0013-embedded-postgres-supervision.md):
 * when the postmaster dies under a running `huiyin serve`, the app starts it again on the same data directory and
 * port (waits of 1, 2, 4, 8, 16 s) and serves again; when it cannot, it exits 70 for its supervisor. With
 * DATABASE_URL the server is not ours: the app answers 503 while it is down and carries on when it is back.
 *
 * Each test runs its own PostgreSQL in a temporary directory, never the suite's shared one, and only on
 * 127.0.0.1. Skipped when the suite itself runs on DATABASE_URL (CI's second pass: no embedded server there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, isPidAlive, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN = { username: 'root-admin', password: 'root-admin-password' };
const children: ChildProcess[] = [];
const dirs: string[] = [];

function tempDir(): string {
  // Under the system temp dir (/tmp): reachable by the postgres user when the tests run as root.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-pg-restart-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  // SIGTERM first: a `huiyin serve` killed outright would leave its PostgreSQL running, orphaned.
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const gone = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    if ((await Promise.race([gone, sleep(15_000).then(() => 'late')])) === 'late') c.kill('SIGKILL');
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
  output(): string;
}

/** Runs a child process, ready when `readyText` appears on its stdout. */
function run(args: string[], env: Record<string, string>, readyText: string): Started {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', HUIYIN_SEED: 'none', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  return { child, ready, exited, output: () => output };
}

/** The real `huiyin serve` (bin/huiyin.js), as a supervisor would run it. */
function serve(port: number, env: Record<string, string>): Started {
  return run(
    ['bin/huiyin.js', 'serve'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      HUIYIN_ADMIN_USERNAME: ADMIN.username,
      HUIYIN_ADMIN_PASSWORD: ADMIN.password,
      ...env,
    },
    'Huiyin is running',
  );
}

const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    // Sign-ins and cookie writes are accepted from the app's own origin only (as a browser on its pages sends).
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** One intake; the status, and the case id when acknowledged (201). A refused connection counts as status 0. */
async function intake(port: number, cookie: string, text: string): Promise<{ status: number; id?: string }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, cookie },
      body: JSON.stringify({ channel: 'phone', kind: 'repair', description: text }),
    });
    const body = (await res.json()) as { id?: string };
    return { status: res.status, id: res.status === 201 ? body.id : undefined };
  } catch {
    return { status: 0 };
  }
}

/** postmaster.pid: line 1 the pid, line 4 the port. */
function postmaster(dataDir: string): { pid: number; port: number } {
  const lines = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

describe.skipIf(!!process.env.DATABASE_URL)(
  'supervision of the embedded PostgreSQL (the embedded database is supervised)',
  () => {
    it('kill -9 of the postmaster under intake load: intakes succeed again within 30 s, every acknowledged case is kept', async () => {
      const dataDir = tempDir();
      const port = await findFreePort();
      const server = serve(port, { DATABASE_URL: '', HUIYIN_DATA_DIR: dataDir });
      await server.ready;
      const cookie = await login(port);

      // A bounded load: 4 loops of intakes until told to stop.
      const acknowledged: { id: string; sentAt: number }[] = [];
      const refused: number[] = [];
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const sentAt = Date.now();
          const res = await intake(port, cookie, `断电测试 ${w}-${i} 电梯困人`);
          if (res.id) acknowledged.push({ id: res.id, sentAt });
          else {
            refused.push(res.status);
            await sleep(50); // a down database answers at once; do not spin
          }
        }
      };
      const workers = [0, 1, 2, 3].map(worker);
      try {
        const deadline = Date.now() + 20_000;
        while (acknowledged.length < 40 && Date.now() < deadline) await sleep(20);
        expect(acknowledged.length).toBeGreaterThanOrEqual(40);

        const before = postmaster(dataDir);
        expect(before.port).toBeGreaterThan(0);
        process.kill(before.pid, 'SIGKILL');
        const killedAt = Date.now();

        // Intakes sent after the kill can only be acknowledged by a restarted server.
        const servedAgain = () => acknowledged.filter((a) => a.sentAt > killedAt).length >= 20;
        while (!servedAgain() && Date.now() - killedAt < 30_000 && alive(server.child)) await sleep(100);
        expect(alive(server.child), server.output()).toBe(true);
        expect(servedAgain(), server.output()).toBe(true);
        const backAfterMs = Date.now() - killedAt;
        expect(backAfterMs, server.output()).toBeLessThan(30_000);

        const after = postmaster(dataDir);
        expect(after.pid).not.toBe(before.pid);
        expect(isPidAlive(after.pid)).toBe(true);
        // The same port: the pool's connection string stayed valid.
        expect(after.port).toBe(before.port);
        expect(server.output()).toMatch(/PostgreSQL exited unexpectedly \(code null, signal SIGKILL\)/);
        expect(server.output()).toContain(`PostgreSQL restarted on 127.0.0.1:${before.port}`);
      } finally {
        stop = true;
        await Promise.all(workers);
      }
      // While it was down the app said so: 503 (error-handler.ts), never a 500.
      expect(refused.filter((s) => s !== 503)).toEqual([]);

      // Every case acknowledged with a 201, before or after the kill, is in the database.
      const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
      const client = new pg.Client({
        host: '127.0.0.1',
        port: postmaster(dataDir).port,
        user: 'postgres',
        password,
        database: 'huiyin',
      });
      await client.connect();
      try {
        const ids = acknowledged.map((a) => a.id);
        const { rows } = await client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[])',
          [ids],
        );
        expect(rows[0].n).toBe(new Set(ids).size);
        expect(new Set(ids).size).toBe(ids.length);
      } finally {
        await client.end();
      }

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'huiyin.lock'))).toBe(false);
    }, 120_000);

    it('when every one of the 5 restarts fails, the app exits 70 so that its supervisor starts it again', async () => {
      const dataDir = tempDir();
      const child = run(
        ['--import', 'tsx', 'test/fixtures/pg-give-up-child.ts', '50'],
        { DATABASE_URL: '', HUIYIN_DATA_DIR: dataDir },
        'READY',
      );
      await child.ready;
      const { pid } = postmaster(dataDir);
      // A configuration PostgreSQL refuses to start with: every restart attempt fails.
      fs.appendFileSync(path.join(dataDir, 'pg', 'postgresql.conf'), '\nthis line is not a setting\n');
      process.kill(pid, 'SIGKILL');

      const code = await Promise.race([child.exited, sleep(60_000).then(() => 'timeout' as const)]);
      expect(code, child.output()).toBe(70);
      const output = child.output();
      expect(output.match(/restarting PostgreSQL in /g)).toHaveLength(5);
      expect(output).toContain('PostgreSQL restart attempt 5 failed');
      expect(output).toContain('could not be restarted after 5 attempts');
      // The lock is released on the way out, so the supervisor's next start is not refused.
      expect(fs.existsSync(path.join(dataDir, 'huiyin.lock'))).toBe(false);
    }, 90_000);

    it('with DATABASE_URL the app does not restart or exit: 503 while the server is down, intakes again once it is back', async () => {
      // An "external" PostgreSQL of this test's own, stopped and started again on the same port.
      const externalDir = tempDir();
      const dbPort = await findFreePort();
      let external: EmbeddedPostgresHandle | undefined = await startEmbeddedPostgres({
        dataDir: externalDir,
        port: dbPort,
      });
      try {
        const port = await findFreePort();
        const server = serve(port, { DATABASE_URL: external.url, HUIYIN_DATA_DIR: tempDir() });
        await server.ready;
        const cookie = await login(port);
        expect((await intake(port, cookie, '外部数据库 停机前')).status).toBe(201);

        await external.stop();
        external = undefined;
        expect((await intake(port, cookie, '外部数据库 停机中')).status).toBe(503);
        await sleep(3_000);
        expect(alive(server.child), server.output()).toBe(true);
        expect((await intake(port, cookie, '外部数据库 停机中')).status).toBe(503);
        expect(server.output()).not.toContain('restarting PostgreSQL');

        external = await startEmbeddedPostgres({ dataDir: externalDir, port: dbPort });
        const deadline = Date.now() + 30_000;
        let status = 0;
        while (
          Date.now() < deadline &&
          (status = (await intake(port, cookie, '外部数据库 恢复后')).status) !== 201
        )
          await sleep(200);
        expect(status).toBe(201);
        expect(alive(server.child)).toBe(true);

        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
      } finally {
        await external?.stop();
      }
    }, 120_000);
  },
);
