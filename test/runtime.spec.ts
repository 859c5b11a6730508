import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const APP_SERVICES = ['users', 'articles', 'comments', 'recommendations', 'gateway'];
// scripts/start.mjs and the benchmark import these; the image and compose file repeat them.
const { NODE_ARGS, SERVICE_NODE_ARGS, RUNTIME_ENV, nodeArgsOf } = require(join(ROOT, 'scripts', 'lib', 'runtime.mjs')) as {
  NODE_ARGS: string[];
  SERVICE_NODE_ARGS: Record<string, string[]>;
  RUNTIME_ENV: Record<string, string>;
  nodeArgsOf(service: string): string[];
};
const read = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');

describe('runtime memory settings (scripts/lib/runtime.mjs)', () => {
  it('the image sets the same environment and node flags', () => {
    const dockerfile = read('deploy', 'Dockerfile');
    const instructions = dockerfile.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');
    for (const [name, value] of Object.entries(RUNTIME_ENV)) {
      assert.equal(new RegExp(`\\b${name}=(\\S+)`).exec(instructions)?.[1], value, name);
    }
    const cmd = /^CMD \["sh", "-c", "exec node (.*?) ?dist\/apps\/\$\{SERVICE\}\/src\/main\.js"\]$/m.exec(instructions);
    assert.ok(cmd, 'CMD runs node on dist/apps/${SERVICE}/src/main.js');
    assert.deepEqual(cmd[1].split(' ').filter(Boolean), NODE_ARGS);
  });

  it('docker-compose.yml runs every service with the shared node flags and its own', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { command?: string[] }> };
    for (const service of APP_SERVICES) {
      assert.deepEqual(compose.services[service].command, ['node', ...nodeArgsOf(service), `dist/apps/${service}/src/main.js`], service);
    }
    for (const service of Object.keys(SERVICE_NODE_ARGS)) assert.ok(APP_SERVICES.includes(service), service);
  });

  it('docs/operations.md documents each of them', () => {
    const doc = read('docs', 'operations.md');
    for (const flag of [...NODE_ARGS, ...Object.values(SERVICE_NODE_ARGS).flat()]) assert.ok(doc.includes(`\`${flag}\``), flag);
    for (const [name, value] of Object.entries(RUNTIME_ENV)) assert.ok(doc.includes(`\`${name}=${value}\``), name);
  });
});
