interface Queued<T> {
  key: string;
  item: T;
}

interface Lane<T> {
  queue: Queued<T>[];
  busy: boolean;
}

/**
 * Spreads a consumer's events over `width` lanes that each apply their queue in arrival order,
 * a batch at a time (whatever queued while the lane's previous batch ran, up to `maxBatch`).
 * An ordering key stays on one lane while any of its events is outstanding, so the events of one
 * aggregate are applied one after another in arrival order; other keys go to the least busy
 * lane and run alongside. An idle lane starts at once: batches only form under load, and cost
 * no added wait.
 */
export class EventLanes<T> {
  private readonly lanes: Lane<T>[];
  private readonly laneOfKey = new Map<string, { lane: number; outstanding: number }>();
  private count = 0;
  private waiters: Array<() => void> = [];

  /**
   * `apply` settles every item of its batch itself (ack, retry or dead-letter); should it throw,
   * `onError` hears of it and the lane goes on. `track` sees each batch's work (for shutdown).
   */
  constructor(
    width: number,
    private readonly maxBatch: number,
    private readonly apply: (batch: T[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly track: (work: Promise<void>) => void = () => undefined,
  ) {
    this.lanes = Array.from({ length: Math.max(1, width) }, () => ({ queue: [], busy: false }));
  }

  /** Events pushed and not yet applied (queued or in a running batch). */
  get outstanding(): number {
    return this.count;
  }

  push(key: string, item: T): void {
    let bound = this.laneOfKey.get(key);
    if (!bound) {
      bound = { lane: this.leastBusy(), outstanding: 0 };
      this.laneOfKey.set(key, bound);
    }
    bound.outstanding++;
    this.count++;
    this.lanes[bound.lane].queue.push({ key, item });
    this.pump(bound.lane);
  }

  /** Resolves once fewer than `limit` events are outstanding. */
  async room(limit: number): Promise<void> {
    while (this.count >= limit) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once every event pushed so far has been applied. */
  idle(): Promise<void> {
    return this.room(1);
  }

  private leastBusy(): number {
    let best = 0;
    let bestLoad = Infinity;
    for (const [index, lane] of this.lanes.entries()) {
      const load = lane.queue.length + (lane.busy ? 1 : 0);
      if (load < bestLoad) [best, bestLoad] = [index, load];
      if (load === 0) break;
    }
    return best;
  }

  private pump(index: number): void {
    const lane = this.lanes[index];
    if (lane.busy || lane.queue.length === 0) return;
    lane.busy = true;
    const taken = lane.queue.splice(0, this.maxBatch);
    const work = Promise.resolve()
      .then(() => this.apply(taken.map((q) => q.item)))
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        lane.busy = false;
        for (const { key } of taken) {
          const bound = this.laneOfKey.get(key)!;
          if (--bound.outstanding === 0) this.laneOfKey.delete(key);
        }
        this.count -= taken.length;
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
        this.pump(index);
      });
    this.track(work);
  }
}
