import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ARTICLE_DELETED_V1,
  ARTICLE_FAVORITED_V1,
  ARTICLE_PUBLISHED_V1,
  ARTICLE_UNPUBLISHED_V1,
  COMMENT_CREATED_V1,
  COMMENT_DELETED_V1,
  COMMENT_LIKED_V1,
  COMMENT_UNLIKED_V1,
  USER_FOLLOWED_V1,
  USER_REGISTERED_V1,
  type Actor,
  type ArticlePublishedV1,
} from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { BusClient, BusConnection, busOptionsFrom, createDomainService, createEnvelope, DomainError, EventBatch, type DomainServiceApp } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { createTestDatabase, deleteStream, isolatedBusEnv, readsOn, rowsRead, testInfrastructure, waitFor, type TestDatabase } from '@broadsheet/testing';
import { RecommendationsConfig } from '../src/config/recommendations.config';
import { RECOMMENDATIONS_SERVICE } from '../src/recommendations.definition';
import { EngagementRepository, HISTORY_ACTS_PER_ARTICLE } from '../src/repositories/engagement.repository';
import { EngagementGraph } from '../src/services/engagement.graph';
import { IndexProjection } from '../src/services/index-projection.service';
import { rebuildFromStream } from '../src/services/index-rebuild.service';
import { RelatedIndex } from '../src/services/related.index';
import { EventPublisher, publishedArticle } from './recommendation-events.factory';

const reader = (userId: string): Actor => ({ userId, username: userId, roles: ['reader'], status: 'active' });

const TRADE = {
  tags: ['diplomacy', 'trade'],
  section: 'politics',
};

