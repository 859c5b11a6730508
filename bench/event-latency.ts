import 'reflect-metadata';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import type { DomainServiceApp } from '@broadsheet/messaging';
import { createTestDatabase, deleteStream, isolatedBusEnv, testInfrastructure, sleep } from '@broadsheet/testing';
import { startProbe } from '../libs/messaging/test/fixtures/harness';
import { PRODUCER, ProbeWriter } from '../libs/messaging/test/fixtures/probe.services';
import { APPLIED_CHANNEL, LATENCY_CONSUMER } from './latency.fixtures';

/*
 * Event latency: from the commit of a change (row + outbox entry) to the commit of the
 * subscriber's handler transaction (its row + inbox mark), through the real outbox relay,
 * JetStream and durable consumer; beside a bare NATS core publish -> subscribe on the same
 * server, the floor any bus latency sits on. Prints figures, never fails on a time.
 * `npm run bench:events -- --events 3000 --pace-ms 2 --burst 1 --concurrency 1`
 */

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '3000' },
    'pace-ms': { type: 'string', default: '2' },
    burst: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '1' },
  },
});
const EVENTS = Number(args.events);
const PACE_MS = Number(args['pace-ms']);
const BURST = Number(args.burst);
const WARMUP = Number(args.warmup);
const CONCURRENCY = args.concurrency;

/** Percentile of sorted samples (nearest rank). */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

const progress = (label: string, done: number, total: number) =>
  process.stderr.write(`\r  ${label}: ${done}/${total}${done === total ? '\n' : ''}`);

/** Sends `total` items in bursts of BURST every PACE_MS, calling `send(i)` for each. */
async function paced(label: string, total: number, send: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < total; i += BURST) {
    await Promise.all(Array.from({ length: Math.min(BURST, total - i) }, (_, k) => send(i + k)));
    if ((i + BURST) % 250 < BURST || i + BURST >= total) progress(label, Math.min(i + BURST, total), total);
    await sleep(PACE_MS);
  }
}

async function natsBaseline(natsUrl: string, subject: string, total: number): Promise<number[]> {
  const publisher = await connect({ servers: natsUrl });
  const subscriber = await connect({ servers: natsUrl });
  const samples: number[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  subscriber.subscribe(subject, {
    callback: (_error, msg) => {
      samples.push(performance.now() - Number(msg.string()));
      if (samples.length === total) done();
    },
  });
  await subscriber.flush();
  await paced('NATS core baseline', total, async () => publisher.publish(subject, String(performance.now())));
  await all;
  await Promise.all([publisher.close(), subscriber.close()]);
  return samples;
}

interface EventSamples {
  /** Commit to the consumer's commit. */
  total: number[];
  /** Commit to the event's arrival on the stream's subject (outbox relay leg). */
  relay: number[];
}

/** Writes `total` changes and times each event to its subscriber, and to the stream on the way. */
async function eventLatency(producer: DomainServiceApp, env: Record<string, string>, total: number, label: string): Promise<EventSamples> {
  const writer = producer.app.get(ProbeWriter);
  const committed = new Map<string, number>();
  const seen = new Map<string, number>();
  const samples: EventSamples = { total: [], relay: [] };
  // A core subscription sees each event as JetStream stores it: splits relay time from consumer time.
  const tap = await connect({ servers: env.NATS_URL });
  tap.subscribe(`${env.EVENTS_SUBJECT_PREFIX}.>`, {
    callback: (_error, msg) => {
      seen.set(msg.json<{ subject: string }>().subject, performance.now());
    },
  });
  await tap.flush();
  const listener = new Client({ connectionString: env.DATABASE_URL });
  await listener.connect();
  await listener.query(`LISTEN ${APPLIED_CHANNEL}`);
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const prefix = `${label}-`;
  listener.on('notification', ({ payload }) => {
    const at = performance.now();
    const start = payload?.startsWith(prefix) ? committed.get(payload) : undefined;
    if (start === undefined) return;
    samples.total.push(at - start);
    samples.relay.push((seen.get(payload!) ?? at) - start);
    if (samples.total.length === total) done();
  });
  await paced(label, total, async (i) => {
    const articleId = `${prefix}${i}`;
    await writer.write(articleId);
    committed.set(articleId, performance.now());
  });
  await all;
  await Promise.all([listener.end(), tap.close()]);
  return samples;
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function main(): Promise<void> {
  const infra = await testInfrastructure();
  const db = await createTestDatabase(infra.serverUrl, 'bench');
  const bus = isolatedBusEnv();
  const env = { ...bus, DATABASE_URL: db.url, NATS_URL: infra.natsUrl, EVENT_CONSUMER_CONCURRENCY: CONCURRENCY };
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Event latency bench: ${EVENTS} events, bursts of ${BURST} every ${PACE_MS} ms, consumer concurrency ${CONCURRENCY}`);
  console.log(`machine: ${cpus().length} CPUs (${cpu}), Node ${process.version}, ${infra.source} Postgres + NATS`);
  const services: DomainServiceApp[] = [];
  try {
    services.push(await startProbe(LATENCY_CONSUMER, env, 'bench-consumer'));
    const producer = await startProbe(PRODUCER, env, 'bench-producer');
    services.push(producer);

    if (WARMUP > 0) await eventLatency(producer, env, WARMUP, 'warmup');
    const baseline = summarise(await natsBaseline(infra.natsUrl, `${bus.RPC_SUBJECT_PREFIX}.baseline`, EVENTS));
    const measured = await eventLatency(producer, env, EVENTS, 'events');
    const events = summarise(measured.total);
    const relay = summarise(measured.relay);

    console.log('');
    console.log(`| path | n | p50 | p99 | max |`);
    console.log(`|---|---|---|---|---|`);
    console.log(`| NATS core publish -> subscriber (baseline) | ${baseline.n} | ${fmt(baseline.p50)} | ${fmt(baseline.p99)} | ${fmt(baseline.max)} |`);
    console.log(`| commit -> outbox relay -> JetStream -> consumer commit | ${events.n} | ${fmt(events.p50)} | ${fmt(events.p99)} | ${fmt(events.max)} |`);
    console.log(`| of which commit -> on the stream (outbox relay) | ${relay.n} | ${fmt(relay.p50)} | ${fmt(relay.p99)} | ${fmt(relay.max)} |`);
    console.log('');
    console.log(`ratio to baseline: p50 x${(events.p50 / baseline.p50).toFixed(1)}, p99 x${(events.p99 / baseline.p99).toFixed(1)}`);
    console.log(`goal p50 <= 5 ms, p99 <= 25 ms: ${events.p50 <= 5 && events.p99 <= 25 ? 'met' : 'missed'}`);
  } finally {
    for (const service of services.reverse()) await service.close().catch(() => undefined);
    await deleteStream(infra.natsUrl, bus.EVENTS_STREAM).catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
