import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('the SMS SDKs under the loader the server runs with (MSG-2)', () => {
  it("both senders send under Node's ESM loader with tsx, not only under Vitest's interop", () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/sms-senders-child.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout.trim())).toEqual({
      aliyun: { outcome: 'sent', code: 'OK', httpStatus: 200, providerMessageId: 'ali-1' },
      tencent: { outcome: 'sent', code: 'Ok', httpStatus: 200, providerMessageId: 'tc-1' },
      received: 2,
    });
  }, 90_000);
});
