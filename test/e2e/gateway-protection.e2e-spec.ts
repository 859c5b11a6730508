import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signUp } from './support/accounts';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

describe('gateway: protection, metrics and API description', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;

  before(async () => {
    suite = await startSuite({
      label: 'protection',
      env: { WRITE_RATE_LIMIT_PER_USER: '5', BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://reader.example' },
    });
    api = apiClient(suite.api);
  });
  after(() => suite.close());

  it('sends security headers on every response', async () => {
    const res = await api.get('/health');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(res.headers.get('strict-transport-security'));
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(res.headers.get('x-powered-by'), null);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self';.*script-src 'self' 'unsafe-inline'/);
    const missing = await api.get('/articles/no-such-article-anywhere');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(missing.headers.get('content-security-policy'), res.headers.get('content-security-policy'));
  });

  it('allows the configured CORS origins only', async () => {
    const allowed = await api.call('OPTIONS', '/users', {
      headers: { origin: 'https://reader.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://reader.example');
    const other = await api.call('OPTIONS', '/users', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('refuses a body over the limit with 413 in the RealWorld shape', async () => {
    const res = await api.post('/users', { user: { username: 'x'.repeat(4000) } });
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, { errors: { body: ['is too large'] } });
  });

  it('refuses malformed JSON with 422, not 500', async () => {
    const res = await api.call('POST', '/users', { body: '{"user": ', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 422);
    assert.ok(res.body.errors.body);
  });

  it('limits writes per user with 429 and Retry-After', async () => {
    const account = await signUp(api, 'limited');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await api.put('/user', { user: { bio: `bio ${i}` } }, { token: account.token });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        assert.ok(res.body.errors.request);
      }
    }
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    assert.ok(statuses.slice(5).every((s) => s === 429), `statuses: ${statuses}`);
    assert.ok(Number(retryAfter) >= 1);
    const read = await api.get('/user', { token: account.token });
    assert.equal(read.status, 200, 'reads are not limited by default');
  });

  it('exposes Prometheus metrics for HTTP, services, consumers and outboxes', async () => {
    await api.get('/health');
    const res = await api.get('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = String(res.body);
    assert.match(text, /broadsheet_http_request_duration_seconds_bucket\{[^}]*route="\/api\/health"/);
    assert.match(text, /broadsheet_rpc_request_duration_seconds_count\{service="users"/);
    assert.match(text, /broadsheet_service_up\{service="comments"\} 1/);
    assert.match(text, /broadsheet_outbox_pending\{service="users"\} \d+/);
    assert.match(text, /broadsheet_cache_lookups_total/);
  });

  it('serves the OpenAPI 3.1 document and Swagger UI', async () => {
    const doc = await api.get('/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    assert.ok(doc.body.paths['/api/users']);
    const ui = await api.get('/docs');
    assert.equal(ui.status, 200);
    assert.match(String(ui.body), /swagger/i);
  });
});
