import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { deleteStream, freePort, isolatedBusEnv, runId, testInfrastructure, waitFor } from '@broadsheet/testing';

const ROOT = join(__dirname, '..', '..');
const SERVICES = ['users', 'articles', 'comments', 'recommendations', 'gateway'];
const UP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/** `node scripts/start.mjs` with `env`, its output collected line by line. */
class StartRun {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    const collect = (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** The first output line matching `pattern`; fails early if start.mjs exits first. */
  async line(pattern: RegExp, timeoutMs: number): Promise<string> {
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    try {
      return await waitFor(
        `a line matching ${pattern}`,
        () => {
          const found = this.lines.find((l) => pattern.test(l));
          if (!found && exitCode !== undefined) throw new Error(`start.mjs exited with code ${exitCode}`);
          return found;
        },
        { timeoutMs, intervalMs: 50 },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; its output:\n${this.lines.join('\n')}`);
    }
  }

  /** Ctrl-C; resolves with the supervisor's exit code, failing if it takes longer than the bound. */
  async interrupt(): Promise<number | null> {
    const started = Date.now();
    this.child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), STOP_TIMEOUT_MS)))]);
    clearTimeout(timer);
    assert.notEqual(code, 'timeout', `start.mjs still running ${STOP_TIMEOUT_MS} ms after SIGINT:\n${this.lines.join('\n')}`);
    assert.ok(Date.now() - started < STOP_TIMEOUT_MS);
    return code as number | null;
  }

  /** After a failed test: the supervisor's own shutdown first, since its children outlive a SIGKILL. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Each service's exit as start.mjs reported it. */
  exits(): Record<string, string> {
    return Object.fromEntries(
      this.lines.map((l) => /^start: (\S+) exited with (.+)$/.exec(l)).filter((m) => m !== null).map((m) => [m[1], m[2]]),
    );
  }
}

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.once('connect', () => resolve(!socket.destroy()));
    socket.once('error', () => resolve(false));
  });

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => client.end());
}

/** Runs start.mjs to "is up", checks health, interrupts it, and checks every service exited 0. */
async function upHealthyAndStopped(run: StartRun, port: number): Promise<void> {
  await run.line(/^Broadsheet is up: http:\/\/127\.0\.0\.1:\d+\/api$/, UP_TIMEOUT_MS);
  assert.ok(run.lines.includes(`Broadsheet is up: http://127.0.0.1:${port}/api`));
  const requestId = `start-${runId()}`;
  const health = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { 'x-request-id': requestId } });
  assert.equal(health.status, 200, await health.text());
  // The gateway's JSON access log names the request, its route, status and latency.
  const access = JSON.parse((await run.line(new RegExp(`^gateway *\\| .*"requestId":"${requestId}"`), 5_000)).split('| ')[1]);
  assert.equal(access.route, '/api/health');
  assert.equal(access.status, 200);
  assert.equal(typeof access.ms, 'number');

  const code = await run.interrupt();
  assert.deepEqual(run.exits(), Object.fromEntries(SERVICES.map((s) => [s, 'code 0'])), run.lines.join('\n'));
  assert.equal(code, 0);
  assert.equal(await portAnswers(port), false, 'the gateway still listens after start.mjs exited');
}

describe('npm start (scripts/start.mjs)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  async function isolatedEnv(label: string) {
    const infra = await testInfrastructure();
    const bus = isolatedBusEnv();
    const dataDir = mkdtempSync(join(tmpdir(), `bs-start-${label}-`));
    // Run as root, the embedded PostgreSQL runs as the postgres account, which must reach its cluster.
    chmodSync(dataDir, 0o755);
    const database = `bs_start_${label}_${runId()}`;
    const port = await freePort();
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => deleteStream(infra.natsUrl, bus.EVENTS_STREAM));
    return { infra, bus, dataDir, database, port };
  }

  it('starts the five services, reports up once healthy, and stops them all cleanly on SIGINT', async () => {
    const { infra, bus, dataDir, database, port } = await isolatedEnv('main');
    const url = new URL(infra.serverUrl);
    url.pathname = `/${database}`;
    cleanups.push(() => dropDatabase(infra.serverUrl, database));
    const run = new StartRun({ ...bus, DATABASE_URL: url.toString(), NATS_URL: infra.natsUrl, PORT: String(port), BROADSHEET_DATA_DIR: dataDir });
    cleanups.push(() => run.stop());

    await upHealthyAndStopped(run, port);
    assert.ok(run.lines.some((l) => l.startsWith('start: generated development JWT keys')), 'made development keys');
    const prefixed = run.lines.filter((l) => / \| \{/.test(l));
    assert.ok(prefixed.length > 0, 'service output is shown');
    for (const line of prefixed) assert.match(line, /^(users|articles|comments|recommendations|gateway) *\| \{/);
    assert.equal(new Set(prefixed.map((l) => l.indexOf('|'))).size, 1, 'prefixes are aligned');
  });

  it('starts an embedded PostgreSQL where none answers, and stops it on exit', async () => {
    const { infra, bus, dataDir, port } = await isolatedEnv('embedded');
    const pgPort = await freePort();
    const run = new StartRun({
      ...bus,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/broadsheet`,
      NATS_URL: infra.natsUrl,
      PORT: String(port),
      BROADSHEET_DATA_DIR: dataDir,
    });
    cleanups.push(() => run.stop());

    await run.line(new RegExp(`^start: starting embedded PostgreSQL on 127\\.0\\.0\\.1:${pgPort}$`), UP_TIMEOUT_MS);
    await upHealthyAndStopped(run, port);
    assert.ok(run.lines.includes('start: stopping PostgreSQL'));
    assert.equal(await portAnswers(pgPort), false, 'the embedded PostgreSQL still runs after start.mjs exited');
  });
});
