/*
 * `npm run bench:related`: generates a synthetic corpus (100,000 articles by default, or
 * BENCH_ARTICLES), loads it into the related index the service uses, then measures the related
 * query (the same ranker the RPC calls), incremental publish and unpublish, and memory.
 * Prints figures and ratios; never fails on a time.
 */
import { performance } from 'node:perf_hooks';
import { EngagementGraph } from '../apps/recommendations/src/services/engagement.graph';
import { RelatedIndex, type IndexableArticle } from '../apps/recommendations/src/services/related.index';
import { rankRelated } from '../apps/recommendations/src/services/related.ranker';
import { seeded } from './support/seeded-random';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const QUERIES = 2000;
const UPDATES = 500;
const SECTIONS = 12;
const TOPICS = 400;
const TOPIC_WORDS = 40;
const COMMON_WORDS = 3000;
const BODY_WORDS = 180;
const TARGET_P99_MS = 20;


const random = seeded(42);
const syllables = ['ka', 'lo', 'mi', 'ren', 'tor', 'vas', 'qui', 'bel', 'dun', 'sar', 'fex', 'gol', 'hin', 'jup', 'nor', 'pex'];
const word = (i: number) => {
  let w = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
  return w + 'x';
};
const common = Array.from({ length: COMMON_WORDS }, (_, i) => word(i));
const topics = Array.from({ length: TOPICS }, (_, t) => Array.from({ length: TOPIC_WORDS }, (_, i) => word(COMMON_WORDS + t * TOPIC_WORDS + i)));
// Zipf-like pick: low indices far more often, as in real text.
const zipf = (n: number) => Math.floor(n * random() ** 3);

function generate(i: number): IndexableArticle {
  const topic = Math.floor(random() * TOPICS);
  const pick = () => (random() < 0.35 ? topics[topic][zipf(TOPIC_WORDS)] : common[zipf(COMMON_WORDS)]);
  const words = (n: number) => Array.from({ length: n }, pick).join(' ');
  return {
    articleId: `bench-${i}`,
    slug: `bench-${i}`,
    title: words(8),
    description: words(20),
    body: words(BODY_WORDS),
    tags: [`topic-${topic}`, `tag-${zipf(2000)}`],
    section: `section-${topic % SECTIONS}`,
    authorId: `author-${i % 5000}`,
    publishedAt: new Date(Date.now() - Math.floor(random() * 365 * 86_400_000)),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function main(): void {
  const baseline = process.memoryUsage();
  let started = performance.now();
  const corpus = Array.from({ length: ARTICLES }, (_, i) => generate(i));
  console.log(`generated ${ARTICLES} articles (${BODY_WORDS}-word bodies) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const index = new RelatedIndex();
  index.load(corpus);
  const loadSeconds = (performance.now() - started) / 1000;
  // Kept for the same-run baseline (tags only: small next to the bodies).
  const tagLists = corpus.map((article) => article.tags);
  corpus.length = 0;
  global.gc?.();
  const memory = process.memoryUsage();
  console.log(`boot load (bulk): ${loadSeconds.toFixed(1)} s, ${Math.round(ARTICLES / loadSeconds)} articles/s`);

  const graph = new EngagementGraph();
  for (let u = 0; u < 20_000; u++) for (let k = 0; k < 5; k++) graph.set(`reader-${u}`, `bench-${zipf(ARTICLES)}`, true);

  const latencies: number[] = [];
  let returned = 0;
  for (let q = 0; q < QUERIES; q++) {
    const source = index.get(`bench-${Math.floor(random() * ARTICLES)}`)!;
    const t = performance.now();
    returned += rankRelated(index, graph, source, { limit: 4 }).length;
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);

  // Baseline, same run and corpus: the simplest related query, a linear scan counting shared tags.
  const scans: number[] = [];
  for (let q = 0; q < QUERIES; q++) {
    const mine = new Set(tagLists[Math.floor(random() * tagLists.length)]);
    const t = performance.now();
    const matches: Array<[shared: number, at: number]> = [];
    for (let j = 0; j < tagLists.length; j++) {
      let shared = 0;
      for (const tag of tagLists[j]) if (mine.has(tag)) shared++;
      if (shared > 0) matches.push([shared, j]);
    }
    matches.sort((a, b) => b[0] - a[0] || a[1] - b[1]).splice(4);
    scans.push(performance.now() - t);
  }
  scans.sort((a, b) => a - b);

  const publish: number[] = [];
  const unpublish: number[] = [];
  for (let u = 0; u < UPDATES; u++) {
    const fresh = generate(ARTICLES + u);
    let t = performance.now();
    index.upsert(fresh);
    publish.push(performance.now() - t);
    t = performance.now();
    index.remove(`bench-${Math.floor(random() * ARTICLES)}`);
    unpublish.push(performance.now() - t);
  }
  publish.sort((a, b) => a - b);
  unpublish.sort((a, b) => a - b);

  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(`\nrelated query over ${index.size} articles (${QUERIES} queries, limit 4, co-engagement graph of 20,000 readers):`);
  console.log(`  p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${latencies[latencies.length - 1].toFixed(2)} ms; mean items ${(returned / QUERIES).toFixed(2)}`);
  console.log(`  p99 / ${TARGET_P99_MS} ms target: ${(p99 / TARGET_P99_MS).toFixed(2)}`);
  const scanP50 = percentile(scans, 50);
  const scanP99 = percentile(scans, 99);
  console.log(`baseline, same run: linear shared-tag scan of all ${tagLists.length} articles: p50 ${scanP50.toFixed(2)} ms, p99 ${scanP99.toFixed(2)} ms`);
  console.log(`  method / baseline: p50 ${(p50 / scanP50).toFixed(2)}, p99 ${(p99 / scanP99).toFixed(2)}`);
  console.log(`incremental publish (upsert one article): p50 ${percentile(publish, 50).toFixed(2)} ms, p99 ${percentile(publish, 99).toFixed(2)} ms`);
  console.log(`incremental unpublish (remove one article): p50 ${percentile(unpublish, 50).toFixed(2)} ms, p99 ${percentile(unpublish, 99).toFixed(2)} ms`);
  console.log(`memory after load: RSS ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)} (process baseline: RSS ${mb(baseline.rss)}, heap ${mb(baseline.heapUsed)})`);
}

main();
