import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResponseCache, type CachedResponse } from './response-cache';

const entry = (tags: string[], storedAt = Date.now(), ttlMs?: number, body = '{}'): CachedResponse => ({
  status: 200,
  body: Buffer.from(body),
  etag: '"x"',
  contentType: 'application/json',
  cacheControl: 'public',
  tags,
  storedAt,
  ttlMs,
});

describe('ResponseCache', () => {
  it('invalidates by tag, leaving other entries', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: 60_000 });
    cache.set('/a', entry(['all', 'slug:a']), cache.generation);
    cache.set('/b', entry(['all', 'slug:b']), cache.generation);
    assert.equal(cache.invalidate(['slug:a']), 1);
    assert.equal(cache.get('/a'), undefined);
    assert.ok(cache.get('/b'));
  });

  it('refuses to store a response computed before an invalidation', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: 60_000 });
    const before = cache.generation;
    cache.invalidate(['slug:a']);
    assert.equal(cache.set('/a', entry(['slug:a']), before), false);
    assert.equal(cache.get('/a'), undefined);
  });

  it('evicts the least recently used entry beyond its size', () => {
    const cache = new ResponseCache({ maxEntries: 2, maxBytes: 1 << 20, ttlMs: 60_000 });
    cache.set('/a', entry(['all']), cache.generation);
    cache.set('/b', entry(['all']), cache.generation);
    cache.get('/a');
    cache.set('/c', entry(['all']), cache.generation);
    assert.ok(cache.get('/a'));
    assert.equal(cache.get('/b'), undefined);
    assert.equal(cache.size, 2);
  });

  it('expires entries after the cache TTL or their own shorter one', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: 1000 });
    cache.set('/long', entry(['all'], 0), cache.generation);
    cache.set('/short', entry(['all'], 0, 100), cache.generation);
    assert.ok(cache.get('/long', 500));
    assert.equal(cache.get('/short', 500), undefined);
    assert.equal(cache.get('/long', 1500), undefined);
  });

  it('holds at most maxBytes of bodies, dropping the least recently used, and never one larger than that', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 10, ttlMs: 60_000 });
    const body = (n: number) => 'x'.repeat(n);
    assert.ok(cache.set('/a', entry(['all'], Date.now(), undefined, body(4)), cache.generation));
    assert.ok(cache.set('/b', entry(['all'], Date.now(), undefined, body(4)), cache.generation));
    assert.ok(cache.get('/a'), 'a is now the most recently used');
    assert.ok(cache.set('/c', entry(['all'], Date.now(), undefined, body(4)), cache.generation));
    assert.deepEqual([cache.get('/a') !== undefined, cache.get('/b') !== undefined, cache.get('/c') !== undefined], [true, false, true]);
    assert.equal(cache.bytes, 8);
    assert.equal(cache.set('/big', entry(['all'], Date.now(), undefined, body(11)), cache.generation), false);
    assert.equal(cache.bytes, 8);
    cache.invalidate(['all']);
    assert.equal(cache.bytes, 0);
  });

  it('keeps an expired entry for one more TTL as stale, never an invalidated one', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: 60_000 });
    const now = Date.now();
    cache.set('/page', entry(['slug:a'], now, 2000), cache.generation);
    assert.ok(cache.get('/page', now + 1000));
    assert.equal(cache.stale('/page', now + 1000), undefined, 'fresh, not stale');
    assert.equal(cache.get('/page', now + 3000), undefined);
    assert.ok(cache.stale('/page', now + 3000), 'expired by its TTL: stale');
    assert.equal(cache.stale('/page', now + 4500), undefined, 'more than one TTL past it');
    assert.equal(cache.get('/page', now + 4500), undefined);
    assert.equal(cache.size, 0, 'then dropped');

    cache.set('/page', entry(['slug:a'], now, 2000), cache.generation);
    cache.invalidate(['slug:a']);
    assert.equal(cache.stale('/page', now + 3000), undefined, 'invalidated: gone');
  });
});
