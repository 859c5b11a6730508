import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ArticleReads } from '../src/repositories/article.reads';
import { ArticleRepository, type ArticleLookup, type PageLookup } from '../src/repositories/article.repository';
import { actor, createArticle, startArticles, type ArticlesHarness } from './articles.harness';

describe('articles: reads that arrive together share a statement (real Postgres)', () => {
  let h: ArticlesHarness;
  before(async () => {
    h = await startArticles();
  });
  after(() => h.close());

  it('answers each lookup for its own slug and viewer, the ones that queued in one statement', async () => {
    const writer = actor();
    const reader = actor();
    const ferry = await createArticle(h, writer, { title: 'Ferry timetable changes' });
    const bridge = await createArticle(h, writer, { title: 'Bridge repairs begin' });
    await h.call('articles.favorite', { actor: reader, slug: ferry.slug });
    const renamed = (await h.call('articles.update', { actor: writer, slug: bridge.slug, article: { title: 'Bridge repairs begin in March' } })).article;

    const repository = h.service.app.get(ArticleRepository);
    const findManyBySlug = repository.findManyBySlug.bind(repository);
    const batches: number[] = [];
    repository.findManyBySlug = (lookups: ArticleLookup[]) => {
      batches.push(lookups.length);
      return findManyBySlug(lookups);
    };
    try {
      const reads = h.service.app.get(ArticleReads);
      const asked: Array<[string, string | null]> = [
        [ferry.slug, reader.userId],
        [ferry.slug, null],
        ['no-such-article', reader.userId],
        [bridge.slug, reader.userId],
        [renamed.slug, null],
        [ferry.slug, writer.userId],
        ['a "quoted", {braced} \\ slug', null],
      ];
      const answers = await Promise.all(asked.map(([slug, viewerId]) => reads.bySlug(slug, viewerId)));
      assert.deepEqual(
        answers.map((record) => record && [record.slug, record.favorited]),
        [[ferry.slug, true], [ferry.slug, false], null, [renamed.slug, false], [renamed.slug, false], [ferry.slug, false], null],
        'each lookup its own article (an earlier slug leads to it) and its own viewer\'s favorite; array syntax in a slug is only text',
      );
      assert.deepEqual(batches, [1, asked.length - 1], 'the first ran at once, the others queued behind it as one statement');
    } finally {
      repository.findManyBySlug = findManyBySlug;
    }
    // The RPC route answers through the same lookups.
    assert.equal((await h.call('articles.get', { actor: reader, slug: ferry.slug })).article.favorited, true);
  });

  it('answers each list for its own filter, viewer and page, sharing statements only between lists of the same filters', async () => {
    const writer = actor();
    const reader = actor();
    const stamp = Date.now();
    const [x, y] = [`quay${stamp}`, `dune${stamp}`];
    const tagged = await createArticle(h, writer, { title: `Quay works ${stamp}`, tagList: [x] });
    const other = await createArticle(h, writer, { title: `Dune walk ${stamp}`, tagList: [y] });
    await h.call('articles.favorite', { actor: reader, slug: tagged.slug });
    const asked: PageLookup[] = [
      { filter: {}, viewerId: reader.userId, limit: 5, offset: 0 },
      { filter: { tag: x }, viewerId: null, limit: 5, offset: 0 },
      { filter: {}, viewerId: null, limit: 1, offset: 0 },
      { filter: { tag: y }, viewerId: reader.userId, limit: 5, offset: 0 },
      { filter: {}, viewerId: null, limit: 5, offset: 10_000 },
    ];

    const repository = h.service.app.get(ArticleRepository);
    const pages = repository.pages.bind(repository);
    const batches: string[][] = [];
    repository.pages = (lookups: PageLookup[]) => {
      batches.push(lookups.map((l) => (l.filter.tag ? 'tag' : 'all')));
      return pages(lookups);
    };
    let answers: Array<{ articles: Array<{ slug: string; favorited: boolean }>; articlesCount: number }>;
    try {
      const reads = h.service.app.get(ArticleReads);
      answers = (await Promise.all(asked.map((lookup) => reads.page(lookup)))).map((json) => JSON.parse(json));
    } finally {
      repository.pages = pages;
    }
    assert.deepEqual(batches, [['all'], ['tag', 'tag'], ['all', 'all']], 'the first ran at once; the others went with the lists of their filters');
    const [{ n: published }] = await h.sql<{ n: number }>(`SELECT count(*)::int AS n FROM articles WHERE status = 'published'`);
    assert.deepEqual(
      answers.map((page) => [page.articles.map((a) => [a.slug, a.favorited]), page.articlesCount]),
      [
        [[[other.slug, false], [tagged.slug, true], ...answers[0].articles.slice(2).map((a) => [a.slug, a.favorited])], published],
        [[[tagged.slug, false]], 1],
        [[[other.slug, false]], published],
        [[[other.slug, false]], 1],
        [[], published],
      ],
      'each list its own articles, count and viewer\'s favorites',
    );
    for (const [i, lookup] of asked.entries()) {
      assert.deepEqual(answers[i], JSON.parse(await repository.page(lookup.filter, lookup.viewerId, lookup.limit, lookup.offset)), `list ${i} as asked alone`);
    }
  });

  it('runs on connections set for page reads: generic plans, no parallel workers, no JIT', async () => {
    // A shared statement is estimated to answer ten lookups, which put a list of 20 on 50,000
    // articles over the JIT thresholds: 380 ms of compiling a read (docs/operations.md, "Query plans").
    const [settings] = await h.service.dataSource.query(
      `SELECT current_setting('plan_cache_mode') AS plans, current_setting('max_parallel_workers_per_gather') AS workers, current_setting('jit') AS jit`,
    );
    assert.deepEqual(settings, { plans: 'force_generic_plan', workers: '0', jit: 'off' });
  });
});
