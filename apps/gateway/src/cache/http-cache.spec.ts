import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { DERIVED_TTL_MS, slugTag } from './cache-tags';
import { HttpCache } from './http-cache';
import { ResponseCache } from './response-cache';

/** A gateway's cache hooks in front of one page route, whose answers can be held back. */
async function pageServer() {
  const cache = new ResponseCache({ maxEntries: 100, maxBytes: 1 << 20, ttlMs: 60_000 });
  const fastify = Fastify();
  new HttpCache(cache, true, new GatewayMetrics()).register(fastify);
  let computed = 0;
  let gate: Promise<void> | undefined;
  fastify.get('/api/articles/:slug/page', async () => {
    const n = ++computed;
    await gate;
    return { n };
  });
  await fastify.ready();
  const url = '/api/articles/harbour/page';
  const get = async () => {
    const res = await fastify.inject({ method: 'GET', url });
    return { n: (res.json() as { n: number }).n, cache: res.headers['x-cache'] };
  };
  return {
    cache,
    get,
    /** Makes the stored page older than its TTL (2 s), as if that time had passed. */
    expire: () => {
      const entry = cache.get(url)!;
      entry.storedAt -= DERIVED_TTL_MS + 500;
    },
    /** Holds the next computations until the returned function is called. */
    hold: () => {
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        open();
        gate = undefined;
      };
    },
    close: () => fastify.close(),
  };
}

describe('HttpCache', () => {
  it('serves an expired entry to the requests that arrive while one recomputes it, then the new one', async () => {
    const server = await pageServer();
    try {
      assert.deepEqual(await server.get(), { n: 1, cache: 'MISS' });
      assert.deepEqual(await server.get(), { n: 1, cache: 'HIT' });
      server.expire();
      const release = server.hold();
      const refill = server.get();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(await Promise.all([server.get(), server.get()]), [
        { n: 1, cache: 'STALE' },
        { n: 1, cache: 'STALE' },
      ]);
      release();
      assert.deepEqual(await refill, { n: 2, cache: 'MISS' });
      assert.deepEqual(await server.get(), { n: 2, cache: 'HIT' });
    } finally {
      await server.close();
    }
  });

  it('never serves an entry an event dropped: those requests wait for the recomputed one', async () => {
    const server = await pageServer();
    try {
      await server.get();
      server.expire();
      server.cache.invalidate([slugTag('harbour')]);
      const release = server.hold();
      const refill = server.get();
      await new Promise((resolve) => setImmediate(resolve));
      const waiting = server.get();
      release();
      assert.deepEqual(await Promise.all([refill, waiting]), [
        { n: 2, cache: 'MISS' },
        { n: 2, cache: 'HIT' },
      ]);
    } finally {
      await server.close();
    }
  });
});
