#!/usr/bin/env node
// `npm start`: the whole suite on this machine. Finds (or starts) Postgres and NATS, makes
// development JWT keys, runs the four services and the gateway from dist/ with their output
// prefixed, and stops everything on Ctrl-C. See docs/operations.md.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNats, ensurePostgres } from './lib/dev-infrastructure.mjs';
import { ensureJwtKeys } from './lib/dev-keys.mjs';
import { nodeArgsOf, RUNTIME_ENV } from './lib/runtime.mjs';
import { Supervisor } from './lib/supervisor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = ['users', 'articles', 'comments', 'recommendations', 'gateway'];
const DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/broadsheet',
  NATS_URL: 'nats://127.0.0.1:4222',
  PORT: '3000',
};
const UP_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;

const say = (message) => process.stdout.write(`start: ${message}\n`);
const env = { ...process.env };
// Runtime memory settings (scripts/lib/runtime.mjs), unless the environment sets them.
for (const [name, value] of Object.entries({ ...DEFAULTS, ...RUNTIME_ENV })) if (!env[name]) env[name] = value;
const dataDir = resolve(root, env.BROADSHEET_DATA_DIR ?? '.data');

const started = [];
let supervisor;
let stopping;

/** Stops the services, then whatever infrastructure this run started; exits with `code`. */
function shutdown(reason, code = 0) {
  return (stopping ??= (async () => {
    say(`${reason}: stopping ${supervisor?.running.join(', ') || 'nothing'} (Ctrl-C again to kill)`);
    let clean = true;
    if (supervisor) {
      const timer = setTimeout(() => {
        say(`still running after ${STOP_GRACE_MS / 1000} s, killing ${supervisor.running.join(', ')}`);
        supervisor.kill();
      }, STOP_GRACE_MS);
      const exits = await supervisor.stop('SIGTERM');
      clearTimeout(timer);
      clean = exits.every((e) => e.code === 0);
    }
    for (const infra of started.reverse()) {
      say(`stopping ${infra.name}`);
      await infra.stop().catch((error) => say(`${infra.name} did not stop cleanly: ${error.message}`));
    }
    say('stopped');
    process.exit(code || (clean ? 0 : 1));
  })());
}

function onSignal(signal) {
  if (stopping) {
    say(`${signal} again: killing everything`);
    supervisor?.kill();
    process.exit(130);
  }
  void shutdown(signal);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function waitForHealth(url) {
  const deadline = Date.now() + UP_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      const body = await res.json().catch(() => ({}));
      last = `${res.status}, down: ${(body.down ?? []).join(', ') || '?'}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!stopping) throw new Error(`${url} did not answer 200 within ${UP_TIMEOUT_MS / 1000} s (last: ${last})`);
}

async function main() {
  const [postgres, nats] = await Promise.allSettled([
    ensurePostgres(env.DATABASE_URL, join(dataDir, 'postgres'), say),
    ensureNats(env.NATS_URL, join(dataDir, 'nats'), say),
  ]);
  for (const [name, result] of [['PostgreSQL', postgres], ['nats-server', nats]]) {
    if (result.status === 'fulfilled' && result.value.started) started.push({ name, stop: result.value.stop });
  }
  const failed = [postgres, nats].find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  env.DATABASE_URL = postgres.value.url;
  env.NATS_URL = nats.value.url;
  Object.assign(env, ensureJwtKeys(env, join(dataDir, 'keys'), say));

  say(`starting ${SERVICES.join(', ')} (database ${new URL(env.DATABASE_URL).pathname.slice(1)}, gateway port ${env.PORT})`);
  supervisor = new Supervisor({
    env,
    cwd: root,
    onExit: (name, code, signal) => {
      say(`${name} exited with ${signal ? `signal ${signal}` : `code ${code}`}`);
      if (!stopping) void shutdown(`${name} stopped unexpectedly`, 1);
    },
  });
  supervisor.start(SERVICES.map((name) => ({ name, command: process.execPath, args: [...nodeArgsOf(name), `dist/apps/${name}/src/main.js`] })));

  const api = `http://127.0.0.1:${env.PORT}/api`;
  await waitForHealth(`${api}/health`);
  if (!stopping) process.stdout.write(`Broadsheet is up: ${api}\n`);
}

main().catch((error) => {
  process.stderr.write(`start: ${error.message}\n`);
  void shutdown('start failed', 1);
});
