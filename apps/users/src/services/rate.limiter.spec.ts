import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@broadsheet/messaging';
import { RateLimiter, type RateLimitRule, type RateLimitStore, type WindowCount } from './rate.limiter';

/** Fixed windows on a clock the test moves. */
class FakeStore implements RateLimitStore {
  now = 0;
  readonly windows = new Map<string, { hits: number; endsAt: number }>();

  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    let w = this.windows.get(key);
    if (!w || w.endsAt <= this.now) this.windows.set(key, (w = { hits: 0, endsAt: this.now + windowSeconds * 1000 }));
    w.hits += 1;
    return { hits: w.hits, resetInSeconds: (w.endsAt - this.now) / 1000 };
  }
  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }
  async prune(): Promise<number> {
    return 0;
  }
}

const rule: RateLimitRule = { name: 'signin.account', max: 3, windowSeconds: 900, code: 'AUTH.TOO_MANY_ATTEMPTS', field: 'email', message: 'too many' };

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DomainError);
  return error;
}

describe('rate limiter', () => {
  it('allows max hits per window, then refuses with the rule code and retryAfter', async () => {
    const store = new FakeStore();
    const limiter = new RateLimiter(store);
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'a@example.com');
    store.now = 60_000;
    const error = await refusal(limiter.consume(rule, 'a@example.com'));
    assert.equal(error.code, 'AUTH.TOO_MANY_ATTEMPTS');
    assert.equal(error.retryAfter, 840);
    assert.deepEqual(Object.keys(error.fields ?? {}), ['email']);
  });

  it('starts a new window once the old one has ended', async () => {
    const store = new FakeStore();
    const limiter = new RateLimiter(store);
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'b@example.com');
    await refusal(limiter.consume(rule, 'b@example.com'));
    store.now = 900_000;
    await limiter.consume(rule, 'b@example.com');
  });

  it('keeps subjects apart, ignores case, and never stores the subject itself', async () => {
    const store = new FakeStore();
    const limiter = new RateLimiter(store);
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'C@Example.com');
    await refusal(limiter.consume(rule, 'c@example.com'));
    await limiter.consume(rule, 'd@example.com');
    for (const key of store.windows.keys()) {
      assert.match(key, /^signin\.account:[A-Za-z0-9_-]{32}$/);
      assert.ok(!key.includes('example'));
    }
  });

  it('forgets a subject on reset (a successful sign-in clears its failures)', async () => {
    const store = new FakeStore();
    const limiter = new RateLimiter(store);
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'e@example.com');
    await limiter.reset(rule, 'e@example.com');
    await limiter.consume(rule, 'e@example.com');
  });

  it('never answers a retryAfter below one second', async () => {
    const store = new FakeStore();
    const limiter = new RateLimiter(store);
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'f@example.com');
    store.now = 899_900;
    assert.equal((await refusal(limiter.consume(rule, 'f@example.com'))).retryAfter, 1);
  });
});
