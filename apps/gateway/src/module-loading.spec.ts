import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/*
 * The gateway only calls services and hears events: it imports @broadsheet/messaging/client, not
 * the full entry point, so the service side (TypeORM, pg) never loads into it. That is about
 * 7 MiB of heap per gateway (docs/operations.md, "Memory").
 */
describe('the gateway process', () => {
  it('loads neither TypeORM nor pg', () => {
    const factory = join(__dirname, 'gateway.factory.js');
    const script = `require('reflect-metadata'); require(${JSON.stringify(factory)});
      const names = Object.keys(require.cache).map((f) => /node_modules\\/(typeorm|pg)\\//.exec(f)?.[1]).filter(Boolean);
      process.stdout.write(JSON.stringify([...new Set(names)]));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
    assert.deepEqual(loaded, []);
  });
});
