import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The ambient transaction. `run()` opens a transaction (or joins the one already open), and
 * every repository and the outbox reach the database through `manager`, so a change, its
 * outbox entry and an event handler's inbox mark all commit or roll back together.
 */
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  /** The open transaction's manager, or the DataSource's own outside a transaction. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = this.storage.getStore();
    if (open) return work(open);
    return this.dataSource.transaction((manager) => this.storage.run(manager, () => work(manager)));
  }
}
