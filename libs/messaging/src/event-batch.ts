import { AsyncLocalStorage } from 'node:async_hooks';

type Pending = Map<BatchedWork<unknown>, unknown[]>;

const storage = new AsyncLocalStorage<Pending>();

/**
 * Work an event handler can leave to the end of the batch it runs in: BusServer applies the
 * events that queued together in one transaction, inside `EventBatch.run`, and each
 * `BatchedWork` then gets all the items its handlers added, once, still inside that transaction
 * (so they commit or roll back with the batch and its inbox marks). Outside a batch (a rebuild
 * tool, a test calling a handler) an item is done at once.
 *
 * Only for writes whose order does not matter within a batch (e.g. upserts guarded by a version),
 * since they run after every handler of the batch.
 */
export const EventBatch = {
  async run<T>(work: () => Promise<T>): Promise<T> {
    const pending: Pending = new Map();
    const result = await storage.run(pending, work);
    // Flushing may add more (one batched work feeding another): go until nothing is left.
    while (pending.size > 0) {
      const [[batched, items]] = pending;
      pending.delete(batched);
      await storage.run(pending, () => batched.flush(items));
    }
    return result;
  },
};

/** A kind of batched work: `flush` does a whole batch's items at once (e.g. one multi-row upsert). */
export class BatchedWork<T> {
  constructor(readonly flush: (items: T[]) => Promise<void>) {}

  /** Does the items added so far in the running batch now (before a write they must precede). */
  async drain(): Promise<void> {
    const pending = storage.getStore();
    const items = pending?.get(this as BatchedWork<unknown>);
    if (!items) return;
    pending!.delete(this as BatchedWork<unknown>);
    await this.flush(items as T[]);
  }

  /** Adds an item to the running batch, or does it now outside one. */
  async add(item: T): Promise<void> {
    const pending = storage.getStore();
    if (!pending) return this.flush([item]);
    const items = pending.get(this as BatchedWork<unknown>);
    if (items) items.push(item);
    else pending.set(this as BatchedWork<unknown>, [item]);
  }
}
