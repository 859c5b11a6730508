import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BatchedWork, EventBatch } from './event-batch';

function recorder() {
  const flushes: string[][] = [];
  const work = new BatchedWork<string>(async (items) => {
    flushes.push(items);
  });
  return { work, flushes };
}

describe('EventBatch', () => {
  it('does the items added during a batch once, at its end', async () => {
    const { work, flushes } = recorder();
    const result = await EventBatch.run(async () => {
      await work.add('a');
      await new Promise((resolve) => setTimeout(resolve, 1)); // across awaits, as handlers do
      await work.add('b');
      assert.deepEqual(flushes, [], 'nothing is done before the batch ends');
      return 'handled';
    });
    assert.equal(result, 'handled');
    assert.deepEqual(flushes, [['a', 'b']]);
  });

  it('does an item at once outside a batch', async () => {
    const { work, flushes } = recorder();
    await work.add('alone');
    assert.deepEqual(flushes, [['alone']]);
  });

  it('drains early on request, and keeps batches apart', async () => {
    const { work, flushes } = recorder();
    await Promise.all([
      EventBatch.run(async () => {
        await work.add('first-1');
        await work.drain();
        await work.add('first-2');
      }),
      EventBatch.run(async () => {
        await work.add('second-1');
      }),
    ]);
    assert.deepEqual(flushes.sort(), [['first-1'], ['first-2'], ['second-1']]);
  });

  it('does nothing of a batch whose handlers failed', async () => {
    const { work, flushes } = recorder();
    await assert.rejects(
      EventBatch.run(async () => {
        await work.add('x');
        throw new Error('handler failed');
      }),
      /handler failed/,
    );
    assert.deepEqual(flushes, []);
  });
});
