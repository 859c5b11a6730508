interface Waiting<I, O> {
  item: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

export interface CoalescerOptions<I> {
  /** Items one call takes at most. */
  maxBatch: number;
  /** Whether `item` may join `batch`; an item left out waits for a later batch. */
  fits?: (item: I, batch: readonly I[]) => boolean;
}

/**
 * Runs calls that arrive while one is in flight together: an idle coalescer runs a call at once;
 * calls arriving meanwhile queue and go as the next batch, in arrival order (up to `maxBatch`,
 * and only the items `fits` admits; the others wait for a later batch). So batches only form
 * under load and add no wait of their own: a statement that serves ten requests costs Postgres
 * one round trip instead of ten. If a batch fails, its items are run again one by one, so only a
 * bad item fails. `run` answers one output per item, in order.
 */
export class Coalescer<I, O> {
  private queue: Waiting<I, O>[] = [];
  private running?: Promise<void>;
  private readonly maxBatch: number;
  private readonly fits: (item: I, batch: readonly I[]) => boolean;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    { maxBatch, fits = () => true }: CoalescerOptions<I>,
  ) {
    this.maxBatch = maxBatch;
    this.fits = fits;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const batch = this.take();
    this.running = this.settle(batch).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }

  private take(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    const items: I[] = [];
    const rest: Waiting<I, O>[] = [];
    for (const waiting of this.queue) {
      if (batch.length < this.maxBatch && this.fits(waiting.item, items)) {
        batch.push(waiting);
        items.push(waiting.item);
      } else {
        rest.push(waiting);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async settle(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outputs = await this.run(batch.map((w) => w.item));
      batch.forEach((waiting, i) => waiting.resolve(outputs[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const waiting of batch) {
        try {
          waiting.resolve((await this.run([waiting.item]))[0]);
        } catch (alone) {
          waiting.reject(alone);
        }
      }
    }
  }
}
