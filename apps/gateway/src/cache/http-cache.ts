import { hash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayMetrics } from '../metrics/gateway.metrics';
import { ALL, cachePolicyFor, commentsTag, LISTS, slugTag, type CachePolicy } from './cache-tags';
import { ResponseCache, type CachedResponse } from './response-cache';

const PUBLIC = 'public, max-age=0, must-revalidate';
const PRIVATE = 'private, no-cache';
const NO_STORE = 'no-store';
/** `x-cache` of a response the cache answered (a stale one while its replacement is computed). */
export const SERVED_FROM_CACHE: ReadonlySet<unknown> = new Set(['HIT', 'STALE']);

interface CacheState {
  key: string;
  policy: CachePolicy;
  generation: number;
  /** Set when this request computes the response that concurrent misses for its key wait for. */
  fill?: Fill;
}

/** One miss being computed; requests for the same key that arrive meanwhile wait for it. */
interface Fill {
  generation: number;
  waiters: Array<(entry: CachedResponse | undefined) => void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    broadsheetCache?: CacheState;
  }
}

/** A strong validator for the exact bytes sent (one-shot `hash`: no Hash object per response). */
export function etagOf(body: Buffer | string): string {
  return `"${hash('sha1', body, 'base64url')}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** The tags a successful write through this gateway makes stale at once (read-your-writes). */
export function tagsForWrite(method: string, path: string): string[] {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [, resource, id] = parts;
  if (resource === 'articles' && id) return [LISTS, slugTag(id), commentsTag(id)];
  if (resource === 'articles') return [LISTS];
  if (resource === 'user' && method === 'PUT') return [ALL];
  return [];
}

/**
 * Fastify hooks that serve anonymous GETs from the response cache before Nest routes them,
 * store what Nest answers, add `ETag` (with `If-None-Match` → 304) and `Cache-Control` to
 * every GET, and drop what a successful write makes stale. Requests with an `Authorization`
 * header never read or fill the cache, so no reader sees another's view.
 *
 * Misses for one URL are coalesced: while one request computes the response, the others for
 * the same URL wait and get its bytes, so an expiry or invalidation of a busy page costs the
 * services one computation, not one per waiting reader. A response stored after an
 * invalidation is refused (`ResponseCache.set`), and then the waiters compute their own. An entry
 * that only expired (its TTL passed; no event dropped it) is served, `x-cache: STALE`, to the
 * requests that arrive while one recomputes it, so a busy page's expiry keeps nobody waiting.
 */
export class HttpCache {
  private readonly fills = new Map<string, Fill>();

  constructor(
    readonly cache: ResponseCache,
    private readonly enabled: boolean,
    private readonly metrics: GatewayMetrics,
  ) {}

  register(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!this.enabled || request.method !== 'GET' || request.headers.authorization) return done();
      const key = request.url;
      // Only URLs with a cache policy are ever stored, so a hit needs no policy lookup.
      const hit = this.cache.get(key);
      if (hit) {
        this.metrics.cacheLookups.inc({ result: 'hit' });
        return this.serve(request, reply, hit, 'HIT');
      }
      const policy = cachePolicyFor(key.split('?')[0]);
      if (!policy) return done();
      const generation = this.cache.generation;
      const inFlight = this.fills.get(key);
      if (inFlight && inFlight.generation === generation) {
        // An entry that only expired (no event dropped it) is served while the fill replaces it.
        const stale = this.cache.stale(key);
        if (stale) {
          this.metrics.cacheLookups.inc({ result: 'stale' });
          return this.serve(request, reply, stale, 'STALE');
        }
        // Coalesce: one request computes the response, the others wait for it.
        this.metrics.cacheLookups.inc({ result: 'coalesced' });
        inFlight.waiters.push((entry) => {
          if (entry) return this.serve(request, reply, entry, 'HIT');
          request.broadsheetCache = { key, policy, generation: this.cache.generation };
          done();
        });
        return;
      }
      this.metrics.cacheLookups.inc({ result: 'miss' });
      const fill: Fill = { generation, waiters: [] };
      this.fills.set(key, fill);
      request.broadsheetCache = { key, policy, generation, fill };
      done();
    });

    fastify.addHook('onSend', (request, reply, payload, done) => {
      done(null, this.onSend(request, reply, payload));
    });
    // A fill that ends without a stored response (an error, an aborted request) lets its waiters go on.
    fastify.addHook('onResponse', (request, _reply, done) => {
      this.release(request, undefined);
      done();
    });
    fastify.addHook('onRequestAbort', (request, done) => {
      this.release(request, undefined);
      done();
    });
  }

  private serve(request: FastifyRequest, reply: FastifyReply, entry: CachedResponse, source: string): void {
    void reply.header('etag', entry.etag).header('cache-control', entry.cacheControl).header('x-cache', source);
    if (matches(request.headers['if-none-match'], entry.etag)) {
      void reply.code(304).send();
    } else {
      void reply.code(entry.status).header('content-type', entry.contentType).send(entry.body);
    }
  }

  /** Hands the fill's outcome to the requests waiting for it, once. */
  private release(request: FastifyRequest, entry: CachedResponse | undefined): void {
    const fill = request.broadsheetCache?.fill;
    if (!fill) return;
    request.broadsheetCache!.fill = undefined;
    if (this.fills.get(request.broadsheetCache!.key) === fill) this.fills.delete(request.broadsheetCache!.key);
    for (const waiter of fill.waiters) waiter(entry);
  }

  private onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    if (SERVED_FROM_CACHE.has(reply.getHeader('x-cache'))) return payload;
    const path = request.url.split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', NO_STORE);
      if (reply.statusCode < 400) {
        const tags = tagsForWrite(request.method, path);
        if (tags.length > 0) this.metrics.cacheInvalidations.inc({ cause: 'write' }, this.cache.invalidate(tags));
      }
      return payload;
    }
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', NO_STORE);
      return payload;
    }
    const state = request.broadsheetCache;
    const cacheControl =
      (reply.getHeader('cache-control') as string | undefined) ??
      (request.headers.authorization ? PRIVATE : state ? PUBLIC : 'no-cache');
    const etag = etagOf(payload);
    void reply.header('etag', etag).header('cache-control', cacheControl);
    if (state && this.enabled) {
      void reply.header('x-cache', 'MISS');
      const entry: CachedResponse = {
        status: 200,
        body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
        etag,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        cacheControl,
        tags: state.policy.tags,
        ttlMs: state.policy.ttlMs,
        storedAt: Date.now(),
      };
      const stored = this.cache.set(state.key, entry, state.generation);
      if (stored) {
        this.metrics.cacheEntries.set(this.cache.size);
        this.metrics.cacheBytes.set(this.cache.bytes);
      }
      // Waiters arrived before any invalidation that would have refused the store.
      this.release(request, stored ? entry : undefined);
    }
    if (matches(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      return '';
    }
    return payload;
  }
}
