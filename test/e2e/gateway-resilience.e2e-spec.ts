import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

describe('gateway: health and failing services', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;

  before(async () => {
    suite = await startSuite({ label: 'resilience' });
    api = apiClient(suite.api);
  });
  after(() => suite.close());

  it('reports every service, NATS and Postgres up', async () => {
    const res = await api.get('/health');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'up');
    assert.deepEqual(Object.keys(res.body.services).sort(), ['articles', 'comments', 'recommendations', 'users']);
    for (const service of Object.values<{ status: string; database: string }>(res.body.services)) {
      assert.equal(service.status, 'up');
      assert.equal(service.database, 'up');
    }
    assert.equal(res.body.nats.status, 'up');
    assert.equal(res.body.postgres.status, 'up');
  });

  it('answers 503 at once naming a service that is down, and 200 again when it returns', async () => {
    await suite.stopService('comments');
    const started = Date.now();
    const res = await api.get('/health');
    const elapsed = Date.now() - started;
    assert.equal(res.status, 503);
    assert.deepEqual(res.body.down, ['comments']);
    assert.match(res.body.services.comments.error, /comments service is unavailable/);
    assert.ok(elapsed < 500, `took ${elapsed} ms: a service with no responders must fail fast`);

    await suite.startService('comments');
    const back = await api.get('/health');
    assert.equal(back.status, 200);
  });

  it('fails a route fast with 503 while its service is down, and serves it again when it returns', async () => {
    await suite.stopService('users');
    const started = Date.now();
    const down = await api.get('/profiles/somebody');
    const elapsed = Date.now() - started;
    assert.equal(down.status, 503);
    assert.deepEqual(down.body, { errors: { service: ['The users service is unavailable'] } });
    assert.equal(down.headers.get('x-error-code'), 'SERVICE.UNAVAILABLE');
    assert.ok(elapsed < 500, `took ${elapsed} ms`);

    await suite.startService('users');
    const back = await api.get('/profiles/somebody');
    assert.equal(back.status, 404, 'the service answers again (the profile does not exist)');
  });

  it('echoes a caller-supplied request id and makes one otherwise', async () => {
    const given = await api.get('/health', { headers: { 'x-request-id': 'trace-me-123' } });
    assert.equal(given.headers.get('x-request-id'), 'trace-me-123');
    const made = await api.get('/health');
    assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a RealWorld 404 body', async () => {
    const res = await api.get('/no-such-route');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { errors: { route: ['not found'] } });
  });
});
