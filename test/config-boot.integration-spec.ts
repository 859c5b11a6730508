import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DIST = join(__dirname, '..');

describe('a service with bad configuration', () => {
  for (const service of ['users', 'articles', 'comments', 'recommendations', 'gateway']) {
    it(`${service} stops at boot, exit code 78, naming the variable`, async () => {
      const outcome = await run(process.execPath, [join(DIST, 'apps', service, 'src', 'main.js')], {
        env: { ...process.env, NATS_URL: 'http://not-nats', RPC_TIMEOUT_MS: 'soon' },
        timeout: 20_000,
      }).catch((error: { code: number; stderr: string }) => error);
      assert.equal((outcome as { code: number }).code, 78);
      assert.match((outcome as { stderr: string }).stderr, /NATS_URL: must be one or more nats:\/\/ URLs/);
      assert.match((outcome as { stderr: string }).stderr, /RPC_TIMEOUT_MS/);
    });
  }
});
