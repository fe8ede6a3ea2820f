import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('exit codes survive the embedded PostgreSQL module', () => {
  it('a process that loaded it and set process.exitCode ends with that code (a failing test run fails CI)', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/exit-code-child.ts', '3'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(3);
  });
});
