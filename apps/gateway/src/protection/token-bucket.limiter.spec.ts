import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucketLimiter } from './token-bucket.limiter';

describe('TokenBucketLimiter', () => {
  it('allows a burst of the limit, then refuses with the seconds until the next token', () => {
    const limiter = new TokenBucketLimiter(60);
    const now = 1_000_000;
    for (let i = 0; i < 60; i++) assert.deepEqual(limiter.take('ip', now), { allowed: true });
    assert.deepEqual(limiter.take('ip', now), { allowed: false, retryAfterSeconds: 1 });
    assert.deepEqual(limiter.take('other', now), { allowed: true }, 'keys are independent');
  });

  it('refills at the configured rate', () => {
    const limiter = new TokenBucketLimiter(6); // one token every 10 s
    const now = 0;
    for (let i = 0; i < 6; i++) limiter.take('k', now);
    const refused = limiter.take('k', now);
    assert.equal(refused.allowed, false);
    assert.equal(!refused.allowed && refused.retryAfterSeconds, 10);
    assert.equal(limiter.take('k', now + 10_000).allowed, true);
  });

  it('treats a limit of 0 as unlimited', () => {
    const limiter = new TokenBucketLimiter(0);
    for (let i = 0; i < 1000; i++) assert.equal(limiter.take('k').allowed, true);
  });

  it('keeps memory bounded', () => {
    const limiter = new TokenBucketLimiter(10, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`k${i}`, 0);
    assert.ok((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size <= 100);
  });
});
