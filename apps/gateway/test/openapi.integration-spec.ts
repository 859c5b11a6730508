import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '@broadsheet/platform';
import { deleteStream, isolatedBusEnv, testInfrastructure } from '@broadsheet/testing';
import { GatewayConfig } from '../src/config/gateway.config';
import { createGateway, type GatewayApp } from '../src/gateway.factory';
import { buildOpenApiDocument } from '../src/openapi/openapi.setup';
import { OPENAPI_FILE, renderOpenApi } from '../../../scripts/generate-openapi';

/** Routes that serve the documentation or metrics themselves, not the API. */
const NOT_API = new Set(['/api/openapi.json', '/api/openapi.yaml', '/api/metrics']);
const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

describe('OpenAPI document', () => {
  let gateway: GatewayApp;
  let env: Record<string, string>;
  let natsUrl: string;

  before(async () => {
    natsUrl = (await testInfrastructure()).natsUrl;
    env = { ...isolatedBusEnv(), NATS_URL: natsUrl, LOG_LEVEL: 'error', PORT: '0', HOST: '127.0.0.1', JWT_PUBLIC_KEY: 'unused' };
    gateway = await createGateway(loadConfig(GatewayConfig, env));
    await gateway.app.init();
  });
  after(async () => {
    await gateway.close();
    await deleteStream(natsUrl, env.EVENTS_STREAM);
  });

  it('documents every route with a summary, its success answer with an example, and its errors', () => {
    const document = buildOpenApiDocument(gateway.app);
    assert.equal(document.openapi, '3.1.0');
    const api = gateway.routes.filter((r) => r.url.startsWith('/api') && !NOT_API.has(r.url) && !isDocs(r.url) && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    assert.ok(api.length >= 35, `only ${api.length} routes found`);
    const problems: string[] = [];
    for (const { method, url } of api) {
      const path = url.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = document.paths[path]?.[method.toLowerCase() as 'get'];
      if (!operation) {
        problems.push(`${method} ${url}: missing from the document`);
        continue;
      }
      if (!operation.summary) problems.push(`${method} ${url}: no summary`);
      const responses = Object.entries(operation.responses ?? {});
      const success = responses.find(([status]) => /^2\d\d$/.test(status));
      if (!success) problems.push(`${method} ${url}: no success response`);
      else if (success[0] !== '204' && !(success[1] as { content?: unknown }).content) problems.push(`${method} ${url}: success has no example`);
      if (!responses.some(([status]) => status === '503')) problems.push(`${method} ${url}: errors not documented`);
    }
    assert.deepEqual(problems, []);
  });

  it('matches docs/openapi.json (run `npm run docs:openapi` after changing a route)', () => {
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    assert.ok(committed === renderOpenApi(buildOpenApiDocument(gateway.app)), 'docs/openapi.json is stale');
  });

  it('lists every route in docs/api.md', () => {
    const guide = readFileSync(join(OPENAPI_FILE, '..', 'api.md'), 'utf8');
    const document = buildOpenApiDocument(gateway.app);
    const missing = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations as object)
        .map((method) => `${method.toUpperCase()} ${path}`)
        .filter((route) => !guide.includes(`\`${route}\``)),
    );
    assert.deepEqual(missing, []);
  });
});
