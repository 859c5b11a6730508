import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSuite, type Suite } from './support/suite';

interface NewmanSummary {
  run: {
    stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
    failures: Array<{ source?: { name?: string }; error: { test?: string; message: string } }>;
  };
}

// newman is CommonJS with no types of its own.
const newman = require('newman') as {
  run(options: Record<string, unknown>, done: (error: Error | null, summary: NewmanSummary) => void): void;
};

const COLLECTION = join(__dirname, '..', '..', '..', 'test', 'realworld', 'Conduit.postman_collection.json');

describe('RealWorld conformance: the public Postman suite through the gateway', () => {
  let suite: Suite;

  before(async () => {
    suite = await startSuite({ label: 'realworld' });
  });
  after(() => suite.close());

  it('passes every request and every assertion', async () => {
    const id = randomBytes(5).toString('hex');
    const summary = await new Promise<NewmanSummary>((resolve, reject) =>
      newman.run(
        {
          collection: COLLECTION,
          delayRequest: 1,
          reporters: [],
          globals: {
            values: [
              { key: 'APIURL', value: suite.api },
              { key: 'USERNAME', value: `rw_${id}` },
              { key: 'EMAIL', value: `rw_${id}@example.com` },
              { key: 'PASSWORD', value: `a long pass phrase ${id}` },
            ],
          },
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
    const { requests, assertions } = summary.run.stats;
    const failures = summary.run.failures.map((f) => `${f.source?.name}: ${f.error.test ?? ''} ${f.error.message}`);
    console.log(`newman: ${requests.total} requests, ${assertions.total} assertions, ${assertions.failed} failed`);
    assert.deepEqual(failures, []);
    assert.equal(requests.failed, 0);
    assert.ok(requests.total >= 32, `only ${requests.total} requests ran`);
    assert.ok(assertions.total >= 300, `only ${assertions.total} assertions ran`);
  });
});
