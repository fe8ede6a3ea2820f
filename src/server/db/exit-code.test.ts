import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPidAlive } from './embedded';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/exit-code-child.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 90_000,
  });

// Each case spawns a tsx child that may initdb and start a cluster: on a loaded 2-core machine that took over 30 s,
// so the cases get the child's own 90 s limit plus the wait for the orphan, not the suite's default.
const CHILD_TEST_TIMEOUT_MS = 120_000;

describe('exit codes survive the embedded PostgreSQL module', () => {
  it(
    'a process that loaded it and set process.exitCode ends with that code (a failing test run fails CI)',
    () => {
      const child = run('3');
      expect(child.status, child.stderr).toBe(3);
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it(
    'a cluster still running when the process exits is shut down, and the exit code is kept',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-exit-'));
      try {
        const child = run('4', dataDir);
        expect(child.status, child.stderr).toBe(4);
        const pid = Number(/PID (\d+)/.exec(child.stdout)?.[1]);
        expect(pid).toBeGreaterThan(0);
        const deadline = Date.now() + 20_000;
        while (isPidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(isPidAlive(pid)).toBe(false);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    CHILD_TEST_TIMEOUT_MS,
  );
});
