import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WriteBatcher } from './write-batcher';

describe('WriteBatcher', () => {
  it('holds writes until the end of the loop turn, then runs them in order in one block', async () => {
    const batcher = new WriteBatcher();
    const ran: string[] = [];
    batcher.defer(() => ran.push('a'));
    await Promise.resolve(); // microtasks run, the writes still wait
    batcher.defer(() => ran.push('b'));
    queueMicrotask(() => batcher.defer(() => ran.push('c')));
    assert.deepEqual(ran, []);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(ran, ['a', 'b', 'c']);
  });

  it('starts a new batch for writes deferred while a batch runs', async () => {
    const batcher = new WriteBatcher();
    const ran: string[] = [];
    batcher.defer(() => {
      ran.push('first');
      batcher.defer(() => ran.push('next turn'));
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(ran, ['first']);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(ran, ['first', 'next turn']);
  });

  it('runs the rest of the batch when one write throws', async () => {
    const batcher = new WriteBatcher();
    const ran: string[] = [];
    batcher.defer(() => {
      throw new Error('connection closed');
    });
    batcher.defer(() => ran.push('after'));
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(ran, ['after']);
  });
});
