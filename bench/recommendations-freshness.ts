/*
 * Freshness of related lists: boots the recommendations service on its own database and
 * stream, publishes a new article through JetStream (as the articles service would), and times
 * until it appears in a neighbour's related list over RPC; then unpublishes it and times until
 * it is gone. Prints p50/p99. Never fails on a time.
 *   npm run build && node dist/bench/recommendations-freshness.js
 */
import { performance } from 'node:perf_hooks';
import { ARTICLE_PUBLISHED_V1, ARTICLE_UNPUBLISHED_V1 } from '@broadsheet/contracts';
import { BusClient, createDomainService } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { createTestDatabase, deleteStream, isolatedBusEnv, testInfrastructure, waitFor } from '@broadsheet/testing';
import { RecommendationsConfig } from '../apps/recommendations/src/config/recommendations.config';
import { RECOMMENDATIONS_SERVICE } from '../apps/recommendations/src/recommendations.definition';
import { RelatedIndex } from '../apps/recommendations/src/services/related.index';
import { EventPublisher, publishedArticle } from '../apps/recommendations/test/recommendation-events.factory';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const SEED_ARTICLES = 200;
const POLL_MS = 2;
const TARGET_P99_MS = 1000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const infra = await testInfrastructure();
  const db = await createTestDatabase(infra.serverUrl, 'freshness');
  const env: Record<string, string> = { ...isolatedBusEnv(), DATABASE_URL: db.url, NATS_URL: infra.natsUrl, LOG_LEVEL: 'error' };
  const service = await createDomainService(RECOMMENDATIONS_SERVICE, loadConfig(RecommendationsConfig, { ...env, INSTANCE_ID: 'freshness' }));
  await service.app.listen();
  const client = new BusClient(service.bus);
  const events = await EventPublisher.connect(infra.natsUrl, env.EVENTS_SUBJECT_PREFIX);
  try {
    const anchor = publishedArticle({ title: 'Harbour dockers strike over wages', body: 'Dockers at the harbour strike over wages and shifts.', tags: ['labour', 'shipping'], section: 'business' });
    await events.publish(ARTICLE_PUBLISHED_V1, anchor.articleId, anchor);
    for (let i = 0; i < SEED_ARTICLES; i++) {
      const filler = publishedArticle({ title: `Background story ${i} on topic ${i % 17}`, body: `Filler text number ${i} about subject ${i % 23}.`, tags: [`t${i % 11}`], section: `s${i % 6}` });
      await events.publish(ARTICLE_PUBLISHED_V1, filler.articleId, filler);
    }
    const relatedTo = async () => (await client.request('recommendations.related', { actor: null, slug: anchor.slug, limit: '20' })).related.map((c) => c.slug);
    const until = async (predicate: (slugs: string[]) => boolean, since: number) => {
      for (;;) {
        if (predicate(await relatedTo())) return performance.now() - since;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };
    // Fillers share nothing with the anchor: wait until all are indexed, not for the rail to fill.
    await waitFor('the seed articles to be indexed', () => service.app.get(RelatedIndex).size === SEED_ARTICLES + 1, { timeoutMs: 60_000 });

    const appear: number[] = [];
    const leave: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = publishedArticle({ title: `Dockers harbour strike round ${round}`, body: `Harbour dockers and wages, update ${round}.`, tags: ['labour', 'shipping'], section: 'business' });
      let started = performance.now();
      await events.publish(ARTICLE_PUBLISHED_V1, fresh.articleId, fresh);
      appear.push(await until((slugs) => slugs.includes(fresh.slug), started));
      started = performance.now();
      await events.publish(ARTICLE_UNPUBLISHED_V1, fresh.articleId, { articleId: fresh.articleId, slug: fresh.slug, status: 'archived', unpublishedAt: new Date().toISOString() });
      leave.push(await until((slugs) => !slugs.includes(fresh.slug), started));
    }
    appear.sort((a, b) => a - b);
    leave.sort((a, b) => a - b);
    // Baseline, same run: one related request and its answer, the floor of every poll above.
    const rpc: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await relatedTo();
      rpc.push(performance.now() - started);
    }
    rpc.sort((a, b) => a - b);
    const line = (name: string, xs: number[]) =>
      `${name}: p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms, max ${xs[xs.length - 1].toFixed(1)} ms (p99 / ${TARGET_P99_MS} ms target: ${(percentile(xs, 99) / TARGET_P99_MS).toFixed(3)})`;
    console.log(`freshness over ${ROUNDS} rounds (JetStream publish -> consumer -> commit -> NOTIFY -> index -> RPC answer, polled every ${POLL_MS} ms):`);
    console.log(line('  appears in related after publish', appear));
    console.log(line('  leaves related after unpublish  ', leave));
    console.log(`  baseline, same run: one related RPC round trip p50 ${percentile(rpc, 50).toFixed(2)} ms, p99 ${percentile(rpc, 99).toFixed(2)} ms`);
    console.log(`  appears / baseline: p50 ${(percentile(appear, 50) / percentile(rpc, 50)).toFixed(1)}, p99 ${(percentile(appear, 99) / percentile(rpc, 99)).toFixed(1)}`);
  } finally {
    await events.close();
    await service.close();
    await deleteStream(infra.natsUrl, env.EVENTS_STREAM);
    await db.drop();
  }
}

void main();
