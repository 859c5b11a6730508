/** Outcome of taking one token: allowed, or how many seconds until one is free. */
export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets by key: `perMinute` requests a minute, in bursts of up to `perMinute`. Memory is
 * bounded: idle full buckets are swept. Per gateway replica (documented in docs/operations.md).
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly ratePerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 100_000,
  ) {
    this.ratePerMs = perMinute / 60_000;
  }

  take(key: string, now = Date.now()): Take {
    if (this.perMinute <= 0) return { allowed: true };
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.ratePerMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerMs / 1000)) };
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.sweep(now);
    return { allowed: true };
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.ratePerMs >= this.perMinute) this.buckets.delete(key);
    }
    // Still too many active keys: drop the oldest rather than grow without bound.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
