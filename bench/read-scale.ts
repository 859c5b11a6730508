/*
 * `npm run bench:reads`: does a read cost the size of its page, or the size of the data?
 *
 * Boots the articles and comments services on a database and stream of their own and times
 * each public read over RPC (the path the gateway takes) twice: on a small site (100 published
 * articles, 200 comments under each, 1,000 acts of engagement in the trending window), then after
 * years of use are written straight into their tables (BENCH_ARTICLES more published articles,
 * one conversation grown to BENCH_COMMENTS, BENCH_ENGAGEMENT acts in the window).
 * The small site is the baseline, measured in the same run: a ratio near 1 means the read does
 * not grow with the data. Prints p50/p99 per read and writes the "Reads at scale" section of
 * docs/benchmarks.md; BENCH_ONLY='<regex>' measures the matching reads and leaves the file alone.
 * Never fails on a time.
 */
import { performance } from 'node:perf_hooks';
import type { Actor, RpcPattern, RpcRequest } from '@broadsheet/contracts';
import { BusClient, createDomainService, type DomainServiceApp } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { createTestDatabase, deleteStream, isolatedBusEnv, testInfrastructure, waitFor } from '@broadsheet/testing';
import { Pool } from 'pg';
import { ARTICLES_SERVICE } from '../apps/articles/src/articles.definition';
import { ArticlesConfig } from '../apps/articles/src/config/articles.config';
import { COMMENTS_SERVICE } from '../apps/comments/src/comments.definition';
import { CommentsConfig } from '../apps/comments/src/config/comments.config';
import { RecommendationsConfig } from '../apps/recommendations/src/config/recommendations.config';
import { RECOMMENDATIONS_SERVICE } from '../apps/recommendations/src/recommendations.definition';
import { EngagementRepository } from '../apps/recommendations/src/repositories/engagement.repository';
import { machineLine, pad, padLeft, writeBenchmarkSection } from './support/report';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 50_000);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 50_000);
const ENGAGEMENT = Number(process.env.BENCH_ENGAGEMENT ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARMUP = 30;
const SMALL_ARTICLES = 100;
const SMALL_COMMENTS = 200;
const SMALL_ENGAGEMENT = 1_000;
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;

/** A read over RPC, as the gateway asks. */
interface RpcRead {
  label: string;
  pattern: RpcPattern;
  /** The same request on the small site and on the large one. */
  request(): RpcRequest<RpcPattern>;
}

/** Work that no request waits for, timed on its own (fewer times: it is slow by design). */
interface BackgroundRead {
  label: string;
  run(): Promise<unknown>;
}

type Read = RpcRead | BackgroundRead;
const BACKGROUND_RUNS = 20;


interface Timing {
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => value.toFixed(2);

async function time(client: BusClient, read: Read): Promise<Timing> {
  const once = 'run' in read ? read.run : () => client.request(read.pattern, read.request());
  const [warmup, runs] = 'run' in read ? [1, BACKGROUND_RUNS] : [WARMUP, REQUESTS];
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(`[reads ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}`);
  const infra = await testInfrastructure();
  const db = await createTestDatabase(infra.serverUrl, 'reads');
  const env: Record<string, string> = { ...isolatedBusEnv(), DATABASE_URL: db.url, NATS_URL: infra.natsUrl, LOG_LEVEL: 'error' };
  const services: DomainServiceApp[] = [];
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const cleanUp = async () => {
    await Promise.all(services.map((s) => s.close()));
    await pool.end();
    await deleteStream(infra.natsUrl, env.EVENTS_STREAM).catch(() => undefined);
    await db.drop().catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  try {
    log('starting the articles, comments and recommendations services');
    const articles = await createDomainService(ARTICLES_SERVICE, loadConfig(ArticlesConfig, { ...env, INSTANCE_ID: 'reads-articles' }));
    services.push(articles);
    const comments = await createDomainService(COMMENTS_SERVICE, loadConfig(CommentsConfig, { ...env, INSTANCE_ID: 'reads-comments', COMMENTS_POST_INTERVAL_MS: '0' }));
    services.push(comments);
    const recommendations = await createDomainService(RECOMMENDATIONS_SERVICE, loadConfig(RecommendationsConfig, { ...env, INSTANCE_ID: 'reads-recommendations' }));
    services.push(recommendations);
    await Promise.all(services.map((s) => s.app.listen()));
    const client = new BusClient(articles.bus);

    log(`the small site: ${SMALL_ARTICLES} published articles, ${SMALL_COMMENTS} comments under each`);
    const writer: Actor = { userId: '00000000-0000-4000-8000-00000000000a', username: 'archivist', roles: ['reader', 'author'], status: 'active' };
    const section = 'Harbour';
    const tag = 'shipping';
    const slugs: string[] = [];
    for (let i = 0; i < SMALL_ARTICLES; i++) {
      const mine = i % 2 === 0;
      const author: Actor = mine ? writer : { ...writer, userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, username: `writer${i}` };
      const { article } = await client.request('articles.create', {
        actor: author,
        article: { title: `Story ${i}`, description: 'd', body: 'b', section: mine ? section : 'Elsewhere', tagList: mine ? [tag] : [] },
      });
      slugs.push(article.slug);
    }
    const [small, long] = slugs;
    await waitFor('the comments replica to hold the articles', () => client.request('comments.list', { actor: null, slug: long }).then(() => true), { timeoutMs: 60_000 });
    await waitFor(
      'the recommendations replica to hold the articles',
      async () => (await pool.query(`SELECT count(*)::int AS n FROM recommendations.article`)).rows[0].n === SMALL_ARTICLES,
      { timeoutMs: 60_000 },
    );
    // Acts of the last week (favorites, comments, likes) spread over the small site's articles.
    // One reader of them all is a heavy one: every 50th act is theirs (20 on the small site),
    // spread over the articles like everyone's.
    const heavyReader: Actor = { ...writer, userId: '00000000-0000-4000-8000-0000000000c0', username: 'heavy', roles: ['reader'] };
    const addEngagement = (count: number, from: number) =>
      pool.query(
        `WITH known AS (SELECT array_agg(article_id ORDER BY article_id) AS ids FROM recommendations.article)
         INSERT INTO recommendations.engagement (article_id, kind, ref, user_id, active, at, version_at)
         SELECT known.ids[1 + (CASE WHEN g % 50 = 0 THEN g / 50 ELSE g END) % cardinality(known.ids)], (ARRAY['favorite', 'comment', 'like'])[1 + g % 3], 'bench-' || g,
                CASE WHEN g % 50 = 0 THEN $3 ELSE 'reader-' || (g % 5000) END, true, now() - (g % 10000) * interval '1 minute', now()
           FROM known, generate_series($1::int, $1::int + $2::int - 1) g`,
        [from, count, heavyReader.userId],
      );
    await addEngagement(SMALL_ENGAGEMENT, 0);
    const addComments = (slug: string, count: number) =>
      pool.query(
        `WITH art AS (SELECT article_id FROM comments.article_slugs WHERE slug = $1),
              ids AS (SELECT nextval(pg_get_serial_sequence('comments.comments', 'id'))::int AS id FROM generate_series(1, $2::int))
         INSERT INTO comments.comments (id, article_id, author_id, root_id, path, depth, body, visibility, likes_count)
         SELECT id, (SELECT article_id FROM art), gen_random_uuid(), id, ARRAY[id], 0, 'comment ' || id, 'visible', id % 7 FROM ids`,
        [slug, count],
      );
    for (const slug of slugs) await addComments(slug, SMALL_COMMENTS);
    // A reader who follows the writer (the follows replica, as users events would fill it).
    const reader: Actor = { ...writer, userId: '00000000-0000-4000-8000-0000000000b0', username: 'reader', roles: ['reader'] };
    await pool.query(`INSERT INTO articles.follows (follower_id, followee_id, followed_at) VALUES ($1, $2, now())`, [reader.userId, writer.userId]);
    for (const table of ['articles.articles', 'comments.comments', 'recommendations.article']) await pool.query(`ANALYZE ${table}`);

    const allReads: Read[] = [
      { label: 'comments: first page of threads, newest (the article page\'s)', pattern: 'comments.list', request: () => ({ actor: null, slug: long, sort: 'newest', limit: 20 }) },
      { label: 'comments: first page of threads, top', pattern: 'comments.list', request: () => ({ actor: null, slug: long, sort: 'top', limit: 20 }) },
      { label: 'comments: a short conversation beside the long one', pattern: 'comments.list', request: () => ({ actor: null, slug: small, sort: 'newest', limit: 20 }) },
      { label: 'articles: the list, 20', pattern: 'articles.list', request: () => ({ actor: null, query: { limit: 20 } }) },
      { label: 'articles: a section, 20', pattern: 'articles.list', request: () => ({ actor: null, query: { section, limit: 20 } }) },
      { label: 'articles: an author, 20', pattern: 'articles.list', request: () => ({ actor: null, query: { author: writer.username, limit: 20 } }) },
      { label: 'articles: a tag, 20', pattern: 'articles.list', request: () => ({ actor: null, query: { tag, limit: 20 } }) },
      { label: 'articles: a reader\'s feed, 20', pattern: 'articles.feed', request: () => ({ actor: reader, query: { limit: 20 } }) },
      { label: 'recommendations: trending, 10', pattern: 'recommendations.trending', request: () => ({ actor: null, limit: 10 }) },
      { label: 'recommendations: for you, 10 (a reader of 20, then 2,000 acts)', pattern: 'recommendations.for-you', request: () => ({ actor: heavyReader, limit: 10 }) },
      {
        label: 'recommendations: ranking trending (in the background, once per TRENDING_REFRESH_MS)',
        run: () => recommendations.app.get(EngagementRepository).ranking({ since: new Date(Date.now() - 7 * 86_400_000), halfLifeHours: 24 }),
      },
    ];
    const reads = allReads.filter((r) => !ONLY || ONLY.test(r.label));

    const before = new Map<string, Timing>();
    for (const read of reads) {
      before.set(read.label, await time(client, read));
      log(`small: ${read.label}: p50 ${ms(before.get(read.label)!.p50)} ms`);
    }

    log(`the large site: adding ${ARTICLES} published articles (half by the same author, in the same section, with the same tag), ${COMMENTS} comments to the conversation and ${ENGAGEMENT} acts of engagement in the trending window`);
    await pool.query(
      `INSERT INTO articles.articles (id, slug, title, description, body, tag_list, author_id, section, status, published_at, digital_source_type, created_at, updated_at)
       SELECT gen_random_uuid(), 'archive-' || g, 'Archive ' || g, 'd', 'b', CASE WHEN g % 2 = 0 THEN ARRAY[$3] ELSE '{}' END,
              CASE WHEN g % 2 = 0 THEN $1::uuid ELSE gen_random_uuid() END, CASE WHEN g % 2 = 0 THEN $2 ELSE 'Elsewhere' END,
              'published', now() - interval '1 day' - g * interval '1 minute', 'humanEdits', now(), now()
         FROM generate_series(1, $4::int) g`,
      [writer.userId, section, tag, ARTICLES],
    );
    // Tag counts are the service's to keep (TagRepository.shift); the archive written behind its back adds its own.
    await pool.query(`UPDATE articles.tags SET articles_count = articles_count + $2 WHERE name = $1`, [tag, Math.floor(ARTICLES / 2)]);
    await addComments(long, COMMENTS - SMALL_COMMENTS);
    await addEngagement(ENGAGEMENT - SMALL_ENGAGEMENT, SMALL_ENGAGEMENT);
    // As autovacuum would after such a load (the replicas filled by events included).
    for (const table of ['articles.articles', 'articles.article_tags', 'comments.comments', 'comments.articles', 'recommendations.engagement', 'recommendations.article']) {
      await pool.query(`VACUUM ANALYZE ${table}`);
    }
    const check = await client.request('articles.list', { actor: null, query: { limit: 1 } });
    log(`the list counts ${check.articlesCount} articles`);

    const rows: string[] = [];
    console.log(`\n${pad('read', 62)} ${padLeft('small p50', 10)} ${padLeft('large p50', 10)} ${padLeft('large p99', 10)} ${padLeft('× small', 8)}`);
    for (const read of reads) {
      const after = await time(client, read);
      const base = before.get(read.label)!;
      const ratio = after.p50 / base.p50;
      console.log(`${pad(read.label, 62)} ${padLeft(ms(base.p50), 10)} ${padLeft(ms(after.p50), 10)} ${padLeft(ms(after.p99), 10)} ${padLeft(ratio.toFixed(2), 8)}`);
      rows.push(`| ${read.label} | ${ms(base.p50)} / ${ms(base.p99)} | ${ms(after.p50)} / ${ms(after.p99)} | ${ratio.toFixed(2)} |`);
    }

    if (ONLY) {
      log('BENCH_ONLY is set: a partial run, docs/benchmarks.md left as it is');
      return;
    }
    const file = writeBenchmarkSection(
      'reads',
      `## Reads at scale

Measured by \`npm run bench:reads\` on ${machineLine()}: the articles and comments services on a
database and stream of their own, each read over RPC (as the gateway asks), one at a time,
${REQUESTS} times after ${WARMUP} of warm-up (work no request waits for: ${BACKGROUND_RUNS} times after one). First on a small site (${SMALL_ARTICLES} published articles, ${SMALL_COMMENTS}
comments under each, ${SMALL_ENGAGEMENT.toLocaleString('en')} acts of engagement in the trending window: the baseline), then after
${ARTICLES.toLocaleString('en')} more published articles, ${(COMMENTS - SMALL_COMMENTS).toLocaleString('en')} more comments under one of them and
${(ENGAGEMENT - SMALL_ENGAGEMENT).toLocaleString('en')} more acts are written straight into the tables. A ratio
near 1 means the read costs the size of its page, not of the data (the small site goes first,
on processes still warming up: that is a ratio a little under 1).

| read | small site p50 / p99 ms | large site p50 / p99 ms | large ÷ small (p50) |
|---|---:|---:|---:|
${rows.join('\n')}`,
    );
    log(`wrote ${file}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
