import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TrendingRanking } from './trending.ranking';

/** A ranking query the test answers by hand, and a clock it moves. */
function fixture(refreshMs = 1000) {
  let clock = 0;
  const calls: Array<{ resolve(ids: string[]): void; reject(error: Error): void }> = [];
  const errors: unknown[] = [];
  const ranking = new TrendingRanking(
    () => new Promise<string[]>((resolve, reject) => calls.push({ resolve, reject })),
    { refreshMs, now: () => clock, onError: (error) => errors.push(error) },
  );
  const settle = () => new Promise((r) => setImmediate(r));
  return { ranking, calls, errors, settle, advance: (ms: number) => (clock += ms) };
}

describe('TrendingRanking', () => {
  it('ranks on the first read, then serves that ranking until it is refreshMs old', async () => {
    const { ranking, calls, advance } = fixture();
    const first = ranking.get();
    assert.equal(calls.length, 1);
    calls[0].resolve(['a', 'b']);
    assert.deepEqual(await first, ['a', 'b']);
    advance(999);
    assert.deepEqual(await ranking.get(), ['a', 'b']);
    assert.equal(calls.length, 1, 'no query within refreshMs');
  });

  it('answers a read of an old ranking at once and ranks again in the background, once for all readers', async () => {
    const { ranking, calls, settle, advance } = fixture();
    const first = ranking.get();
    calls[0].resolve(['a']);
    await first;
    advance(1000);
    assert.deepEqual(await Promise.all([ranking.get(), ranking.get(), ranking.get()]), [['a'], ['a'], ['a']]);
    assert.equal(calls.length, 2, 'one refresh shared by every read meanwhile');
    calls[1].resolve(['b', 'a']);
    await settle();
    assert.deepEqual(await ranking.get(), ['b', 'a']);
    assert.equal(calls.length, 2);
  });

  it('dates a ranking from when its query started, so a slow query is not served past its time', async () => {
    const { ranking, calls, advance } = fixture();
    const first = ranking.get();
    advance(600);
    calls[0].resolve(['a']);
    await first;
    advance(400);
    await ranking.get();
    assert.equal(calls.length, 2);
  });

  it('keeps serving the last ranking when a refresh fails, reports it, and tries again on the next read', async () => {
    const { ranking, calls, errors, settle, advance } = fixture();
    const first = ranking.get();
    calls[0].resolve(['a']);
    await first;
    advance(1000);
    assert.deepEqual(await ranking.get(), ['a']);
    calls[1].reject(new Error('database gone'));
    await settle();
    assert.equal(errors.length, 1);
    assert.deepEqual(await ranking.get(), ['a']);
    assert.equal(calls.length, 3, 'the next read starts another refresh');
    calls[2].resolve(['c']);
    await settle();
    assert.deepEqual(await ranking.get(), ['c']);
  });

  it('fails the first read when there is no ranking to fall back on, and ranks again on the next', async () => {
    const { ranking, calls } = fixture();
    const first = ranking.get();
    calls[0].reject(new Error('database gone'));
    await assert.rejects(first, /database gone/);
    const second = ranking.get();
    assert.equal(calls.length, 2);
    calls[1].resolve(['a']);
    assert.deepEqual(await second, ['a']);
  });

  it('starts a ranking on every read with refreshMs 0, serving the last one meanwhile', async () => {
    const { ranking, calls, settle } = fixture(0);
    const first = ranking.get();
    calls[0].resolve(['a']);
    await first;
    await ranking.get();
    assert.equal(calls.length, 2);
    calls[1].resolve(['b']);
    await settle();
    assert.deepEqual(await ranking.get(), ['b']);
  });
});
