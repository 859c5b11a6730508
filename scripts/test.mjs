#!/usr/bin/env node
// Runs every test tier from the compiled output (npm test builds first): unit specs beside the
// code, integration specs on real Postgres and NATS, and e2e specs through the gateway.
// Extra arguments narrow the run: `npm test -- unit`, `npm test -- integration e2e`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tiers = {
  unit: ['dist/apps/**/*.spec.js', 'dist/libs/**/*.spec.js', 'dist/test/*.spec.js', 'dist/bench/**/*.spec.js'],
  integration: ['dist/apps/**/*.integration-spec.js', 'dist/libs/**/*.integration-spec.js', 'dist/test/*.integration-spec.js'],
  e2e: ['dist/test/e2e/**/*.e2e-spec.js'],
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((t) => !(t in tiers));
if (unknown.length) {
  console.error(`Unknown test tier(s): ${unknown.join(', ')}. Known: ${Object.keys(tiers).join(', ')}`);
  process.exit(2);
}
const globs = (wanted.length ? wanted : Object.keys(tiers)).flatMap((t) => tiers[t]);
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-concurrency=2', '--test-timeout=180000', ...globs],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
