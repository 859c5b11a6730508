import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { createServiceDataSource, openServiceDataSource, TransactionHost } from '@broadsheet/database';
import { createTestDatabase, testInfrastructure, type TestDatabase } from '@broadsheet/testing';

describe('TransactionHost.query: prepared statements (real Postgres)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tx: TransactionHost;

  const preparedOnThisConnection = async () =>
    (await tx.rows<{ statement: string }>(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`)).map((r) => r.statement);

  before(async () => {
    const infra = await testInfrastructure();
    db = await createTestDatabase(infra.serverUrl, 'txhost');
    // One connection, so every statement below meets the same session's prepared statements.
    dataSource = await openServiceDataSource(createServiceDataSource({ url: db.url, schema: 'probe', entities: [], migrations: [], poolSize: 1 }));
    tx = new TransactionHost(dataSource);
    await tx.query(`CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)`);
  });

  after(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('prepares each statement text once per connection and reuses it', async () => {
    const text = `SELECT $1::int + 1 AS next`;
    assert.deepEqual(await tx.rows(text, [1]), [{ next: 2 }]);
    assert.deepEqual(await tx.rows(text, [41]), [{ next: 42 }]);
    const prepared = await preparedOnThisConnection();
    assert.equal(prepared.filter((statement) => statement === text).length, 1, `prepared once: ${JSON.stringify(prepared)}`);
  });

  it('reports how many rows an update or delete touched', async () => {
    await tx.query(`INSERT INTO notes (id, body) VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
    assert.equal((await tx.query(`UPDATE notes SET body = upper(body) WHERE id <= $1`, [2])).rowCount, 2);
    assert.equal((await tx.query(`DELETE FROM notes WHERE id = $1`, [99])).rowCount, 0);
  });

  it('runs inside the open transaction: sees its writes and rolls back with it', async () => {
    await assert.rejects(
      tx.run(async (manager) => {
        await manager.query(`INSERT INTO notes (id, body) VALUES (10, 'inside')`);
        const seen = await tx.rows<{ body: string }>(`SELECT body FROM notes WHERE id = $1`, [10]);
        assert.deepEqual(seen, [{ body: 'inside' }]);
        await tx.query(`INSERT INTO notes (id, body) VALUES ($1, $2)`, [11, 'also inside']);
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.deepEqual(await tx.rows(`SELECT id FROM notes WHERE id = ANY($1::int[])`, [[10, 11]]), []);
  });

  it("fails with node-postgres' own error, code and constraint included", async () => {
    await assert.rejects(tx.query(`INSERT INTO notes (id, body) VALUES ($1, $2)`, [1, 'again']), (error: { code?: string; constraint?: string }) => {
      assert.equal(error.code, '23505');
      assert.equal(error.constraint, 'notes_pkey');
      return true;
    });
    // The connection is still usable after the failure.
    assert.deepEqual(await tx.rows(`SELECT count(*)::int AS n FROM notes`), [{ n: 3 }]);
  });
});
