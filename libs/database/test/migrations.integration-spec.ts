import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource, openServiceDataSource } from '@broadsheet/database';
import { createTestDatabase, testInfrastructure, type TestDatabase } from '@broadsheet/testing';

/** A slow migration, so that replicas starting together overlap inside it. */
class SlowTable1700000000000 implements MigrationInterface {
  name = 'SlowTable1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`SELECT pg_sleep(0.3)`);
    await q.query(`CREATE TABLE slow (id int PRIMARY KEY)`);
    await q.query(`INSERT INTO slow VALUES (1)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE slow`);
  }
}

describe('openServiceDataSource: migrations (real Postgres)', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase((await testInfrastructure()).serverUrl, 'migrations');
  });
  after(() => db?.drop());

  const open = () => openServiceDataSource(createServiceDataSource({ url: db.url, schema: 'probe', entities: [], migrations: [SlowTable1700000000000], poolSize: 2 }));

  it('lets replicas that start together take turns, so each migration runs once', async () => {
    const replicas = await Promise.all([open(), open(), open()]);
    try {
      const runs = await replicas[0].query(`SELECT name FROM probe.migrations`);
      assert.deepEqual(runs, [{ name: 'SlowTable1700000000000' }]);
      assert.deepEqual(await replicas[1].query(`SELECT id FROM probe.slow`), [{ id: 1 }]);
      // The lock went with the migrators' sessions: a replica starting now finds nothing to do.
      const started = Date.now();
      const late = await open();
      assert.ok(Date.now() - started < 2000, 'not kept waiting');
      await late.destroy();
    } finally {
      await Promise.all(replicas.map((r) => r.destroy()));
    }
  });
});
