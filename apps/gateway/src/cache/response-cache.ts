import { LruMap } from '@broadsheet/platform';

/** A stored anonymous response: the exact bytes, their ETag and what they depend on. */
export interface CachedResponse {
  status: number;
  body: Buffer;
  etag: string;
  contentType: string;
  cacheControl: string;
  tags: string[];
  storedAt: number;
  /** Overrides the cache-wide TTL (shorter, for derived views). */
  ttlMs?: number;
}

export interface ResponseCacheOptions {
  maxEntries: number;
  /** Bound on the bodies held, in bytes; the least recently used go first. */
  maxBytes: number;
  /** A safety net only: events keep entries true, this bounds the damage of a missed one. */
  ttlMs: number;
}

/**
 * In-memory LRU (`LruMap`) of anonymous GET responses, keyed by URL, each tagged with what it
 * depends on (`slug:<slug>`, `lists`, `comments`, ...), bounded by entries and by body bytes. Events
 * invalidate by tag; nothing expires early. An entry past its TTL may still be served for one
 * more TTL while its replacement is computed (`stale`).
 */
export class ResponseCache {
  private readonly entries = new LruMap<string, CachedResponse>();
  private readonly byTag = new Map<string, Set<string>>();
  /** Bumped by every invalidation, so a response computed before it is never stored after it. */
  private epoch = 0;
  private heldBytes = 0;

  constructor(private readonly options: ResponseCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  /** The bytes of the bodies held. */
  get bytes(): number {
    return this.heldBytes;
  }

  get generation(): number {
    return this.epoch;
  }

  /**
   * The entry for `key` if it is fresh. An entry past its TTL is kept for one more TTL (see
   * `stale`), then dropped; an invalidated entry is gone at once.
   */
  get(key: string, now = Date.now()): CachedResponse | undefined {
    const entry = this.entries.peek(key);
    if (!entry) return undefined;
    const ttl = entry.ttlMs ?? this.options.ttlMs;
    if (now - entry.storedAt > ttl) {
      if (now - entry.storedAt > 2 * ttl) this.delete(key);
      return undefined;
    }
    return this.entries.get(key);
  }

  /**
   * The entry for `key` that expired by its TTL less than one TTL ago, to serve while its
   * replacement is computed (stale-while-revalidate). Never one an invalidation dropped.
   */
  stale(key: string, now = Date.now()): CachedResponse | undefined {
    const entry = this.entries.peek(key);
    if (!entry) return undefined;
    const age = now - entry.storedAt;
    const ttl = entry.ttlMs ?? this.options.ttlMs;
    return age > ttl && age <= 2 * ttl ? entry : undefined;
  }

  /** Stores unless an invalidation happened since `generation` was read (the response may be stale). */
  set(key: string, entry: CachedResponse, generation: number): boolean {
    if (generation !== this.epoch || entry.body.length > this.options.maxBytes) return false;
    this.delete(key);
    this.entries.set(key, entry);
    this.heldBytes += entry.body.length;
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.options.maxEntries || this.heldBytes > this.options.maxBytes) {
      this.delete(this.entries.oldest()!);
    }
    return true;
  }

  /** Drops every entry carrying any of `tags`. */
  invalidate(tags: Iterable<string>): number {
    this.epoch++;
    let dropped = 0;
    for (const tag of tags) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        if (this.delete(key)) dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.byTag.clear();
    this.heldBytes = 0;
  }

  private delete(key: string): boolean {
    const entry = this.entries.peek(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.heldBytes -= entry.body.length;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
    return true;
  }
}
