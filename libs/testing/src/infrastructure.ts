import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** The Postgres server and NATS server a test run talks to. */
export interface TestInfrastructure {
  /** A URL on the server; tests create their own databases next to it. */
  serverUrl: string;
  natsUrl: string;
  source: 'testcontainers' | 'environment';
  stop(): Promise<void>;
}

let shared: Promise<TestInfrastructure> | undefined;

/**
 * Real Postgres and NATS for integration and e2e tests: containers where a Docker engine
 * answers, otherwise the servers at DATABASE_URL / NATS_URL (defaults: the local ones).
 * One per test process.
 */
export function testInfrastructure(): Promise<TestInfrastructure> {
  return (shared ??= resolveInfrastructure());
}

async function resolveInfrastructure(): Promise<TestInfrastructure> {
  if (process.env.TESTCONTAINERS !== 'off' && !process.env.DATABASE_URL && (await dockerAnswers())) {
    return startContainers();
  }
  return {
    serverUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    natsUrl: process.env.NATS_URL ?? DEFAULT_NATS_URL,
    source: 'environment',
    stop: async () => undefined,
  };
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<TestInfrastructure> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const [postgres, nats] = await Promise.all([
    new PostgreSqlContainer('postgres:15-alpine').withUsername('postgres').withPassword('postgres').start(),
    new GenericContainer('nats:2.10-alpine')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start(),
  ]);
  return {
    serverUrl: postgres.getConnectionUri(),
    natsUrl: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
    source: 'testcontainers',
    stop: async () => {
      await Promise.all([postgres.stop(), nats.stop()]);
    },
  };
}

/** A short id unique to this run, for database, stream and subject names. */
export function runId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server; `drop()` removes it. */
export async function createTestDatabase(serverUrl: string, label = 'test'): Promise<TestDatabase> {
  const name = `bs_${label}_${runId()}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Stream and subject names of their own, so test runs never see each other's events. */
export function isolatedBusEnv(id: string = runId()): Record<string, string> {
  return {
    EVENTS_STREAM: `T_${id}`,
    EVENTS_SUBJECT_PREFIX: `t${id}.events`,
    RPC_SUBJECT_PREFIX: `t${id}.rpc`,
  };
}

/** Deletes a test run's stream (and so its consumers). */
export async function deleteStream(natsUrl: string, stream: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
  } finally {
    await nc.close();
  }
}
