import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor, ArticleListQuery } from '@broadsheet/contracts';
import { ArticleRepository, type ArticleFilter } from '../src/repositories/article.repository';
import { readsOn, rowsRead } from '@broadsheet/testing';
import { actor, createArticle, startArticles, type ArticlesHarness } from './articles.harness';

describe('articles: list counts kept, not counted, and lists that read a page (real Postgres)', () => {
  let h: ArticlesHarness;
  before(async () => {
    h = await startArticles();
  });
  after(() => h.close());

  const create = (who: Actor, article: Record<string, unknown>) => createArticle(h, who, article);
  const update = (who: Actor, slug: string, article: Record<string, unknown>) => h.call('articles.update', { actor: who, slug, article });

  /** The list's `articlesCount` for `query`, and its articles, checked against the published rows themselves. */
  async function count(query: ArticleListQuery, where: string, params: unknown[]): Promise<number> {
    const rows = await h.sql<{ slug: string }>(
      `SELECT a.slug FROM articles a WHERE a.status = 'published' AND ${where} ORDER BY a.published_at DESC, a.id DESC LIMIT 100`,
      params,
    );
    const [{ n }] = await h.sql<{ n: number }>(`SELECT count(*)::int AS n FROM articles a WHERE a.status = 'published' AND ${where}`, params);
    const first = await h.call('articles.list', { actor: null, query: { ...query, limit: 100 } });
    const beyond = await h.call('articles.list', { actor: null, query: { ...query, limit: 1, offset: 10_000 } });
    assert.deepEqual([first.articlesCount, beyond.articlesCount], [n, n], `${JSON.stringify(query)}: the first page and one past the end`);
    assert.deepEqual(first.articles.map((a) => a.slug), rows.map((r) => r.slug), `${JSON.stringify(query)}: the articles, newest first`);
    return n;
  }

  it('follows every change that moves an article into or out of a list, and no other', async () => {
    const writer = actor();
    const other = actor();
    const section = `Harbour ${Date.now()}`;
    const tag = `tram${Date.now()}`;
    const all = () => count({}, 'true', []);
    const inSection = () => count({ section }, 'a.section = $1', [section]);
    const byWriter = () => count({ author: writer.username }, 'a.author_id = $1', [writer.userId]);
    const tagged = () => count({ tag }, 'a.tag_list @> ARRAY[$1]', [tag]);
    const counts = async () => ({ all: await all(), section: await inSection(), writer: await byWriter(), tag: await tagged() });
    const start = await counts();
    const moved = async (by: Partial<typeof start>, why: string) => {
      assert.deepEqual(await counts(), { ...start, ...Object.fromEntries(Object.entries(by).map(([k, v]) => [k, start[k as keyof typeof start] + v!])) }, why);
    };

    const a = await create(writer, { title: 'Tram line approved', section, tagList: [tag] });
    await moved({ all: 1, section: 1, writer: 1, tag: 1 }, 'published');
    const draft = await create(writer, { title: 'Tram line costs', section, status: 'draft' });
    await moved({ all: 1, section: 1, writer: 1, tag: 1 }, 'a draft is in no list');
    await update(writer, draft.slug, { status: 'published' });
    await moved({ all: 2, section: 2, writer: 2, tag: 1 }, 'the draft published');
    await update(writer, a.slug, { title: 'Tram line approved, at last', body: 'more' });
    await moved({ all: 2, section: 2, writer: 2, tag: 1 }, 'an edit moves nothing');
    await update(writer, a.slug, { section: 'Elsewhere', tagList: [] });
    await moved({ all: 2, section: 1, writer: 2, tag: 0 }, 'moved to another section, its tag dropped');
    await update(writer, draft.slug, { status: 'archived' });
    await moved({ all: 1, section: 0, writer: 1, tag: 0 }, 'archived');
    await update(writer, draft.slug, { status: 'published' });
    await moved({ all: 2, section: 1, writer: 2, tag: 0 }, 'back from the archive');
    await create(other, { title: 'Ferry news', section });
    await moved({ all: 3, section: 2, writer: 2, tag: 0 }, 'another author in the section');
    await h.call('articles.delete', { actor: writer, slug: draft.slug });
    await moved({ all: 2, section: 1, writer: 1, tag: 0 }, 'deleted');
    // A write from a session whose search path does not name the schema (an operator's psql).
    await h.sql(`BEGIN; SET LOCAL search_path = public; UPDATE articles.articles SET status = 'archived'
                  WHERE id = (SELECT article_id FROM articles.article_slugs WHERE slug = '${a.slug}'); COMMIT`);
    await moved({ all: 1, section: 1, writer: 0, tag: 0 }, 'archived from another search path');
  });

  it('reads a page of the busiest lists and of a feed without reading the rest of them', async () => {
    const writer = actor();
    const section = `Archive ${Date.now()}`;
    await create(writer, { title: 'Known author', section });
    const [{ author_id: authorId }] = await h.sql<{ author_id: string }>(`SELECT author_id FROM articles WHERE section = $1`, [section]);
    const MANY = 3_000;
    // Years of archive straight into the table, half of it this writer's, in this section and with
    // this tag; the triggers render each list item, count it and file it under its tags.
    const tag = `archive${Date.now()}`;
    // And a columnist with every tenth article: 300, spread through the archive.
    const columnist = actor().userId;
    await h.sql(
      `INSERT INTO articles (id, slug, title, description, body, tag_list, author_id, section, status, published_at, digital_source_type, created_at, updated_at)
       SELECT gen_random_uuid(), 'archive-' || g, 'Archive ' || g, 'd', 'b', CASE WHEN g % 2 = 0 THEN ARRAY[$4] ELSE '{}' END,
              CASE WHEN g % 2 = 0 THEN $1::uuid WHEN g % 10 = 1 THEN $5::uuid ELSE gen_random_uuid() END, CASE WHEN g % 2 = 0 THEN $2 END,
              'published', now() - g * interval '1 hour', 'humanEdits', now(), now()
         FROM generate_series(1, $3::int) g`,
      [authorId, section, MANY, tag, columnist],
    );
    // Tag counts are the service's to keep (TagRepository.shift): the archive written behind its back adds its own.
    await h.sql(`INSERT INTO tags (name, articles_count) VALUES ($1, $2)`, [tag, MANY / 2]);
    // Two readers (the follows replica, as users events would fill it): one follows the writer and
    // two authors of one archived article each, the other the columnist alone.
    const reader = actor();
    const columnistReader = actor();
    const [{ others }] = await h.sql<{ others: string[] }>(
      `SELECT array_agg(author_id) AS others FROM (SELECT author_id FROM articles WHERE slug IN ('archive-3', 'archive-5')) o`,
    );
    const follow = (follower: string, followees: string[]) =>
      h.sql(`INSERT INTO follows (follower_id, followee_id, followed_at) SELECT $1, unnest($2::uuid[]), now()`, [follower, followees]);
    await follow(reader.userId, [authorId, ...others]);
    await follow(columnistReader.userId, [columnist]);
    await h.sql(`ANALYZE articles`);

    const runner = h.service.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const repository = new ArticleRepository(readsOn(runner));
      const feeds = [reader.userId, columnistReader.userId].map((followedBy) => ({ followedBy }));
      for (const filter of [{}, { section }, { author: writer.username }, { tag }, ...feeds] as ArticleFilter[]) {
        const page = JSON.parse(await repository.page(filter, null, 20, 0));
        assert.equal(page.articles.length, 20);
        assert.ok(page.articlesCount >= MANY / 10, `${JSON.stringify(filter)}: ${page.articlesCount} in all`);
        const read = await rowsRead(runner, 'articles', () => repository.page(filter, null, 20, 0));
        assert.ok(read <= 100, `${JSON.stringify(filter)}: read ${read} rows of articles for a page of 20`);
      }

      // Each feed's pages, early and deep, hold what a plain query over every followed article would.
      for (const { followedBy } of feeds) {
        const feed = await h.sql<{ slug: string }>(
          `SELECT a.slug FROM articles a JOIN follows f ON f.followee_id = a.author_id
            WHERE f.follower_id = $1 AND a.status = 'published' ORDER BY a.published_at DESC, a.id DESC`,
          [followedBy],
        );
        for (const offset of [0, 19, feed.length - 10]) {
          const page = JSON.parse(await repository.page({ followedBy }, followedBy, 20, offset));
          const want = feed.slice(offset, offset + 20).map((r) => r.slug);
          assert.deepEqual(page.articles.map((a: { slug: string }) => a.slug), want, `the feed from ${offset}`);
          assert.equal(page.articlesCount, feed.length);
        }
        const beyond = JSON.parse(await repository.page({ followedBy }, followedBy, 20, 5000));
        assert.deepEqual(beyond, { articles: [], articlesCount: feed.length });
      }
    } finally {
      await runner.release();
    }
  });
});
