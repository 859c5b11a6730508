#!/usr/bin/env node
// Summarises a V8 CPU profile (`node --cpu-prof`, or `BENCH_NODE_OPTIONS="--cpu-prof
// --cpu-prof-dir=DIR"` on a bench run): self time by function and by file or package, as shares
// of the samples, so a profile can be read without Chrome's DevTools.
//
//   node scripts/cpu-profile-top.mjs DIR/CPU.…cpuprofile [--top 30] [--after SECONDS]
//
// `--after` counts only the samples taken that many seconds after the profile began (a bench's
// processes boot and get seeded before the measured load starts).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 30;
const afterIndex = args.indexOf('--after');
const afterMicros = afterIndex >= 0 ? Number(args[afterIndex + 1]) * 1e6 : 0;
if (!file) {
  console.error('usage: node scripts/cpu-profile-top.mjs <file.cpuprofile> [--top N]');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
// Shares are of the samples where the process was busy: `(idle)` is time spent waiting.
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
const hits = new Map();
let elapsed = 0;
let total = 0;
let counted = 0;
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i];
  if (elapsed < afterMicros) return;
  counted += 1;
  if (idleIds.has(id)) return;
  total += 1;
  hits.set(id, (hits.get(id) ?? 0) + 1);
});

/** node_modules/<pkg> (or @scope/pkg), our own file relative to dist/, or V8's own category. */
function place({ url, functionName }) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : basename(url);
}

const byFunction = new Map();
const byPlace = new Map();
for (const [id, count] of hits) {
  const { callFrame } = nodes.get(id);
  const where = place(callFrame);
  const name = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + count);
  byPlace.set(where, (byPlace.get(where) ?? 0) + count);
}

const share = (n) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, n] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${share(n)}  ${name}`);
};
const seconds = (profile.endTime - profile.startTime) / 1e6;
console.log(`${basename(file)}: ${total} busy samples of ${counted} over ${(seconds - afterMicros / 1e6).toFixed(1)} s`);
print('self time by file or package', byPlace);
print('self time by function', byFunction);
