import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DOMAIN_SERVICES } from '@broadsheet/contracts';
import { createDomainService } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { createTestDatabase, deleteStream, isolatedBusEnv, runId, testInfrastructure, type TestDatabase } from '@broadsheet/testing';
import { UsersConfig } from '../apps/users/src/config/users.config';
import { USERS_SERVICE } from '../apps/users/src/users.definition';

const INIT_SCRIPT = join(__dirname, '..', '..', 'deploy', 'postgres', '10-service-roles.sh');

/**
 * The compose init script's SQL, run by psql with the script's own variables, on a test
 * database. Roles are cluster-wide, so each run renames them with a suffix of its own.
 */
function runInitSql(adminUrl: string, database: string, suffix: string): void {
  const script = readFileSync(INIT_SCRIPT, 'utf8');
  const sql = /<<'SQL'\n([\s\S]*?)\nSQL\n/.exec(script)![1].replace(/\b(\w+)_svc\b/g, `$1_svc_${suffix}`);
  const variables = [...script.matchAll(/-v (\w+)="\$(\w+)"/g)].flatMap(([, name]) => ['-v', `${name}=${name === 'db' ? database : `pw-${name}`}`]);
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...variables, adminUrl], { input: sql, stdio: ['pipe', 'ignore', 'pipe'] });
}

describe('compose database roles (deploy/postgres) on a real PostgreSQL', () => {
  const suffix = runId();
  const bus = isolatedBusEnv();
  let db: TestDatabase;
  let natsUrl: string;
  let serverUrl: string;

  const urlAs = (service: string) => {
    const url = new URL(db.url);
    url.username = `${service}_svc_${suffix}`;
    url.password = `pw-${service}_password`;
    return url.toString();
  };

  async function asRole<T>(service: string, work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: urlAs(service) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  before(async () => {
    const infra = await testInfrastructure();
    natsUrl = infra.natsUrl;
    serverUrl = infra.serverUrl;
    db = await createTestDatabase(serverUrl, 'roles');
    runInitSql(db.url, db.name, suffix);
  });

  after(async () => {
    await db.drop();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    for (const service of DOMAIN_SERVICES) await admin.query(`DROP ROLE IF EXISTS "${service}_svc_${suffix}"`);
    await admin.end();
    await deleteStream(natsUrl, bus.EVENTS_STREAM);
  });

  it("boots a service as its own role: migrations run in the schema it owns", async () => {
    const config = loadConfig(UsersConfig, { ...bus, DATABASE_URL: urlAs('users'), NATS_URL: natsUrl, LOG_LEVEL: 'error', INSTANCE_ID: 'roles-test' });
    const service = await createDomainService(USERS_SERVICE, config);
    await service.close();
    const tables = await asRole('users', (c) => c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'users' ORDER BY 1`));
    assert.deepEqual(
      tables.rows.map((r) => r.table_name).filter((t: string) => ['inbox', 'migrations', 'outbox'].includes(t)),
      ['inbox', 'migrations', 'outbox'],
    );
  });

  it("denies a service every other schema, the public schema and new schemas", async () => {
    await asRole('articles', async (c) => {
      await c.query('CREATE TABLE articles.probe (id int)');
      await c.query('INSERT INTO articles.probe VALUES (1)');
    });
    await asRole('users', async (c) => {
      await assert.rejects(c.query('SELECT * FROM articles.probe'), /permission denied for schema articles/);
      await assert.rejects(c.query('CREATE TABLE articles.intruder (id int)'), /permission denied for schema articles/);
      await assert.rejects(c.query('CREATE TABLE public.intruder (id int)'), /permission denied for schema public/);
      await assert.rejects(c.query('CREATE SCHEMA intruder'), /permission denied for database/);
    });
  });
});
