import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Coalescer, type CoalescerOptions } from './coalescer';

/** A coalescer whose runs take a tick and record each batch; a batch holding 'bad' fails. */
function recorder(options: Omit<CoalescerOptions<string>, 'maxBatch'> = {}) {
  const batches: string[][] = [];
  let running = 0;
  let mostRunning = 0;
  const coalescer = new Coalescer<string, string>(
    async (items) => {
      batches.push(items);
      mostRunning = Math.max(mostRunning, ++running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
      if (items.includes('bad')) throw new Error('bad item');
      return items.map((item) => item.toUpperCase());
    },
    { maxBatch: 3, ...options },
  );
  return { coalescer, batches, mostRunning: () => mostRunning };
}

describe('Coalescer', () => {
  it('runs a call at once when idle, and those arriving meanwhile as batches in order, up to the limit', async () => {
    const { coalescer, batches, mostRunning } = recorder();
    const outputs = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((item) => coalescer.submit(item)));
    assert.deepEqual(outputs, ['A', 'B', 'C', 'D', 'E', 'F']);
    assert.deepEqual(batches, [['a'], ['b', 'c', 'd'], ['e', 'f']]);
    assert.equal(mostRunning(), 1);
  });

  it('leaves an item out of a batch it does not fit, for a later one', async () => {
    // One item per first letter in a batch (as one post per author).
    const { coalescer, batches } = recorder({ fits: (item, batch) => !batch.some((other) => other[0] === item[0]) });
    await Promise.all(['u0', 'x1', 'x2', 'y1', 'x3'].map((item) => coalescer.submit(item)));
    assert.deepEqual(batches, [['u0'], ['x1', 'y1'], ['x2'], ['x3']]);
  });

  it('runs a failed batch again item by item, so only the bad item fails', async () => {
    const { coalescer, batches } = recorder();
    const results = await Promise.allSettled(['a', 'b', 'bad', 'c'].map((item) => coalescer.submit(item)));
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(batches, [['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
    await coalescer.idle();
  });
});
