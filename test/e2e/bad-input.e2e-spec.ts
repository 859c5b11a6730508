import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildOpenApiDocument } from '../../apps/gateway/src/openapi/openapi.setup';
import { signUp, withRoles, type TestAccount } from './support/accounts';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

/** Bodies a careless or hostile client might send in place of the real thing. */
const BODIES: unknown[] = [
  null,
  [],
  'just a string',
  42,
  {},
  { user: 5, article: 'x', comment: [], report: null, decision: 7, sanction: true, roles: 'admin', status: {} },
  { user: { email: ['a'], password: { $gt: '' }, username: null } },
  { article: { title: 7, tagList: 'news', body: { nested: true }, sources: 'none', status: 'gone', scheduledAt: 'soon' } },
  { comment: { body: 12, parentId: 'one' } },
  { article: { title: 'x'.repeat(300), tagList: Array.from({ length: 50 }, (_, i) => `t${i}`) } },
  { article: { title: 'nul \u0000 inside', description: 'd', body: 'b' }, comment: { body: '\u0000' }, user: { username: 'a\u0000b' } },
];

/** Values for path parameters that are not what the route expects. */
const PARAMS = ['no-such-thing', '%00', '..%2F..', 'x'.repeat(400), '%F0%9F%93%B0', '-1', '1e309', "1' OR '1'='1"];

const QUERIES = ['', '?tag=%00', '?limit=-1', '?limit=abc', '?limit=100000', '?offset=-5', '?offset=1e309', '?sort=sideways', '?cursor=%%%', '?tag=&author=&favorited=', '?limit[]=1'];

describe('bad input never causes a 5xx', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;
  let reader: TestAccount;
  let admin: TestAccount;
  let routes: Array<{ method: string; path: string }>;
  let slug: string;

  before(async () => {
    suite = await startSuite({ label: 'badinput', env: { WRITE_RATE_LIMIT_PER_IP: '0', WRITE_RATE_LIMIT_PER_USER: '0', COMMENTS_POST_INTERVAL_MS: '0' } });
    api = apiClient(suite.api);
    reader = await signUp(api, 'fuzz');
    admin = await withRoles(suite.env, await signUp(api, 'root'), ['reader', 'editor', 'moderator', 'admin']);
    slug = (await api.post('/articles', { article: { title: 'Fuzz target', description: 'd', body: 'b' } }, { token: reader.token })).body.article.slug;
    const document = buildOpenApiDocument(suite.gateway.app);
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => ({ method: method.toUpperCase(), path: path.replace(/^\/api/, '') })),
    );
  });
  after(() => suite.close());

  it('answers every route, with every kind of bad input, without a server error', async () => {
    const failures: string[] = [];
    const check = async (method: string, path: string, body: unknown, token?: string) => {
      const res = await api.call(method, path, { body, token });
      if (res.status >= 500 && res.status !== 503) failures.push(`${method} ${path} ${JSON.stringify(body)?.slice(0, 80)} -> ${res.status} ${JSON.stringify(res.body)}`);
      else if (res.status >= 400 && !(res.body?.errors && typeof res.body.errors === 'object')) failures.push(`${method} ${path} -> ${res.status} without an errors body`);
    };
    for (const { method, path } of routes) {
      const fill = (value: string) => path.replace(/\{slug\}/g, value).replace(/\{username\}/g, value).replace(/\{id\}/g, value);
      for (const token of [undefined, reader.token, admin.token]) {
        for (const value of PARAMS) await check(method, fill(value), undefined, token);
        const real = path.replace(/\{slug\}/g, slug).replace(/\{username\}/g, 'nobody_here').replace(/\{id\}/g, '999999');
        if (method === 'GET') for (const query of QUERIES) await check(method, `${real}${query}`, undefined, token);
        else for (const body of BODIES) await check(method, real, body, token);
      }
    }
    assert.deepEqual(failures, []);
  });
});
