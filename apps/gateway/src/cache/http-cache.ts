import { hash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayMetrics } from '../metrics/gateway.metrics';
import { ALL, cachePolicyFor, commentsTag, LISTS, slugTag, type CachePolicy } from './cache-tags';
import { ResponseCache } from './response-cache';

const PUBLIC = 'public, max-age=0, must-revalidate';
const PRIVATE = 'private, no-cache';
const NO_STORE = 'no-store';

interface CacheState {
  key: string;
  policy: CachePolicy;
  generation: number;
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
 */
export class HttpCache {
  constructor(
    readonly cache: ResponseCache,
    private readonly enabled: boolean,
    private readonly metrics: GatewayMetrics,
  ) {}

  register(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!this.enabled || request.method !== 'GET' || request.headers.authorization) return done();
      const path = request.url.split('?')[0];
      const policy = cachePolicyFor(path);
      if (!policy) return done();
      const hit = this.cache.get(request.url);
      this.metrics.cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
      if (!hit) {
        request.broadsheetCache = { key: request.url, policy, generation: this.cache.generation };
        return done();
      }
      void reply.header('etag', hit.etag).header('cache-control', hit.cacheControl).header('x-cache', 'HIT');
      if (matches(request.headers['if-none-match'], hit.etag)) {
        void reply.code(304).send();
      } else {
        void reply.code(hit.status).header('content-type', hit.contentType).send(hit.body);
      }
    });

    fastify.addHook('onSend', (request, reply, payload, done) => {
      done(null, this.onSend(request, reply, payload));
    });
  }

  private onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    if (reply.getHeader('x-cache') === 'HIT') return payload;
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
      const stored = this.cache.set(
        state.key,
        {
          status: 200,
          body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
          etag,
          contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          cacheControl,
          tags: state.policy.tags,
          ttlMs: state.policy.ttlMs,
          storedAt: Date.now(),
        },
        state.generation,
      );
      if (stored) this.metrics.cacheEntries.set(this.cache.size);
    }
    if (matches(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      return '';
    }
    return payload;
  }
}
