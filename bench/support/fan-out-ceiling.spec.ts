import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fanOutRoutes } from './fan-out-ceiling';

describe('fanOutRoutes', () => {
  const decode = (json: string) =>
    new Map(Object.entries(JSON.parse(json) as Record<string, string[]>).map(([path, parts]) => [path, parts.map((b64) => Buffer.from(b64, 'base64'))]));

  it('cuts each answer into its number of parts, which join back into the same bytes', () => {
    const page = Buffer.from('{"article":{},"comments":{"comments":[]},"related":{"articles":[]}}');
    const routes = decode(fanOutRoutes(new Map([['/articles/a/page', { body: page, parts: 3 }]])));
    const parts = routes.get('/articles/a/page')!;
    assert.equal(parts.length, 3);
    assert.deepEqual(Buffer.concat(parts), page);
    assert.ok(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length)) <= 2, 'parts of about equal size');
  });

  it('keeps a one-part answer whole, and non-ASCII bytes intact', () => {
    const body = Buffer.from('{"title":"Zürich – 東京"}');
    const routes = decode(fanOutRoutes(new Map([['/articles/z', { body, parts: 1 }]])));
    assert.deepEqual(routes.get('/articles/z'), [body]);
  });
});
