import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruMap } from './lru-map';

describe('LruMap', () => {
  const filled = (...keys: string[]) => {
    const map = new LruMap<string, number>();
    keys.forEach((key, i) => map.set(key, i));
    return map;
  };

  it('keeps entries in order of use: get moves one to the newest end, peek does not', () => {
    const map = filled('a', 'b', 'c');
    assert.deepEqual([...map.keys()], ['a', 'b', 'c']);
    assert.equal(map.get('a'), 0);
    assert.deepEqual([...map.keys()], ['b', 'c', 'a']);
    assert.equal(map.peek('b'), 1);
    assert.equal(map.oldest(), 'b');
    assert.equal(map.get('a'), 0, 'the newest read again stays where it is');
    assert.deepEqual([...map.keys()], ['b', 'c', 'a']);
  });

  it('set replaces a value and makes it the newest; delete and clear unlink entries from every place', () => {
    const map = filled('a', 'b', 'c');
    map.set('a', 10);
    assert.deepEqual([...map.keys()], ['b', 'c', 'a']);
    assert.equal(map.peek('a'), 10);
    assert.equal(map.delete('c'), true);
    assert.equal(map.delete('c'), false);
    assert.deepEqual([...map.keys()], ['b', 'a']);
    assert.equal(map.delete('b'), true, 'the oldest');
    assert.equal(map.oldest(), 'a');
    assert.equal(map.delete('a'), true, 'the last');
    assert.equal(map.oldest(), undefined);
    assert.equal(map.size, 0);
    map.set('d', 4);
    assert.deepEqual([...map.keys()], ['d']);
    map.clear();
    assert.deepEqual([map.size, map.oldest(), map.has('d'), map.get('d')], [0, undefined, false, undefined]);
  });

  it('evicting the oldest after each set keeps the most recently used entries', () => {
    const map = new LruMap<number, number>();
    for (let i = 0; i < 1000; i++) {
      map.set(i, i);
      map.get(0); // always in use
      if (map.size > 10) map.delete(map.oldest()!);
    }
    assert.deepEqual([...map.keys()].sort((x, y) => x - y), [0, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
  });
});
