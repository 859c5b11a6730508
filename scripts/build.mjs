#!/usr/bin/env node
// Compiles the whole monorepo (apps, libs, tests, benches) into a fresh dist/ with one tsc run
// (so a renamed or deleted source leaves no output behind for the test runner to find), then
// rewrites the @broadsheet/* path aliases to relative requires so plain `node` can run the output.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
if (!existsSync(bin('tsc'))) {
  console.error('build: the dependencies are not installed (no node_modules/.bin/tsc): run `npm ci` first');
  process.exit(1);
}
const started = Date.now();
process.stdout.write('build: compiling TypeScript… ');
rmSync(join(root, 'dist'), { recursive: true, force: true });
try {
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('\nbuild: failed (see the errors above)');
  process.exit(1);
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
