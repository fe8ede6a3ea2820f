/**
 * The real `huiyin serve` process on its embedded PostgreSQL (OPS-2): a second instance on the same data
 * directory refuses to start; after kill -9 of the app alone (its PostgreSQL orphaned) and after kill -9 of the
 * whole process group (a power cut), the next start comes up with every committed row.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-serve-'));
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function start(port: number, opts: { detached?: boolean; dir?: string } = {}) {
  const child = spawn(process.execPath, ['bin/huiyin.js', 'serve'], {
    cwd: process.cwd(),
    detached: opts.detached,
    env: {
      ...process.env,
      DATABASE_URL: '',
      NODE_ENV: 'test',
      PORT: String(port),
      HUIYIN_DATA_DIR: opts.dir ?? dataDir,
      HUIYIN_SEED: 'none',
      HUIYIN_ADMIN_USERNAME: 'root-admin',
      HUIYIN_ADMIN_PASSWORD: 'root-admin-password',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      if (output.includes('Huiyin is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

async function api(port: number, method: string, url: string, body?: unknown, cookie?: string) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: {
      // as the console's own pages send it: cookie writes from elsewhere are refused (src/server/http/same-origin.ts)
      origin: `http://127.0.0.1:${port}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return {
    status: res.status,
    json: (await res.json()) as Record<string, unknown>,
    cookie: res.headers.get('set-cookie')?.split(';')[0],
  };
}

async function login(port: number) {
  const res = await api(port, 'POST', '/api/auth/login', {
    username: 'root-admin',
    password: 'root-admin-password',
  });
  expect(res.status).toBe(200);
  return res.cookie!;
}

async function createUsers(port: number, cookie: string, prefix: string, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await api(
      port,
      'POST',
      '/api/users',
      { username: `${prefix}${i}`, name: `员工${i}`, roles: ['agent'], password: 'password-12345' },
      cookie,
    );
    expect(res.status).toBe(201);
  }
}

async function usernames(port: number, cookie: string) {
  const res = await api(port, 'GET', '/api/users?limit=200', undefined, cookie);
  return (res.json.items as { username: string }[]).map((u) => u.username);
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('huiyin serve on the embedded PostgreSQL (OPS-2)', () => {
  it('refuses a second instance on the same data directory, survives kill -9 of the app and of the whole group', async () => {
    const port = await freePort();
    const first = start(port);
    await first.ready;
    let cookie = await login(port);
    await createUsers(port, cookie, 'before-crash-', 5);

    const second = start(await freePort());
    await expect(second.ready).rejects.toThrow(/already using the data directory/);

    // kill -9 of the app alone: its PostgreSQL keeps running, orphaned.
    first.child.kill('SIGKILL');
    await first.exited;
    const restarted = start(port);
    await restarted.ready;
    cookie = await login(port);
    expect(await usernames(port, cookie)).toEqual(
      expect.arrayContaining(['before-crash-0', 'before-crash-4']),
    );
    await createUsers(port, cookie, 'before-powercut-', 5);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);

    // kill -9 of the whole process group, as after a power cut.
    const grouped = start(port, { detached: true });
    await grouped.ready;
    cookie = await login(port);
    await createUsers(port, cookie, 'in-group-', 3);
    process.kill(-grouped.child.pid!, 'SIGKILL');
    await grouped.exited;
    const afterPowerCut = start(port);
    await afterPowerCut.ready;
    cookie = await login(port);
    const names = await usernames(port, cookie);
    for (const u of ['before-crash-0', 'before-powercut-4', 'in-group-2']) expect(names).toContain(u);
    afterPowerCut.child.kill('SIGTERM');
    expect(await afterPowerCut.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'huiyin.lock'))).toBe(false);
  }, 240_000);
});

describe('a power cut during intake load (OPS-2, API-2)', () => {
  it('after kill -9 of the whole process group under 50 connections, every case that got a 201 is there, intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-load-'));
    try {
      const port = await freePort();
      const server = start(port, { detached: true, dir });
      await server.ready;
      const cookie = await login(port);
      const created: { id: string; number: string }[] = [];
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const res = await fetch(`http://127.0.0.1:${port}/api/cases`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie, origin: `http://127.0.0.1:${port}` },
              body: JSON.stringify({
                channel: 'phone',
                kind: 'repair',
                description: `压力测试 ${w}-${i} 卫生间漏水`,
              }),
            });
            if (res.status === 201) {
              const body = (await res.json()) as { id: string; number: string };
              created.push({ id: body.id, number: body.number });
            }
          } catch {
            return; // the server is gone
          }
        }
      };
      const workers = Array.from({ length: 50 }, (_, w) => worker(w));
      const deadline = Date.now() + 20_000;
      while (created.length < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      process.kill(-server.child.pid!, 'SIGKILL');
      await server.exited;
      stop = true;
      await Promise.all(workers);
      expect(created.length).toBeGreaterThanOrEqual(150);
      expect(new Set(created.map((c) => c.number)).size).toBe(created.length);

      const restarted = start(port, { dir });
      await restarted.ready;
      const cookie2 = await login(port);
      for (const c of created) {
        const res = await api(port, 'GET', `/api/cases/${c.id}`, undefined, cookie2);
        expect(res.status, c.number).toBe(200);
        expect(res.json.number).toBe(c.number);
        expect(res.json.timelineIntact, c.number).toBe(true);
      }
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
