import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '@broadsheet/platform';
import { waitFor } from '@broadsheet/testing';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { createGateway, type GatewayApp } from '../../apps/gateway/src/gateway.factory';
import { signUp, withRoles, type TestAccount } from './support/accounts';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

/*
 * The cache must never serve a stale view once the change's event has been handled. Writes go
 * through a SECOND gateway (cache off), so the reading gateway learns of every change only from
 * events, never from its own write path.
 */
describe('gateway cache: every kind of change is visible on the next read', () => {
  let suite: Suite;
  let writer: GatewayApp;
  let read: ReturnType<typeof apiClient>;
  let write: ReturnType<typeof apiClient>;
  let author: TestAccount;
  let reader: TestAccount;
  let moderator: TestAccount;

  /** Reads anonymously until `check` holds; the first read must have been a cache hit. */
  const cachedThenFresh = async (path: string, check: (body: any) => boolean) =>
    waitFor(`${path} to change`, async () => {
      const res = await read.get(path);
      return res.status === 200 && check(res.body) ? res : undefined;
    }, { timeoutMs: 5000, intervalMs: 20 });

  /** Reads until the response is served from the cache (earlier events may still be invalidating it). */
  const warm = (path: string) =>
    waitFor(`${path} to be cached`, async () => {
      const res = await read.get(path);
      return res.headers.get('x-cache') === 'HIT' ? res : undefined;
    }, { timeoutMs: 5000, intervalMs: 20 });

  before(async () => {
    suite = await startSuite({ label: 'cache' });
    writer = await createGateway(loadConfig(GatewayConfig, { ...suite.env, CACHE_ENABLED: 'false', INSTANCE_ID: 'writer' }));
    write = apiClient(await writer.listen());
    read = apiClient(suite.api);
    [author, reader] = await Promise.all([signUp(write, 'author'), signUp(write, 'reader')]);
    moderator = await withRoles(suite.env, await signUp(write, 'mod'), ['reader', 'moderator']);
  });
  after(async () => {
    await writer.close();
    await suite.close();
  });

  const create = async (title: string, tagList: string[] = ['cache']) =>
    (await write.post('/articles', { article: { title, description: 'd', body: 'b', tagList } }, { token: author.token })).body.article;

  it('answers repeat anonymous reads from the cache, with ETag and 304', async () => {
    const article = await create(`Cached ${Date.now()}`);
    const first = await read.get(`/articles/${article.slug}`);
    assert.equal(first.headers.get('x-cache'), 'MISS');
    const etag = first.headers.get('etag')!;
    assert.ok(etag);
    assert.match(first.headers.get('cache-control') ?? '', /public/);
    const second = await warm(`/articles/${article.slug}`);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('etag'), etag);
    const revalidated = await read.get(`/articles/${article.slug}`, { headers: { 'if-none-match': etag } });
    assert.equal(revalidated.status, 304);
  });

  it('computes a missed response once for concurrent readers, who all get its bytes', async () => {
    const article = await create(`Coalesced ${Date.now()}`);
    await warm(`/articles/${article.slug}`);
    // An event handled mid-burst refuses the store and lets the waiters compute: retry then.
    const burst = await waitFor('a burst without an invalidation', async () => {
      const path = `/articles/${article.slug}/page?burst=${Date.now()}`;
      const responses = await Promise.all(Array.from({ length: 20 }, () => read.get(path)));
      return responses.filter((r) => r.headers.get('x-cache') === 'MISS').length === 1 ? responses : undefined;
    }, { timeoutMs: 10_000, intervalMs: 50 });
    assert.ok(burst.every((r) => r.status === 200 && r.headers.get('x-cache') !== null));
    assert.ok(burst.every((r) => r.headers.get('etag') === burst[0].headers.get('etag')));
    assert.ok(burst.every((r) => JSON.stringify(r.body) === JSON.stringify(burst[0].body)));
    const metrics = await read.get('/metrics');
    assert.match(String(metrics.body), /broadsheet_cache_lookups_total\{result="coalesced"\} [1-9]/);
    assert.match(String(metrics.body), /broadsheet_cache_bytes [1-9]/);
  });

  it('shows an article update, its new tags and lists', async () => {
    const article = await create(`Before ${Date.now()}`, ['old-tag']);
    await warm(`/articles/${article.slug}`);
    await warm('/articles?tag=new-tag');
    await warm('/tags');
    await write.put(`/articles/${article.slug}`, { article: { body: 'edited body', tagList: ['new-tag'] } }, { token: author.token });
    await cachedThenFresh(`/articles/${article.slug}`, (b) => b.article.body === 'edited body');
    await cachedThenFresh('/articles?tag=new-tag', (b) => b.articles.some((a: { slug: string }) => a.slug === article.slug));
    await cachedThenFresh('/tags', (b) => b.tags.includes('new-tag'));
  });

  it('shows favorites counts', async () => {
    const article = await create(`Favorited ${Date.now()}`);
    await warm(`/articles/${article.slug}`);
    await write.post(`/articles/${article.slug}/favorite`, undefined, { token: reader.token });
    await cachedThenFresh(`/articles/${article.slug}`, (b) => b.article.favoritesCount === 1);
  });

  it('stops serving an archived or deleted article', async () => {
    const archived = await create(`Archived ${Date.now()}`);
    const deleted = await create(`Deleted ${Date.now()}`);
    await warm(`/articles/${archived.slug}`);
    await warm(`/articles/${deleted.slug}`);
    await write.put(`/articles/${archived.slug}`, { article: { status: 'archived' } }, { token: author.token });
    await write.delete(`/articles/${deleted.slug}`, { token: author.token });
    for (const slug of [archived.slug, deleted.slug]) {
      await waitFor(`${slug} to disappear`, async () => (await read.get(`/articles/${slug}`)).status === 404, { timeoutMs: 5000 });
    }
  });

  it('shows new, liked, unliked, deleted and moderated comments, and a thread closing with its article', async () => {
    const article = await create(`Discussed ${Date.now()}`);
    const path = `/articles/${article.slug}/comments`;
    await waitFor('comments to know the article', async () => (await read.get(path)).status === 200);
    await warm(path);
    const posted = (await write.post(path, { comment: { body: 'First thought' } }, { token: reader.token })).body.comment;
    await cachedThenFresh(path, (b) => b.comments.some((c: { id: number }) => c.id === posted.id));

    await write.post(`/moderation/comments/${posted.id}/reject`, { decision: { reasonCode: 'spam' } }, { token: moderator.token });
    await cachedThenFresh(path, (b) => !b.comments.some((c: { id: number }) => c.id === posted.id));

    const second = (await write.post(path, { comment: { body: 'Second thought' } }, { token: author.token })).body.comment;
    await cachedThenFresh(path, (b) => b.comments.some((c: { id: number }) => c.id === second.id));
    const likesOfSecond = (b: any) => b.comments.find((c: { id: number }) => c.id === second.id)?.likesCount;
    await warm(path);
    await write.post(`${path}/${second.id}/like`, {}, { token: reader.token });
    await cachedThenFresh(path, (b) => likesOfSecond(b) === 1);
    await warm(path);
    await write.delete(`${path}/${second.id}/like`, { token: reader.token });
    await cachedThenFresh(path, (b) => likesOfSecond(b) === 0);
    await write.delete(`${path}/${second.id}`, { token: author.token });
    await cachedThenFresh(path, (b) => !b.comments.some((c: { id: number }) => c.id === second.id));

    await warm(`${path}?limit=5`);
    await write.put(`/articles/${article.slug}`, { article: { status: 'archived' } }, { token: author.token });
    // The thread is closed by the comments service applying the article's event: the gateway
    // must not keep the view it cached before that.
    await waitFor('the thread to close', async () => {
      const res = await read.get(`${path}?limit=5`);
      return res.status === 404 || res.body.closed === true;
    }, { timeoutMs: 5000 });
  });

  it('shows a changed author name on their articles', async () => {
    const article = await create(`Renamed author ${Date.now()}`);
    await warm(`/articles/${article.slug}`);
    const renamed = `${author.username}_x`.slice(0, 30);
    const res = await write.put('/user', { user: { username: renamed } }, { token: author.token });
    assert.equal(res.status, 200);
    await cachedThenFresh(`/articles/${article.slug}`, (b) => b.article.author.username === renamed);
  });

  it('never serves one reader the view of another', async () => {
    const article = await create(`Personal ${Date.now()}`);
    await write.post(`/articles/${article.slug}/favorite`, undefined, { token: reader.token });
    await waitFor('the favorite', async () => (await read.get(`/articles/${article.slug}`)).body.article.favoritesCount === 1);
    const mine = await read.get(`/articles/${article.slug}`, { token: reader.token });
    const theirs = await read.get(`/articles/${article.slug}`, { token: moderator.token });
    const anonymous = await read.get(`/articles/${article.slug}`);
    assert.equal(mine.body.article.favorited, true);
    assert.equal(theirs.body.article.favorited, false);
    assert.equal(anonymous.body.article.favorited, false);
    assert.equal(mine.headers.get('x-cache'), null, 'signed-in reads bypass the cache');
    assert.match(mine.headers.get('cache-control') ?? '', /private/);
  });
});
