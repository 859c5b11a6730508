import type { TransactionHost } from '@broadsheet/database';

/** A connection of its own that can hold a transaction (a TypeORM QueryRunner is one). */
export interface DedicatedConnection {
  query(sql: string, params?: unknown[]): Promise<any>;
  startTransaction(): Promise<void>;
  rollbackTransaction(): Promise<void>;
}

/**
 * How many rows of `table` `read` took from Postgres on `connection`: rows the table's
 * sequential and bitmap scans returned, and entries read from its indexes (index scans fetch no
 * more rows than they read entries). These are the backend's own counters, not yet flushed to
 * the statistics, so they hold still within a transaction: `read` runs in one that is rolled
 * back, and must run its statements on `connection`. A count, not a time: it tells a read that
 * costs its page from one that costs the table, whatever the machine.
 */
export async function rowsRead(connection: DedicatedConnection, table: string, read: () => Promise<unknown>): Promise<number> {
  const counter = async (): Promise<number> => {
    const [{ n }] = await connection.query(
      `SELECT pg_stat_get_xact_tuples_returned($1::regclass) + pg_stat_get_xact_tuples_fetched($1::regclass)
              + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) FROM pg_index WHERE indrelid = $1::regclass) AS n`,
      [table],
    );
    return Number(n);
  };
  await connection.startTransaction();
  try {
    const before = await counter();
    await read();
    return (await counter()) - before;
  } finally {
    await connection.rollbackTransaction();
  }
}

/**
 * A TransactionHost whose `rows` (what repositories' reads go through) run on `connection`, so
 * that `rowsRead` counts what a repository's read takes. It has only `rows`.
 */
export function readsOn(connection: DedicatedConnection): TransactionHost {
  return { rows: (sql: string, params: unknown[] = []) => connection.query(sql, params) } as unknown as TransactionHost;
}
