import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventLanes } from './event-lanes';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Lanes whose batches each take a tick, recording every batch and the most running at once. */
function recorder(width: number, maxBatch: number) {
  const batches: string[][] = [];
  let running = 0;
  let maxRunning = 0;
  const lanes = new EventLanes<string>(
    width,
    maxBatch,
    async (batch) => {
      maxRunning = Math.max(maxRunning, ++running);
      batches.push(batch);
      await tick();
      running--;
    },
    (error) => assert.fail(String(error)),
  );
  return { lanes, batches, maxRunning: () => maxRunning };
}

describe('EventLanes', () => {
  it('starts an idle lane at once and batches what queues behind it, in order, up to the limit', async () => {
    const { lanes, batches } = recorder(1, 3);
    for (const item of ['a1', 'b1', 'a2', 'c1', 'a3', 'b2']) lanes.push(item[0], item);
    assert.equal(lanes.outstanding, 6);
    await lanes.idle();
    assert.deepEqual(batches, [['a1'], ['b1', 'a2', 'c1'], ['a3', 'b2']]);
    assert.equal(lanes.outstanding, 0);
  });

  it('keeps one key on one lane while it has events outstanding, and runs other keys alongside', async () => {
    const { lanes, batches, maxRunning } = recorder(4, 100);
    const pushed = ['a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'a3', 'b3', 'c3'];
    for (const item of pushed) lanes.push(item[0], item);
    await lanes.idle();
    assert.ok(maxRunning() > 1, 'different keys never ran side by side');
    for (const key of ['a', 'b', 'c']) {
      const seen = batches.flat().filter((item) => item[0] === key);
      assert.deepEqual(seen, [1, 2, 3].map((n) => `${key}${n}`), `${key} out of order`);
      // Every batch holding the key holds only it here (each key has a lane of its own).
      for (const batch of batches.filter((b) => b.some((item) => item[0] === key))) assert.ok(batch.every((item) => item[0] === key));
    }
  });

  it('reports a failed batch and carries on', async () => {
    const errors: unknown[] = [];
    const applied: string[] = [];
    const lanes = new EventLanes<string>(
      1,
      10,
      async (batch) => {
        if (batch.includes('bad')) throw new Error('boom');
        applied.push(...batch);
      },
      (error) => errors.push(error),
    );
    lanes.push('k', 'bad');
    await lanes.idle();
    lanes.push('k', 'good');
    await lanes.idle();
    assert.equal(errors.length, 1);
    assert.deepEqual(applied, ['good']);
  });

  it('waits for room below a limit', async () => {
    const { lanes } = recorder(1, 2);
    for (const item of ['a', 'b', 'c', 'd', 'e']) lanes.push(item, item);
    await lanes.room(3);
    assert.ok(lanes.outstanding < 3);
    await lanes.idle();
  });
});
