import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USER_FOLLOWED_V1, USER_UNFOLLOWED_V1, USER_UPDATED_V1, type Actor } from '@broadsheet/contracts';
import { sleep, waitFor } from '@broadsheet/testing';
import { actor, createArticle, startArticles, type ArticlesHarness } from './articles.harness';

const SOURCE = { publisher: 'Harbour City Wire', title: 'Council votes on tram line', url: 'https://example.com/tram', retrievedAt: '2026-02-28T09:00:00Z' };

describe('articles service (integration)', () => {
  let h: ArticlesHarness;
  before(async () => {
    h = await startArticles();
  });
  after(() => h.close());

  const create = (who: Actor, article: Record<string, unknown>) => createArticle(h, who, article);
  const events = (type: string) =>
    h.sql<{ envelope: { data: Record<string, unknown> } }>(`SELECT envelope FROM outbox WHERE type = $1 ORDER BY seq`, [type]);

  describe('lists and filters', () => {
    const tagA = `alpha${Date.now()}`;
    const tagB = `beta${Date.now()}`;
    const writers = [actor(), actor(), actor()];
    const fan = actor();
    const titles: string[] = [];

    before(async () => {
      // 12 articles: writer i % 3, tag A on even, tag B on multiples of 3, section by parity; the fan favorites every 4th.
      for (let i = 0; i < 12; i++) {
        const tagList = [...(i % 2 === 0 ? [tagA] : []), ...(i % 3 === 0 ? [tagB] : [])];
        const a = await create(writers[i % 3], { title: `Story ${i}`, tagList, section: i % 2 === 0 ? 'World' : 'Business' });
        titles.push(a.slug);
        if (i % 4 === 0) await h.call('articles.favorite', { actor: fan, slug: a.slug });
      }
    });

    const expected = (pick: (i: number) => boolean) =>
      titles
        .map((slug, i) => ({ slug, i }))
        .filter(({ i }) => pick(i))
        .map(({ slug }) => slug)
        .reverse();
    const list = async (query: Record<string, unknown>, who: Actor | null = null) => h.call('articles.list', { actor: who, query });

    it('filters by tag, author, favorited and section, newest first, counting all matches', async () => {
      const cases: Array<[Record<string, unknown>, (i: number) => boolean]> = [
        [{ tag: tagA }, (i) => i % 2 === 0],
        [{ tag: tagB.toUpperCase() }, (i) => i % 3 === 0],
        [{ author: writers[1].username }, (i) => i % 3 === 1],
        [{ author: writers[1].username.toUpperCase() }, (i) => i % 3 === 1],
        [{ favorited: fan.username }, (i) => i % 4 === 0],
        [{ tag: tagA, author: writers[0].username }, (i) => i % 2 === 0 && i % 3 === 0],
        [{ tag: tagA, favorited: fan.username }, (i) => i % 4 === 0],
        [{ tag: tagB, section: 'Business' }, (i) => i % 3 === 0 && i % 2 === 1],
        [{ author: writers[2].username, favorited: fan.username }, (i) => i % 3 === 2 && i % 4 === 0],
      ];
      for (const [q, pick] of cases) {
        const want = expected(pick);
        const page = await list(q);
        assert.deepEqual(
          page.articles.map((a) => a.slug),
          want,
          JSON.stringify(q),
        );
        assert.equal(page.articlesCount, want.length, JSON.stringify(q));
      }
    });

    it('pages through a filter with limit and offset; articlesCount stays the total', async () => {
      const want = expected((i) => i % 2 === 0);
      const seen: string[] = [];
      for (let offset = 0; offset < want.length; offset += 4) {
        const page = await list({ tag: tagA, limit: '4', offset: String(offset) });
        assert.equal(page.articlesCount, want.length);
        seen.push(...page.articles.map((a) => a.slug));
      }
      assert.deepEqual(seen, want);
      const beyond = await list({ tag: tagA, limit: 4, offset: 100 });
      assert.deepEqual(beyond, { articles: [], articlesCount: want.length });
    });

    it('answers unknown authors and favoriting users with an empty list', async () => {
      assert.deepEqual(await list({ author: 'nobody_at_all' }), { articles: [], articlesCount: 0 });
      assert.deepEqual(await list({ favorited: 'nobody_at_all' }), { articles: [], articlesCount: 0 });
    });

    it('marks favorites for the viewer and leaves the body out of list items', async () => {
      const page = await list({ favorited: fan.username }, fan);
      assert.ok(page.articles.every((a) => a.favorited && a.favoritesCount === 1));
      assert.ok(page.articles.every((a) => !('body' in a) && !('sources' in a)));
      const anonymous = await list({ favorited: fan.username });
      assert.ok(anonymous.articles.every((a) => !a.favorited));
    });

    it('validates paging: limit 1..100, whole numbers', async () => {
      for (const query of [{ limit: '0' }, { limit: '101' }, { limit: 'ten' }, { offset: '-1' }]) {
        const error = await h.failure('articles.list', { actor: null, query });
        assert.equal(error.code, 'REQUEST.INVALID');
        assert.ok(error.fields?.[Object.keys(query)[0]], JSON.stringify(error.fields));
      }
      assert.equal((await list({ limit: 100 })).articles.length, 12);
    });

    it('follows the author replica when a username changes, ignoring older facts', async () => {
      const writer = writers[2];
      const renamed = `${writer.username}_renamed`;
      await h.publish(USER_UPDATED_V1, writer.userId, { userId: writer.userId, username: renamed, bio: null, image: null, updatedAt: new Date().toISOString() });
      await waitFor('rename applied', async () => (await list({ author: renamed })).articlesCount === 4);
      await h.publish(USER_UPDATED_V1, writer.userId, { userId: writer.userId, username: 'stale_name', bio: null, image: null, updatedAt: '2020-01-01T00:00:00Z' });
      await sleep(500);
      assert.equal((await list({ author: 'stale_name' })).articlesCount, 0);
      assert.equal((await list({ author: renamed })).articlesCount, 4);
    });

    it('builds the feed from followed authors, fed by follow events', async () => {
      const reader = actor();
      assert.deepEqual(await h.call('articles.feed', { actor: reader, query: {} }), { articles: [], articlesCount: 0 });
      const at = new Date();
      await h.publish(USER_FOLLOWED_V1, reader.userId, { followerId: reader.userId, followeeId: writers[0].userId, followedAt: at.toISOString() });
      await h.publish(USER_FOLLOWED_V1, reader.userId, { followerId: reader.userId, followeeId: writers[1].userId, followedAt: at.toISOString() });
      const want = expected((i) => i % 3 !== 2);
      await waitFor('feed filled', async () => (await h.call('articles.feed', { actor: reader, query: {} })).articlesCount === want.length);
      const page = await h.call('articles.feed', { actor: reader, query: { limit: 3, offset: 2 } });
      assert.deepEqual(page.articles.map((a) => a.slug), want.slice(2, 5));
      await h.publish(USER_UNFOLLOWED_V1, reader.userId, {
        followerId: reader.userId,
        followeeId: writers[1].userId,
        unfollowedAt: new Date(at.getTime() + 1).toISOString(),
      });
      await waitFor('unfollow applied', async () => (await h.call('articles.feed', { actor: reader, query: {} })).articlesCount === 4);
    });

    it('lists tags most used first', async () => {
      const { tags } = await h.call('articles.tags', {});
      assert.deepEqual(tags.slice(0, 2), [tagA, tagB]);
    });
  });

  describe('favorites under concurrency', () => {
    it('keeps the count exact when 30 readers favorite and unfavorite at once', async () => {
      const author = actor();
      const { slug } = await create(author, { title: 'Popular story' });
      const readers = Array.from({ length: 30 }, () => actor());
      // Everyone favorites twice at once: 60 racing requests, 30 favorites.
      await Promise.all(readers.flatMap((r) => [r, r]).map((r) => h.call('articles.favorite', { actor: r, slug })));
      assert.equal((await h.call('articles.get', { actor: null, slug })).article.favoritesCount, 30);
      // Half leave while the other half favorite again (no-ops), all at once.
      await Promise.all(
        readers.map((r, i) => h.call(i % 2 === 0 ? 'articles.unfavorite' : 'articles.favorite', { actor: r, slug })),
      );
      const { article } = await h.call('articles.get', { actor: null, slug });
      assert.equal(article.favoritesCount, 15);
      const [{ count }] = await h.sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM favorites f JOIN articles a ON a.id = f.article_id WHERE a.slug = $1`,
        [slug],
      );
      assert.equal(count, 15);
      const favorited = await events('articles.article.favorited.v1');
      const unfavorited = await events('articles.article.unfavorited.v1');
      const mine = (rows: typeof favorited) => rows.filter((e) => e.envelope.data.slug === slug);
      assert.equal(mine(favorited).length, 30);
      assert.equal(mine(unfavorited).length, 15);
      assert.deepEqual(
        mine(favorited).map((e) => e.envelope.data.favoritesCount).sort((a, b) => Number(a) - Number(b)),
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
    });
  });

  describe('scheduling', () => {
    it('publishes a scheduled article when due, with its event', async () => {
      const author = actor();
      const scheduledAt = new Date(Date.now() + 800).toISOString();
      const a = await create(author, { title: 'Embargoed until noon', scheduledAt, tagList: ['embargo'] });
      assert.equal(a.status, 'scheduled');
      assert.equal(a.publishedAt, null);
      assert.equal((await h.failure('articles.get', { actor: null, slug: a.slug })).code, 'ARTICLE.NOT_FOUND');
      await waitFor('scheduled article published', async () => {
        const { article } = await h.call('articles.get', { actor: null, slug: a.slug });
        return article.status === 'published';
      });
      const { article } = await h.call('articles.get', { actor: null, slug: a.slug });
      assert.equal(article.status, 'published');
      assert.equal(article.publishedAt, scheduledAt);
      assert.equal(article.scheduledAt, null);
      const published = await events('articles.article.published.v1');
      assert.equal(published.filter((e) => e.envelope.data.slug === a.slug).length, 1);
      assert.ok((await h.call('articles.tags', {})).tags.includes('embargo'));
    });

    it('publishes an article that fell due while the service was down, on the next start', async () => {
      const author = actor(['author']);
      const scheduledAt = new Date(Date.now() + 1000).toISOString();
      const a = await create(author, { title: 'Due while down', status: 'scheduled', scheduledAt });
      await h.stop();
      await sleep(1300);
      const [down] = await h.sql<{ status: string }>(`SELECT status FROM articles WHERE slug = $1`, [a.slug]);
      assert.equal(down.status, 'scheduled');
      await h.start();
      await waitFor('published after restart', async () => {
        const [row] = await h.sql<{ status: string }>(`SELECT status FROM articles WHERE slug = $1`, [a.slug]);
        return row.status === 'published';
      });
      await waitFor('published event recorded', async () => (await events('articles.article.published.v1')).some((e) => e.envelope.data.slug === a.slug));
      const { article } = await h.call('articles.get', { actor: null, slug: a.slug });
      assert.equal(article.publishedAt, scheduledAt);
    });

    it('refuses a schedule in the past or without a time', async () => {
      const author = actor();
      const past = await h.failure('articles.create', {
        actor: author,
        article: { title: 't', description: 'd', body: 'b', scheduledAt: new Date(Date.now() - 1000).toISOString() },
      });
      assert.deepEqual(Object.keys(past.fields ?? {}), ['scheduledAt']);
      const missing = await h.failure('articles.create', { actor: author, article: { title: 't', description: 'd', body: 'b', status: 'scheduled' } });
      assert.deepEqual(Object.keys(missing.fields ?? {}), ['scheduledAt']);
    });
  });

  describe('list rendering', () => {
    it('lists each article exactly as the article view has it, without the long fields, the author last', async () => {
      const writer = actor();
      const made = await create(writer, {
        title: `Quotes "like this", a back\\slash and ünïcödé ${Date.now()}`,
        tagList: ['odd "tag"', 'zeta'],
        section: 'World',
        dateline: 'GENEVA, 1 March',
        provenance: { digitalSourceType: 'trainedAlgorithmicMedia', generator: 'newsroom-llm 2', reviewed: true },
        sources: [SOURCE],
      });
      const viewer = actor();
      await h.call('articles.favorite', { actor: viewer, slug: made.slug });
      const page = await h.call('articles.list', { actor: viewer, query: { author: writer.username } });
      const { body, sources, corrections, outline, ...summary } = (await h.call('articles.get', { actor: viewer, slug: made.slug })).article;
      assert.ok(body && sources && corrections && outline);
      assert.deepEqual(page, { articles: [summary], articlesCount: 1 });
      assert.deepEqual(Object.keys(page.articles[0]), Object.keys(summary));
      assert.deepEqual(Object.keys(page.articles[0]).slice(-2), ['authorId', 'authorUsername']);
      assert.equal(page.articles[0].favorited, true);
      assert.equal(page.articles[0].provenance.reviewedBy, writer.username);
      assert.match(String(page.articles[0].provenance.reviewedAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('renders the list item again on every edit, and shows counts and usernames as they are now', async () => {
      const writer = actor();
      const made = await create(writer, { title: `Draft ${Date.now()}`, tagList: ['one'] });
      const listed = async (viewer: Actor | null) => {
        const page = await h.call('articles.list', { actor: viewer, query: { author: writer.username } });
        const { body, sources, corrections, outline, ...summary } = (await h.call('articles.get', { actor: viewer, slug: made.slug })).article;
        assert.deepEqual(page.articles, [summary]);
        return summary;
      };
      const edited = (
        await h.call('articles.update', {
          actor: writer,
          slug: made.slug,
          article: { description: 'Tabs\tnewlines\n and a bell \u0007', tagList: ['two', 'three'], section: 'Science', dateline: 'OSLO' },
        })
      ).article;
      const now = await listed(null);
      assert.equal(now.description, 'Tabs\tnewlines\n and a bell \u0007');
      assert.deepEqual(now.tagList, ['three', 'two']);
      assert.equal(now.updatedAt, edited.updatedAt);

      const fan = actor();
      await h.call('articles.favorite', { actor: fan, slug: made.slug });
      assert.equal((await listed(fan)).favoritesCount, 1);
      assert.equal((await listed(null)).favorited, false);

      const renamed = `${writer.username}_r`;
      await h.publish(USER_UPDATED_V1, writer.userId, { userId: writer.userId, username: renamed, bio: null, image: null, updatedAt: new Date().toISOString() });
      await waitFor('rename applied', async () => (await h.call('articles.get', { actor: null, slug: made.slug })).article.authorUsername === renamed);
      writer.username = renamed;
      assert.equal((await listed(null)).authorUsername, renamed);
    });
  });

  describe('slugs', () => {
    it('gives racing articles with one title distinct suffixed slugs', async () => {
      const author = actor();
      const slugs = await Promise.all(Array.from({ length: 8 }, () => create(author, { title: 'Breaking: Markets Fall' }).then((a) => a.slug)));
      assert.deepEqual(
        [...slugs].sort(),
        ['breaking-markets-fall', ...Array.from({ length: 7 }, (_, i) => `breaking-markets-fall-${i + 2}`)].sort(),
      );
    });

    it('keeps the old slug resolving after a title change, and gives it back on the way back', async () => {
      const author = actor();
      const first = await create(author, { title: 'Storm nears coast' });
      const renamed = (await h.call('articles.update', { actor: author, slug: first.slug, article: { title: 'Storm makes landfall' } })).article;
      assert.equal(renamed.slug, 'storm-makes-landfall');
      assert.equal((await h.call('articles.get', { actor: null, slug: first.slug })).article.slug, renamed.slug);
      const back = (await h.call('articles.update', { actor: author, slug: renamed.slug, article: { title: 'Storm Nears Coast!' } })).article;
      assert.equal(back.slug, first.slug);
      const updates = (await events('articles.article.updated.v1')).filter((e) => e.envelope.data.slug === renamed.slug);
      assert.equal(updates.at(-1)?.envelope.data.previousSlug, first.slug);
    });

    it('transliterates and bounds long titles', async () => {
      const author = actor();
      const a = await create(author, { title: `Zürich: ${'Überraschung '.repeat(18)}` });
      assert.ok(a.slug.startsWith('zurich-uberraschung-'));
      assert.ok(a.slug.length <= 191);
      const b = await create(author, { title: `Zürich: ${'Überraschung '.repeat(18)}` });
      assert.ok(b.slug.length <= 191 && b.slug.endsWith('-2'));
    });
  });
});

describe('articles service with ARTICLES_WRITE_ROLES (integration)', () => {
  let h: ArticlesHarness;
  before(async () => {
    h = await startArticles({ ARTICLES_WRITE_ROLES: 'author,editor' });
  });
  after(() => h.close());

  it('lets only the configured roles write, and editors manage what authors wrote', async () => {
    const article = { title: 'Newsroom only', description: 'd', body: 'b' };
    const reader = await h.failure('articles.create', { actor: actor(['reader']), article });
    assert.equal(reader.code, 'ARTICLE.FORBIDDEN');
    const author = actor(['reader', 'author']);
    const { slug } = (await h.call('articles.create', { actor: author, article })).article;
    const editor = actor(['editor']);
    const archived = await h.call('articles.update', { actor: editor, slug, article: { status: 'archived' } });
    assert.equal(archived.article.status, 'archived');
    const otherAuthor = await h.failure('articles.update', { actor: actor(['author']), slug, article: { status: 'published' } });
    assert.equal(otherAuthor.code, 'ARTICLE.NOT_FOUND');
    const suspended = await h.failure('articles.create', { actor: { ...actor(['author']), status: 'suspended' }, article });
    assert.equal(suspended.code, 'ARTICLE.FORBIDDEN');
  });
});
