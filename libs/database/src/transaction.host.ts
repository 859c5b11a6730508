import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** What a statement returned: its rows, and how many rows it touched (inserts, updates, deletes). */
export interface StatementResult<R> {
  rows: R[];
  rowCount: number;
}

/** The slice of a node-postgres client or pool that runs a named (prepared) statement. */
interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/**
 * The ambient transaction. `run()` opens a transaction (or joins the one already open), and
 * every repository and the outbox reach the database through `manager` or `query`, so a change,
 * its outbox entry and an event handler's inbox mark all commit or roll back together.
 */
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  private readonly statementNames = new Map<string, string>();

  constructor(readonly dataSource: DataSource) {}

  /** The open transaction's manager, or the DataSource's own outside a transaction. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * Runs `work` outside the open transaction, if any: for a statement shared by several callers
   * (`Coalescer`), which must not run on the connection of whichever caller started it.
   */
  outside<T>(work: () => T): T {
    return this.storage.exit(work);
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = this.storage.getStore();
    if (open) return work(open);
    return this.dataSource.transaction((manager) => this.storage.run(manager, () => work(manager)));
  }

  /**
   * Runs `text` in the open transaction (or on a pooled connection outside one) as a named
   * prepared statement: each connection parses it once, and Postgres can reuse its plan, which
   * saves most of the server's work on the short queries the hot paths run. Use it for SQL whose
   * text is fixed (or one of a few variants): every distinct text is prepared on every
   * connection. Errors are node-postgres' own (`code`, `constraint`, `detail`).
   */
  async query<R = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<StatementResult<R>> {
    const config = { name: this.statementName(text), text, values };
    const open = this.storage.getStore();
    const target: PgQueryable = open?.queryRunner
      ? ((await open.queryRunner.connect()) as PgQueryable)
      : (this.dataSource.driver as unknown as { master: PgQueryable }).master;
    const result = await target.query(config);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  }

  /** `query`'s rows (typed by the caller, as TypeORM's `manager.query` is). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async rows<R = any>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.query<R>(text, values)).rows;
  }

  private statementName(text: string): string {
    let name = this.statementNames.get(text);
    if (name === undefined) {
      name = `bs_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.statementNames.set(text, name);
    }
    return name;
  }
}
