import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ARTICLE_FAVORITED_V1, ARTICLE_PUBLISHED_V1, ARTICLE_UNPUBLISHED_V1, USER_REGISTERED_V1 } from '@broadsheet/contracts';
import { waitFor } from '@broadsheet/testing';
import { EventPublisher, publishedArticle } from '../../apps/recommendations/test/recommendation-events.factory';
import { signUp, type TestAccount } from './support/accounts';
import { userIdOf } from './support/events';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

describe('recommendations through the gateway', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;
  let events: EventPublisher;
  /** A real account: the gateway refuses tokens of users the users service does not know. */
  let fan: TestAccount;
  let fanId: string;

  const rail = publishedArticle({
    title: 'Harbour strike halts grain exports',
    description: 'Dockers walk out over pay',
    body: 'The harbour strike stopped grain ships; dockers and the port authority meet on wages.',
    tags: ['labour', 'shipping'],
    section: 'business',
    authorId: 'author-e2e',
  });
  const neighbour = publishedArticle({
    title: 'Dockers and port authority resume wage talks',
    body: 'Grain ships wait at the harbour while dockers negotiate wages with the port authority.',
    tags: ['labour'],
    section: 'business',
    authorId: 'author-e2e',
  });
  const other = publishedArticle({ title: 'Comet tail seen from the hills', body: 'Astronomers watch the comet.', tags: ['space'], section: 'science', authorId: 'author-e2e' });

  before(async () => {
    // Trending ranked on every read (serving the previous ranking meanwhile), not every 10 s.
    suite = await startSuite({ label: 'recs', env: { TRENDING_REFRESH_MS: '0' } });
    api = apiClient(suite.api);
    fan = await signUp(api, 'fan');
    fanId = await userIdOf(fan);
    events = await EventPublisher.connect(suite.env.NATS_URL, suite.env.EVENTS_SUBJECT_PREFIX);
    await events.publish(USER_REGISTERED_V1, 'author-e2e', { userId: 'author-e2e', username: 'noor', bio: null, image: 'https://img.example/noor.png', roles: ['author'], registeredAt: new Date().toISOString() });
    for (const article of [rail, neighbour, other]) await events.publish(ARTICLE_PUBLISHED_V1, article.articleId, article);
    await waitFor('the rail to fill', async () => (await api.get(`/articles/${rail.slug}/related`)).body?.related?.length > 0);
  });

  after(async () => {
    await events?.close();
    await suite?.close();
  });

  it('GET /api/articles/:slug/related answers cards with author and reason', async () => {
    const res = await api.get(`/articles/${rail.slug}/related?limit=4`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [first] = res.body.related;
    assert.equal(first.slug, neighbour.slug);
    assert.deepEqual(Object.keys(first).sort(), ['author', 'description', 'publishedAt', 'reason', 'section', 'slug', 'tags', 'title']);
    assert.deepEqual(first.author, { username: 'noor', bio: null, image: 'https://img.example/noor.png' });
    assert.equal(first.section, 'business');
    assert.match(first.reason, /similar topic|shares the tag/);
  });

  it('answers 422 naming limit outside 1..20 and 404 for an unknown slug', async () => {
    for (const limit of ['0', '21', 'x']) {
      const res = await api.get(`/articles/${rail.slug}/related?limit=${limit}`);
      assert.equal(res.status, 422);
      assert.deepEqual(Object.keys(res.body.errors), ['limit']);
      assert.match(res.body.errors.limit[0], /1 to 20/);
    }
    const missing = await api.get('/articles/no-such-slug/related');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { errors: { article: ['not found'] } });
  });

  it('drops an unpublished article from the rail', async () => {
    await events.publish(ARTICLE_UNPUBLISHED_V1, neighbour.articleId, { articleId: neighbour.articleId, slug: neighbour.slug, status: 'archived', unpublishedAt: new Date().toISOString() });
    await waitFor('the neighbour to leave', async () => !(await api.get(`/articles/${rail.slug}/related`)).body.related.some((c: { slug: string }) => c.slug === neighbour.slug));
    assert.equal((await api.get(`/articles/${neighbour.slug}/related`)).status, 404);
  });

  it('GET /api/articles/trending ranks by engagement', async () => {
    await events.publish(ARTICLE_FAVORITED_V1, other.articleId, { articleId: other.articleId, slug: other.slug, userId: fanId, favoritesCount: 1, favoritedAt: new Date().toISOString() });
    const res = await waitFor('trending', async () => {
      const r = await api.get('/articles/trending?limit=5');
      return r.body?.articles?.length > 0 ? r : undefined;
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.articles[0].slug, other.slug);
    assert.equal(res.body.articlesCount, 1);
  });

  it('GET /api/recommendations needs a token, and leaves out what the reader favorited', async () => {
    assert.equal((await api.get('/recommendations')).status, 401);
    const res = await api.get('/recommendations?limit=5', { token: fan.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const slugs = res.body.articles.map((c: { slug: string }) => c.slug);
    assert.ok(slugs.includes(rail.slug));
    assert.ok(!slugs.includes(other.slug), 'already favorited');
    assert.equal(res.body.articlesCount, slugs.length);
  });
});