describe('recommendations service (real Postgres and JetStream)', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let natsUrl: string;
  let events: EventPublisher;
  let service: DomainServiceApp;
  let client: BusClient;
  const started: DomainServiceApp[] = [];

  const start = async (instance: string) => {
    const s = await createDomainService(RECOMMENDATIONS_SERVICE, loadConfig(RecommendationsConfig, { ...env, INSTANCE_ID: instance }));
    await s.app.listen();
    started.push(s);
    return s;
  };
  const relatedSlugs = async (slug: string, limit = 4) =>
    (await client.request('recommendations.related', { actor: null, slug, limit: String(limit) })).related.map((c) => c.slug);
  const publish = async (article: ArticlePublishedV1) => {
    await events.publish(ARTICLE_PUBLISHED_V1, article.articleId, article);
    return article;
  };

  const summit = publishedArticle({
    title: 'Ministers meet for border trade talks',
    description: 'Diplomats seek a treaty on tariffs',
    body: 'Negotiators discussed tariffs, customs checks and a trade treaty at the border summit.',
    ...TRADE,
    authorId: 'author-1',
  });
  const tariffs = publishedArticle({
    title: 'Tariff treaty negotiators return to the summit',
    body: 'Customs checks and tariffs dominate the second round of treaty negotiations.',
    section: 'politics',
    authorId: 'author-2',
  });
  const embassy = publishedArticle({ title: 'Ambassador recalled', body: 'The embassy closed its consular office.', tags: ['diplomacy'], section: 'world', authorId: 'author-2' });
  const comet = publishedArticle({ title: 'Comet visible after sunset', body: 'Astronomers point telescopes at the tail.', tags: ['space'], section: 'science', authorId: 'author-3' });

  before(async () => {
    const infra = await testInfrastructure();
    natsUrl = infra.natsUrl;
    db = await createTestDatabase(infra.serverUrl, 'recs');
    env = { ...isolatedBusEnv(), DATABASE_URL: db.url, NATS_URL: natsUrl, LOG_LEVEL: 'error', EVENT_REDELIVERY_DELAY_MS: '50', RPC_TIMEOUT_MS: '3000', TRENDING_REFRESH_MS: '0' };
    service = await start('recs-a');
    client = new BusClient(service.bus);
    events = await EventPublisher.connect(natsUrl, env.EVENTS_SUBJECT_PREFIX);
    await events.publish(USER_REGISTERED_V1, 'author-2', { userId: 'author-2', username: 'ines', bio: 'Trade desk', image: null, roles: ['author'], registeredAt: new Date().toISOString() });
    for (const article of [summit, tariffs, embassy, comet]) await publish(article);
    await waitFor('the four articles in the index', () => service.app.get(RelatedIndex).size === 4);
  });

  after(async () => {
    await events?.close();
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    await deleteStream(natsUrl, env.EVENTS_STREAM);
    await db.drop();
  });

  it('answers related cards built from events, with the author from the replica and a reason', async () => {
    const { related } = await client.request('recommendations.related', { actor: null, slug: summit.slug, limit: '4' });
    assert.equal(related[0].slug, tariffs.slug);
    assert.equal(related[0].reason, 'similar topic');
    assert.deepEqual(related[0].author, { username: 'ines', bio: 'Trade desk', image: null });
    const embassyCard = related.find((c) => c.slug === embassy.slug);
    assert.equal(embassyCard?.reason, 'shares the tag diplomacy');
    assert.ok(!related.some((c) => c.slug === summit.slug), 'never the article itself');
    assert.equal(new Set(related.map((c) => c.slug)).size, related.length);
  });

  it('refuses a limit outside 1..20 naming the field, and an unknown slug as not found', async () => {
    for (const limit of ['0', '21', 'abc']) {
      const error = await client.request('recommendations.related', { actor: null, slug: summit.slug, limit }).catch((e: DomainError) => e);
      assert.ok(error instanceof DomainError);
      assert.equal(error.code, 'REQUEST.INVALID');
      assert.deepEqual(Object.keys(error.fields ?? {}), ['limit']);
    }
    const missing = await client.request('recommendations.related', { actor: null, slug: 'no-such-article' }).catch((e: DomainError) => e);
    assert.equal((missing as DomainError).code, 'RECOMMENDATION.ARTICLE_NOT_FOUND');
  });

  it('drops an unpublished or deleted article at once, and an older event replayed late cannot bring it back', async () => {
    const withdrawn = await publish(publishedArticle({ title: 'Border summit treaty tariffs withdrawn', body: 'Customs tariffs treaty.', ...TRADE }));
    await waitFor('the new article in related', async () => (await relatedSlugs(summit.slug, 20)).includes(withdrawn.slug));
    const published = await events.publish(ARTICLE_UNPUBLISHED_V1, withdrawn.articleId, {
      articleId: withdrawn.articleId,
      slug: withdrawn.slug,
      status: 'archived',
      unpublishedAt: new Date().toISOString(),
    });
    await waitFor('the article to leave related', async () => !(await relatedSlugs(summit.slug, 20)).includes(withdrawn.slug));
    const gone = await client.request('recommendations.related', { actor: null, slug: withdrawn.slug }).catch((e: DomainError) => e);
    assert.equal((gone as DomainError).code, 'RECOMMENDATION.ARTICLE_NOT_FOUND');

    // The publication, delivered again with an older commit time than the withdrawal.
    await events.publish(ARTICLE_PUBLISHED_V1, withdrawn.articleId, withdrawn, new Date(Date.parse(published.time) - 60_000));
    const marker = await publish(publishedArticle({ title: 'Marker after the stale event', body: 'marker', tags: ['marker'] }));
    await waitFor('a later event to be applied', () => service.app.get(RelatedIndex).get(marker.articleId));
    assert.ok(!(await relatedSlugs(summit.slug, 20)).includes(withdrawn.slug));

    await events.publish(ARTICLE_DELETED_V1, marker.articleId, { articleId: marker.articleId, slug: marker.slug, deletedAt: new Date().toISOString() });
    await waitFor('the deleted article to leave the index', () => !service.app.get(RelatedIndex).get(marker.articleId));
    const [row] = await service.dataSource.query(`SELECT status FROM recommendations.article WHERE article_id = $1`, [marker.articleId]);
    assert.equal(row.status, 'deleted');
  });

  it('applies an event delivered twice once', async () => {
    const envelope = await events.publish(COMMENT_CREATED_V1, '9001', {
      commentId: 9001,
      articleId: comet.articleId,
      articleSlug: comet.slug,
      authorId: 'twice-reader',
      parentId: null,
      body: 'Lovely',
      visibility: 'visible',
      createdAt: new Date().toISOString(),
    });
    await events.publishEnvelope(envelope, `${envelope.id}-again`);
    const marker = await publish(publishedArticle({ title: 'Second marker', body: 'marker two' }));
    await waitFor('a later event to be applied', () => service.app.get(RelatedIndex).get(marker.articleId));
    const [{ n }] = await service.dataSource.query(`SELECT count(*)::int AS n FROM recommendations.engagement WHERE user_id = 'twice-reader'`);
    assert.equal(n, 1);
    const [{ applied }] = await service.dataSource.query(`SELECT count(*)::int AS applied FROM recommendations.inbox WHERE event_id = $1`, [envelope.id]);
    assert.equal(applied, 1);

    await events.publish(COMMENT_DELETED_V1, '9001', { commentId: 9001, articleId: comet.articleId, deletedBy: 'twice-reader', deletedAt: new Date().toISOString() });
    await waitFor('the comment to be withdrawn', async () => {
      const [r] = await service.dataSource.query(`SELECT active FROM recommendations.engagement WHERE ref = '9001'`);
      return r.active === false;
    });
  });

  it('counts a liked comment as engagement until the like is taken back', async () => {
    const graph = service.app.get(EngagementGraph);
    const like = { commentId: 9100, articleId: comet.articleId, userId: 'fickle-reader', likesCount: 1 };
    await events.publish(COMMENT_LIKED_V1, '9100', { ...like, likedAt: new Date().toISOString() });
    await waitFor('the like to count', () => graph.articlesOf('fickle-reader').has(comet.articleId) || undefined);
    await events.publish(COMMENT_UNLIKED_V1, '9100', { ...like, likesCount: 0, unlikedAt: new Date().toISOString() });
    await waitFor('the like to be withdrawn', () => !graph.articlesOf('fickle-reader').has(comet.articleId) || undefined);
    const rows = await service.dataSource.query(`SELECT kind, ref, active FROM recommendations.engagement WHERE user_id = 'fickle-reader'`);
    assert.deepEqual(rows, [{ kind: 'like', ref: '9100:fickle-reader', active: false }]);
  });

  it('ranks trending by engagement and builds "for you" without own or favorited articles', async () => {
    const favorite = (userId: string, article: ArticlePublishedV1) =>
      events.publish(ARTICLE_FAVORITED_V1, article.articleId, { articleId: article.articleId, slug: article.slug, userId, favoritesCount: 1, favoritedAt: new Date().toISOString() });
    for (const userId of ['r1', 'r2', 'r3']) await favorite(userId, tariffs);
    await favorite('r1', comet);
    const trending = await waitFor('trending to rank the favorites', async () => {
      const page = await client.request('recommendations.trending', { actor: null, limit: '10' });
      return page.articles.length >= 2 ? page : undefined;
    });
    assert.deepEqual(trending.articles.slice(0, 2).map((c) => c.slug), [tariffs.slug, comet.slug]);
    assert.equal(trending.articlesCount, trending.articles.length);
    assert.equal(trending.articles[0].reason, 'trending');

    // r1 favorited tariffs and comet, follows author-2, and writes one article of their own.
    await events.publish(USER_FOLLOWED_V1, 'r1', { followerId: 'r1', followeeId: 'author-2', followedAt: new Date().toISOString() });
    const mine = await publish(publishedArticle({ title: 'Tariff treaty customs summit by r1', body: 'Customs tariffs treaty negotiators.', ...TRADE, authorId: 'r1' }));
    await waitFor('r1’s article in the index', () => service.app.get(RelatedIndex).get(mine.articleId));
    const forYou = await client.request('recommendations.for-you', { actor: reader('r1'), limit: '5' });
    const slugs = forYou.articles.map((c) => c.slug);
    assert.ok(slugs.length > 0);
    assert.ok(!slugs.includes(mine.slug), 'never their own article');
    assert.ok(!slugs.includes(tariffs.slug) && !slugs.includes(comet.slug), 'never one they favorited');
    assert.ok(slugs.includes(summit.slug), 'the neighbour of what they favorited');

    const newcomer = await client.request('recommendations.for-you', { actor: reader('newcomer'), limit: '3' });
    assert.deepEqual(newcomer.articles.map((c) => c.reason).slice(0, 2), ['trending', 'trending']);
  });

  it('teaches every replica’s index a change that only one replica applied', async () => {
    const second = await start('recs-b');
    const fresh = await publish(publishedArticle({ title: 'Customs treaty summit fresh round', body: 'Tariffs and customs.', ...TRADE }));
    await waitFor('both replicas to index the article', () =>
      [service, second].every((s) => s.app.get(RelatedIndex).get(fresh.articleId) !== undefined),
    );
    await events.publish(ARTICLE_UNPUBLISHED_V1, fresh.articleId, { articleId: fresh.articleId, slug: fresh.slug, status: 'draft', unpublishedAt: new Date().toISOString() });
    await waitFor('both replicas to drop it', () => [service, second].every((s) => s.app.get(RelatedIndex).get(fresh.articleId) === undefined));
    const [{ n }] = await service.dataSource.query(`SELECT count(*)::int AS n FROM recommendations.inbox WHERE event_type = $1`, [ARTICLE_UNPUBLISHED_V1]);
    assert.ok(n >= 2);
  });

  it('rebuilds the replicas from the stream with the same handlers while the service runs', async () => {
    const count = async () =>
      (await service.dataSource.query(`SELECT (SELECT count(*) FROM recommendations.article WHERE status = 'published')::int AS articles,
         (SELECT count(*) FROM recommendations.engagement WHERE active)::int AS engaged, (SELECT count(*) FROM recommendations.author)::int AS authors`))[0];
    const before = await count();
    const indexed = service.app.get(RelatedIndex).size;
    const related = await relatedSlugs(summit.slug);
    await service.dataSource.query(`DELETE FROM recommendations.article; DELETE FROM recommendations.author`);

    const config = loadConfig(RecommendationsConfig, { ...env, INSTANCE_ID: 'rebuild-test' });
    const bus = await BusConnection.connect(busOptionsFrom(config, 'recommendations'));
    const seen: number[] = [];
    const done = await rebuildFromStream(new TransactionHost(service.dataSource), bus, (p) => seen.push(p.applied)).finally(() => bus.drain());
    assert.ok(done.applied > 10 && seen.length > 0);
    assert.deepEqual(await count(), before);
    await waitFor('the running replica to reload', () => service.app.get(RelatedIndex).size === indexed);
    assert.deepEqual(await relatedSlugs(summit.slug), related);
  });

  it('records a batch\'s engagement in one statement at its end, the newer of two changes to one act, a withdrawal after what came before', async () => {
    const projection = service.app.get(IndexProjection);
    const tx = service.app.get(TransactionHost);
    const base = Date.now() - 60_000;
    const at = (ms: number) => new Date(base + ms);
    const created = (commentId: number, authorId: string, time: Date) =>
      createEnvelope('comments', COMMENT_CREATED_V1, String(commentId), {
        commentId, articleId: embassy.articleId, articleSlug: embassy.slug, authorId, parentId: null, body: 'b', visibility: 'visible', createdAt: time.toISOString(),
      }, time);
    const batch = [
      created(7001, 'batch-reader-1', at(1)),
      created(7002, 'batch-reader-2', at(2)),
      created(7002, 'batch-reader-2', at(0)), // an older copy after the newer: changes nothing
      createEnvelope('comments', COMMENT_DELETED_V1, '7001', { commentId: 7001, articleId: embassy.articleId, deletedBy: 'batch-reader-1', deletedAt: at(3).toISOString() }, at(3)),
      created(7003, 'batch-reader-3', at(4)),
    ];
    const statements: string[] = [];
    const query = tx.query.bind(tx);
    tx.query = ((text: string, values?: unknown[]) => {
      statements.push(text);
      return query(text, values);
    }) as typeof tx.query;
    try {
      await tx.run(() => EventBatch.run(async () => {
        for (const envelope of batch) await projection.apply(envelope as never);
      }));
    } finally {
      tx.query = query;
    }
    const rows = await service.dataSource.query(
      `SELECT ref, user_id, active, version_at FROM recommendations.engagement WHERE ref IN ('7001', '7002', '7003') ORDER BY ref`,
    );
    assert.deepEqual(
      rows.map((r: { ref: string; user_id: string; active: boolean; version_at: Date }) => [r.ref, r.user_id, r.active, r.version_at.toISOString()]),
      [
        ['7001', 'batch-reader-1', false, at(3).toISOString()],
        ['7002', 'batch-reader-2', true, at(2).toISOString()],
        ['7003', 'batch-reader-3', true, at(4).toISOString()],
      ],
    );
    // The withdrawal drained the two acts batched before it (one statement), then went alone;
    // the last act was recorded at the end with its announcement.
    assert.equal(statements.filter((s) => s.includes('INSERT INTO engagement') && s.includes('unnest(')).length, 2, statements.join('\n'));
    await service.dataSource.query(`DELETE FROM recommendations.engagement WHERE ref IN ('7001', '7002', '7003')`);
  });
  it('finds a reader\'s latest articles from their latest acts, and from all of them only when it must', async () => {
    const engagement = service.app.get(EngagementRepository);
    const runner = service.dataSource.createQueryRunner();
    await runner.connect();
    const history = new EngagementRepository(readsOn(runner));
    const exact = async (userId: string, limit: number) =>
      (
        await service.dataSource.query(
          `SELECT article_id FROM recommendations.engagement WHERE user_id = $1 AND active GROUP BY article_id ORDER BY max(at) DESC, article_id LIMIT $2`,
          [userId, limit],
        )
      ).map((r: { article_id: string }) => r.article_id);
    // acts(reader, n, articles, hoursAgo): n acts spread over `articles` ids, the newest `hoursAgo` old.
    const acts = (userId: string, count: number, articles: number, hoursAgo: number) =>
      service.dataSource.query(
        `INSERT INTO recommendations.engagement (article_id, kind, ref, user_id, active, at, version_at)
         SELECT 'hist-' || (g % $3::int), 'like', $1 || '-' || $4::int || '-' || g, $1, true, now() - ($4::int + g / 100.0) * interval '1 hour', now()
           FROM generate_series(1, $2::int) g`,
        [userId, count, articles, hoursAgo],
      );
    try {
      await acts('light', 5, 3, 0);
      await acts('heavy', 5000, 40, 0);
      // Their latest 600 acts fall on 2 articles; 30 others are older.
      await acts('loyal', 600, 2, 0);
      await acts('loyal', 300, 30, 10);
      for (const [reader, limit] of [['light', 10], ['heavy', 10], ['loyal', 10], ['heavy', 1]] as const) {
        assert.deepEqual(await engagement.historyOf(reader, limit), await exact(reader, limit), `${reader}, ${limit}`);
      }
      assert.equal((await engagement.historyOf('loyal', 10)).length, 10, 'the rest of the history read when the latest acts name too few');
      // The latest acts (HISTORY_ACTS_PER_ARTICLE per article asked), found then read: about three reads of them.
      const window = 10 * HISTORY_ACTS_PER_ARTICLE;
      const read = await rowsRead(runner, 'recommendations.engagement', () => history.historyOf('heavy', 10));
      assert.ok(read <= 3 * window + 100, `read ${read} rows of 5,000 acts for 10 articles`);
    } finally {
      await runner.release();
      await service.dataSource.query(`DELETE FROM recommendations.engagement WHERE article_id LIKE 'hist-%'`);
    }
  });
});
