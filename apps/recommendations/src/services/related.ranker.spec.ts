import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngagementGraph } from './engagement.graph';
import { RelatedIndex, type IndexableArticle } from './related.index';
import { compareRanked, MIN_READERS_FOR_ENGAGEMENT, rankRelated } from './related.ranker';

const NOW = Date.parse('2026-03-01T00:00:00Z');

function article(id: string, overrides: Partial<IndexableArticle> = {}): IndexableArticle {
  return {
    articleId: id,
    slug: `slug-${id}`,
    title: `Title ${id}`,
    description: '',
    body: '',
    tags: [],
    section: null,
    authorId: 'author',
    publishedAt: '2026-02-20T00:00:00Z',
    ...overrides,
  };
}

const FILLER = [
  article('f1', { title: 'Orchestra opens winter season', body: 'The violinists rehearsed a symphony for the concert hall audience.', section: 'culture' }),
  article('f2', { title: 'Striker scores twice in derby', body: 'The goalkeeper could not stop the penalty in the final minutes.', section: 'sport' }),
  article('f3', { title: 'Bakery prices rise with flour costs', body: 'Wheat harvests were poor and bread now costs more at the market.', section: 'business' }),
  article('f4', { title: 'Comet visible after sunset', body: 'Astronomers say the telescope view of the comet tail is best this week.', section: 'science' }),
];

function corpus(): RelatedIndex {
  const index = new RelatedIndex();
  index.load([...FILLER, ...corpusArticles()]);
  return index;
}

function corpusArticles(): IndexableArticle[] {
  return [
    article('src', {
      title: 'Ministers meet over border trade talks',
      description: 'Diplomats seek a treaty on tariffs',
      body: 'Negotiators from both governments discussed tariffs, customs checks and a trade treaty at the border summit.',
      tags: ['diplomacy', 'trade'],
      section: 'politics',
    }),
    article('text', {
      title: 'Tariff treaty negotiators return to the summit',
      body: 'Customs checks and tariffs dominate the second round of treaty negotiations between the governments.',
      section: 'politics',
    }),
    article('tag', { title: 'Ambassador recalled', body: 'The embassy closed its consular office.', tags: ['Diplomacy'], section: 'world' }),
    article('copy', {
      title: 'Tariff treaty negotiators go back to the summit',
      body: 'Customs checks and tariffs dominate the second round of treaty negotiations between the governments.',
      section: 'politics',
      publishedAt: '2026-02-19T00:00:00Z',
    }),
  ];
}

describe('related ranking', () => {
  it('ranks by text and tags, never returns the source, and explains each pick', () => {
    const index = corpus();
    const picks = rankRelated(index, null, index.get('src')!, { limit: 4, now: NOW });
    const ids = picks.map((p) => p.article.articleId);
    assert.equal(ids[0], 'text');
    assert.ok(!ids.includes('src'));
    assert.ok(ids.includes('tag'));
    assert.equal(picks.find((p) => p.article.articleId === 'text')!.reason, 'similar topic');
    assert.equal(picks.find((p) => p.article.articleId === 'tag')!.reason, 'shares the tag Diplomacy');
  });

  it('keeps only the better of two near-copies', () => {
    const index = corpus();
    const ids = rankRelated(index, null, index.get('src')!, { limit: 4, now: NOW }).map((p) => p.article.articleId);
    assert.equal(ids.filter((id) => id === 'text' || id === 'copy').length, 1);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('forgets a removed article at once and learns a new one incrementally', () => {
    const index = corpus();
    index.remove('text');
    const afterRemoval = rankRelated(index, null, index.get('src')!, { limit: 4, now: NOW }).map((p) => p.article.articleId);
    assert.ok(!afterRemoval.includes('text'));
    assert.equal(afterRemoval[0], 'copy', 'the near-copy takes the removed article’s place');

    index.upsert(article('fresh', { title: 'Border tariffs treaty summit ends', body: 'Negotiators agree customs checks.', tags: ['trade'], section: 'politics' }));
    const ids = rankRelated(index, null, index.get('src')!, { limit: 4, now: NOW }).map((p) => p.article.articleId);
    assert.ok(ids.includes('fresh'));
  });

  it('is deterministic: equal scores fall back to newer first, then id', () => {
    const a = { score: 1, article: { publishedAt: 2, articleId: 'b' } } as never;
    const b = { score: 1, article: { publishedAt: 2, articleId: 'a' } } as never;
    const c = { score: 1, article: { publishedAt: 3, articleId: 'z' } } as never;
    assert.deepEqual([a, b, c].sort(compareRanked), [c, b, a]);
    const index = corpus();
    const first = rankRelated(index, null, index.get('src')!, { limit: 4, now: NOW });
    const second = rankRelated(index, null, index.get('src')!, { limit: 4, now: NOW });
    assert.deepEqual(first.map((p) => p.article.articleId), second.map((p) => p.article.articleId));
  });

  it('blends in co-engagement only once enough readers engaged', () => {
    const index = corpus();
    const graph = new EngagementGraph();
    const readers = Array.from({ length: MIN_READERS_FOR_ENGAGEMENT }, (_, i) => `reader-${i}`);
    graph.set(readers[0], 'src', true);
    graph.set(readers[0], 'f3', true);
    const early = rankRelated(index, graph, index.get('src')!, { limit: 4, now: NOW }).map((p) => p.article.articleId);
    assert.ok(!early.includes('f3'), 'one reader is not enough evidence');

    for (const reader of readers) {
      graph.set(reader, 'src', true);
      graph.set(reader, 'f3', true);
    }
    const picks = rankRelated(index, graph, index.get('src')!, { limit: 4, now: NOW });
    const bakery = picks.find((p) => p.article.articleId === 'f3');
    assert.ok(bakery, 'the co-engaged article is blended in');
    assert.equal(bakery.reason, 'readers of this also read it');
  });

  it('applies the caller’s exclusions', () => {
    const index = corpus();
    const ids = rankRelated(index, null, index.get('src')!, { limit: 4, now: NOW, exclude: (a) => a.articleId === 'tag' }).map((p) => p.article.articleId);
    assert.ok(!ids.includes('tag'));
  });
});

describe('related index', () => {
  it('finds articles by slug and drops the old slug when one changes', () => {
    const index = corpus();
    index.upsert(article('tag', { slug: 'renamed', title: 'Ambassador recalled', tags: ['diplomacy'] }));
    assert.equal(index.getBySlug('renamed')?.articleId, 'tag');
    assert.equal(index.getBySlug('slug-tag'), undefined);
    assert.equal(index.size, 8);
  });

  it('gives a bulk load and one-by-one upserts the same neighbours', () => {
    const articles = [...FILLER, ...corpusArticles()];
    const bulk = new RelatedIndex();
    bulk.load(articles);
    const incremental = new RelatedIndex();
    for (const a of articles) incremental.upsert(a);
    assert.equal(incremental.size, bulk.size);
    const ranked = (index: RelatedIndex) => rankRelated(index, null, index.get('src')!, { limit: 3, now: NOW }).map((p) => p.article.articleId);
    assert.deepEqual(ranked(incremental), ranked(bulk));
  });
});
