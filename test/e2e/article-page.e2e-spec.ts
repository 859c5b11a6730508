import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rpcSubject } from '@broadsheet/messaging';
import { waitFor } from '@broadsheet/testing';
import { signUp, type TestAccount } from './support/accounts';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

const PAGE_TIMEOUT_MS = 400;

describe('the article page in one call', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;
  let author: TestAccount;
  let reader: TestAccount;
  let slug: string;

  before(async () => {
    suite = await startSuite({ label: 'page', env: { PAGE_TIMEOUT_MS: String(PAGE_TIMEOUT_MS), COMMENTS_POST_INTERVAL_MS: '0' } });
    api = apiClient(suite.api);
    [author, reader] = await Promise.all([signUp(api, 'author'), signUp(api, 'reader')]);
    const make = (title: string, tagList: string[]) =>
      api.post('/articles', { article: { title, description: `About ${title}`, body: `## ${title}\n\nHarbour workers and port operators met again.`, tagList } }, { token: author.token });
    slug = (await make('Port strike enters third day', ['labour', 'port'])).body.article.slug;
    await make('Dockers and operators to meet', ['labour', 'port']);
    await waitFor('comments to know the article', async () => (await api.get(`/articles/${slug}/comments`)).status === 200);
    for (const body of ['Thanks for the sources.', 'Which operators?']) {
      const res = await api.post(`/articles/${slug}/comments`, { comment: { body } }, { token: reader.token });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await api.post(`/profiles/${author.username}/follow`, undefined, { token: reader.token });
  });
  after(() => suite.close());

  it('returns the article, its author, comments with authors, related cards and counts', async () => {
    const page = await waitFor('the related rail to fill', async () => {
      const res = await api.get(`/articles/${slug}/page`, { token: reader.token });
      return res.status === 200 && res.body.related.articles.length > 0 ? res : undefined;
    });
    const body = page.body;
    assert.equal(body.article.slug, slug);
    assert.equal(body.author.username, author.username);
    assert.equal(body.author.following, true, "the viewer's follow state");
    assert.equal(body.comments.available, true);
    assert.deepEqual(body.comments.comments.map((c: { body: string }) => c.body), ['Which operators?', 'Thanks for the sources.']);
    assert.equal(body.comments.comments[0].author.username, reader.username);
    assert.ok(body.comments.comments.every((c: object) => !('authorId' in c)), 'authors replace the services\' author ids');
    assert.deepEqual(Object.keys(body.comments), ['available', 'comments', 'commentsCount', 'nextCursor', 'closed']);
    assert.match(String(page.headers.get('content-type')), /^application\/json/);
    assert.equal(body.related.available, true);
    assert.equal(body.related.articles[0].title, 'Dockers and operators to meet');
    assert.ok(body.related.articles[0].reason);
    assert.deepEqual(body.counts, { favorites: 0, comments: 2, related: body.related.articles.length });
  });

  it('answers 404 for an unknown article', async () => {
    const res = await api.get('/articles/no-such-story/page');
    assert.equal(res.status, 404);
  });

  it('still loads when recommendations is down, with the rail marked unavailable', async () => {
    await suite.stopService('recommendations');
    try {
      const res = await api.get(`/articles/${slug}/page`, { token: reader.token });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.related, { available: false, reason: 'SERVICE.UNAVAILABLE', articles: [] });
      assert.equal(res.body.comments.available, true);
    } finally {
      await suite.startService('recommendations');
    }
  });

  it('bounds the whole call when a service hangs', async () => {
    await suite.stopService('comments');
    // A responder that takes requests and never answers: a hung comments service.
    const hung = suite.gateway.bus.nc.subscribe(rpcSubject(suite.gateway.bus.options, 'comments.list'), { queue: 'comments' });
    try {
      const started = Date.now();
      const res = await api.get(`/articles/${slug}/page`, { token: reader.token });
      const elapsed = Date.now() - started;
      assert.equal(res.status, 200);
      assert.equal(res.body.comments.available, false);
      assert.equal(res.body.comments.reason, 'SERVICE.TIMEOUT');
      assert.equal(res.body.counts.comments, null);
      assert.ok(elapsed < PAGE_TIMEOUT_MS + 400, `took ${elapsed} ms with a ${PAGE_TIMEOUT_MS} ms budget`);
    } finally {
      hung.unsubscribe();
      await suite.startService('comments');
    }
  });
});
