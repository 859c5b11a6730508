import { Client } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';

export interface ServiceDataSourceOptions {
  /** postgres://user:pass@host:port/database */
  url: string;
  /** The service's own schema; also holds its migrations table. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  /** Migration classes, oldest first (classes, not globs, so bundles and tests find them). */
  migrations: Function[];
  poolSize?: number;
  /**
   * Postgres' `plan_cache_mode` for the service's connections. Every hot statement is a named
   * prepared statement (`TransactionHost.query`); under `auto` Postgres may plan such a statement
   * again on every execution, which costs more than running it (docs/operations.md, "Query plans").
   */
  planCacheMode?: PlanCacheMode;
  /**
   * Postgres' `max_parallel_workers_per_gather` for the service's connections (its default, 2,
   * when unset). A generic plan does not know a page's LIMIT and assumes a tenth of the rows, so
   * it may start workers for a read of twenty rows: 12–15 ms of starting them, against 1 ms for
   * the read (a tag's list of 25,000 articles, `npm run bench:reads`).
   */
  maxParallelWorkersPerGather?: number;
  /**
   * Postgres' `jit` for the service's connections (the server's setting when unset). The same
   * missing LIMIT, times the ten lookups a `perLookup` statement is estimated to answer, puts a
   * page read over the JIT thresholds: 380 ms of compiling for a read of 1 ms.
   */
  jit?: boolean;
}

export type PlanCacheMode = 'auto' | 'force_generic_plan' | 'force_custom_plan';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A DataSource bound to one schema, with its own migrations table; `synchronize` is never on. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`Invalid schema name: ${options.schema}`);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // search_path makes the service's own schema the default for raw SQL too.
    extra: {
      max: options.poolSize ?? 10,
      application_name: `broadsheet-${options.schema}`,
      options: [
        `-c search_path=${options.schema}`,
        `-c plan_cache_mode=${options.planCacheMode ?? 'auto'}`,
        ...(options.maxParallelWorkersPerGather === undefined ? [] : [`-c max_parallel_workers_per_gather=${options.maxParallelWorkersPerGather}`]),
        ...(options.jit === undefined ? [] : [`-c jit=${options.jit ? 'on' : 'off'}`]),
      ].join(' '),
    },
  });
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL names no database: ${url}`);
  return name;
}

/** Creates the database named by `url` if it is missing (needs CREATEDB on the server). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // Another service created it between our check and our CREATE.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Opens the DataSource and brings its schema up to date: TypeORM never creates the schema
 * itself, so it is created first; then pending migrations run, each in its own transaction.
 * Replicas that start together take turns: each holds a session advisory lock named after the
 * schema while it migrates (TypeORM takes none), so the next finds the migrations applied
 * instead of running them a second time and failing half-way.
 */
export async function openServiceDataSource(dataSource: DataSource): Promise<DataSource> {
  const { url, schema } = dataSource.options as { url: string; schema: string };
  const client = new Client({ connectionString: url, application_name: `broadsheet-${schema}-migrations` });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [migrationLockName(schema)]);
    // CREATE SCHEMA checks the database-level CREATE right even when the schema exists, so a
    // role given only its own pre-made schema (deploy/postgres) must not issue it at all.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((error: { code?: string }) => {
        if (error.code !== '23505' && error.code !== '42P06') throw error;
      });
    }
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  } finally {
    // Ending the session releases its advisory lock.
    await client.end();
  }
  return dataSource;
}

/** The advisory lock a schema's migrators take turns on. */
export function migrationLockName(schema: string): string {
  return `broadsheet:migrations:${schema}`;
}

/** The schema of the DataSource a migration runs on (every service DataSource has one). */
export function migrationSchema(queryRunner: { connection: { options: object } }): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('This migration needs a DataSource with a schema');
  return schema;
}
