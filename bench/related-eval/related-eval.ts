/*
 * `npm run eval:related`: scores the related-articles method on a labelled corpus
 * (bench/related-eval/corpus.txt, 6 sections x 15 articles; an item is relevant when it is in
 * the source's section) against two baselines computed in the same run. Prints figures only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RelatedIndex, type IndexableArticle, type IndexedArticle } from '../../apps/recommendations/src/services/related.index';
import { DEFAULT_RELATED_WEIGHTS, rankRelated } from '../../apps/recommendations/src/services/related.ranker';
import { normalizeTag } from '../../apps/recommendations/src/services/text.analyzer';
import { seeded } from '../support/seeded-random';

const K = 4;
const SEED = 20260301;
const NOW = Date.parse('2026-03-01T00:00:00Z');
const SPREAD_DAYS = 60;
const CORPUS = join(__dirname, '..', '..', '..', 'bench', 'related-eval', 'corpus.txt');


function loadCorpus(): IndexableArticle[] {
  const random = seeded(SEED);
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line, i) => {
      const [section, tags, title, description, body] = line.split('|').map((f) => f.trim());
      return {
        articleId: `eval-${String(i).padStart(3, '0')}`,
        slug: `eval-${i}`,
        title,
        description,
        body,
        tags: tags.split(',').map((t) => t.trim()),
        section,
        authorId: `author-${i % 7}`,
        publishedAt: new Date(NOW - Math.floor(random() * SPREAD_DAYS * 86_400_000)),
      };
    });
}

type Recommender = (source: IndexedArticle) => IndexedArticle[];

interface Scores {
  precision: number;
  ndcg: number;
  coverage: number;
}

function evaluate(docs: IndexedArticle[], recommend: Recommender): Scores {
  let precision = 0;
  let ndcg = 0;
  const shown = new Set<string>();
  const idcg = Array.from({ length: K }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
  for (const source of docs) {
    const picks = recommend(source).slice(0, K);
    let hits = 0;
    let dcg = 0;
    picks.forEach((pick, i) => {
      shown.add(pick.articleId);
      if (pick.sectionKey === source.sectionKey) {
        hits++;
        dcg += 1 / Math.log2(i + 2);
      }
    });
    precision += hits / K;
    ndcg += dcg / idcg;
  }
  return { precision: precision / docs.length, ndcg: ndcg / docs.length, coverage: shown.size / docs.length };
}

function main(): void {
  const corpus = loadCorpus();
  const index = new RelatedIndex();
  index.load(corpus);
  const docs = [...index.all()].sort((a, b) => (a.articleId < b.articleId ? -1 : 1));
  const sections = new Set(docs.map((d) => d.sectionKey)).size;

  const method: Recommender = (source) => rankRelated(index, null, source, { limit: K, now: NOW }).map((p) => p.article);
  const sectionBlind: Recommender = (source) =>
    rankRelated(index, null, source, { limit: K, now: NOW, weights: { ...DEFAULT_RELATED_WEIGHTS, section: 0 } }).map((p) => p.article);
  const random = seeded(SEED);
  const randomBaseline: Recommender = (source) => {
    const others = docs.filter((d) => d.articleId !== source.articleId);
    for (let i = others.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [others[i], others[j]] = [others[j], others[i]];
    }
    return others.slice(0, K);
  };
  const sharedTags: Recommender = (source) => {
    const tags = new Set(source.tags.map(normalizeTag));
    return docs
      .filter((d) => d.articleId !== source.articleId)
      .map((d) => ({ d, shared: d.tags.filter((t) => tags.has(normalizeTag(t))).length }))
      .filter((x) => x.shared > 0)
      .sort((a, b) => b.shared - a.shared || b.d.publishedAt - a.d.publishedAt || (a.d.articleId < b.d.articleId ? -1 : 1))
      .map((x) => x.d);
  };

  const rows: [string, Scores][] = [
    ['method (text + tags + section + recency)', evaluate(docs, method)],
    ['method, section signal off', evaluate(docs, sectionBlind)],
    ['baseline: shared-tag count', evaluate(docs, sharedTags)],
    ['baseline: random (seed ' + SEED + ')', evaluate(docs, randomBaseline)],
  ];
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6) + ' %';
  console.log(`related-articles evaluation: ${docs.length} articles, ${sections} sections, k = ${K} (relevant = same section)\n`);
  console.log(`${'recommender'.padEnd(44)} ${'precision@4'.padStart(11)} ${'nDCG@4'.padStart(9)} ${'coverage'.padStart(9)}`);
  for (const [name, s] of rows) console.log(`${name.padEnd(44)} ${pct(s.precision).padStart(11)} ${pct(s.ndcg).padStart(9)} ${pct(s.coverage).padStart(9)}`);
  const [m, blind, tag, rnd] = rows.map(([, s]) => s);
  const ratio = (a: number, b: number) => (b === 0 ? 'inf' : (a / b).toFixed(2) + 'x');
  console.log(`\nmethod vs shared-tag: precision ${ratio(m.precision, tag.precision)}, nDCG ${ratio(m.ndcg, tag.ndcg)}`);
  console.log(`method vs random:     precision ${ratio(m.precision, rnd.precision)}, nDCG ${ratio(m.ndcg, rnd.ndcg)}`);
  console.log(`section-blind vs shared-tag: precision ${ratio(blind.precision, tag.precision)}, nDCG ${ratio(blind.ndcg, tag.ndcg)}`);
  const beats = (s: Scores) => s.precision > tag.precision && s.precision > rnd.precision && s.ndcg > tag.ndcg && s.ndcg > rnd.ndcg;
  console.log(`method beats both baselines on precision@4 and nDCG@4: ${beats(m) ? 'yes' : 'NO'}; section-blind: ${beats(blind) ? 'yes' : 'NO'}`);
}

main();
