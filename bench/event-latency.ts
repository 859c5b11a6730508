import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
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
const DRAIN_EVENTS = 1000;

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

interface Pacing {
  burst: number;
  paceMs: number;
}

/** Sends `total` items in bursts of `burst` every `paceMs`, calling `send(i)` for each. */
async function paced(label: string, total: number, { burst, paceMs }: Pacing, send: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < total; i += burst) {
    await Promise.all(Array.from({ length: Math.min(burst, total - i) }, (_, k) => send(i + k)));
    if ((i + burst) % 250 < burst || i + burst >= total) progress(label, Math.min(i + burst, total), total);
    if (paceMs > 0) await sleep(paceMs);
  }
}

/** Resolves once `count()` reaches `total`; fails after `timeoutMs` without progress. */
async function settled(what: string, count: () => number, total: number, timeoutMs = 30_000): Promise<void> {
  let last = -1;
  let since = Date.now();
  while (count() < total) {
    if (count() !== last) [last, since] = [count(), Date.now()];
    if (Date.now() - since > timeoutMs) throw new Error(`${what}: ${count()}/${total} after ${timeoutMs} ms without progress`);
    await sleep(5);
  }
}

async function natsBaseline(natsUrl: string, subject: string, total: number, pacing: Pacing): Promise<number[]> {
  const publisher = await connect({ servers: natsUrl });
  const subscriber = await connect({ servers: natsUrl });
  const samples: number[] = [];
  subscriber.subscribe(subject, {
    callback: (_error, msg) => {
      samples.push(performance.now() - Number(msg.string()));
    },
  });
  await subscriber.flush();
  await paced('NATS core baseline', total, pacing, async () => publisher.publish(subject, String(performance.now())));
  await settled('NATS baseline', () => samples.length, total);
  await Promise.all([publisher.close(), subscriber.close()]);
  return samples;
}

interface EventRun {
  /** Commit to the consumer's commit, per event. */
  total: number[];
  /** Commit to the event's arrival on the stream's subject (outbox relay leg), per event. */
  relay: number[];
  /** First commit to last consumer commit. */
  elapsedMs: number;
}

/** Writes `total` changes and times each event to its subscriber, and to the stream on the way. */
async function eventLatency(producer: DomainServiceApp, env: Record<string, string>, total: number, label: string, pacing: Pacing): Promise<EventRun> {
  const writer = producer.app.get(ProbeWriter);
  const committed = new Map<string, number>();
  const seen = new Map<string, number>();
  const applied = new Map<string, number>();
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
  const prefix = `${label}-`;
  listener.on('notification', ({ payload }) => {
    if (payload?.startsWith(prefix)) applied.set(payload, performance.now());
  });
  const started = performance.now();
  await paced(label, total, pacing, async (i) => {
    const articleId = `${prefix}${i}`;
    await writer.write(articleId);
    committed.set(articleId, performance.now());
  });
  await settled(`${label} events applied`, () => applied.size, total);
  await Promise.all([listener.end(), tap.close()]);
  // An event can be applied before the writer's await resumes: its latency is then ~0, not lost.
  const run: EventRun = { total: [], relay: [], elapsedMs: Math.max(...applied.values()) - started };
  for (const [id, at] of committed) {
    run.total.push(Math.max(0, applied.get(id)! - at));
    run.relay.push(Math.max(0, (seen.get(id) ?? applied.get(id)!) - at));
  }
  return run;
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function main(): Promise<void> {
  const infra = await testInfrastructure();
  const db = await createTestDatabase(infra.serverUrl, 'bench');
  const bus = isolatedBusEnv();
  const env = { ...bus, DATABASE_URL: db.url, NATS_URL: infra.natsUrl, EVENT_CONSUMER_CONCURRENCY: CONCURRENCY };
  const pacing = { burst: BURST, paceMs: PACE_MS };
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Event latency bench: ${EVENTS} events, bursts of ${BURST} every ${PACE_MS} ms, consumer concurrency ${CONCURRENCY}`);
  console.log(`machine: ${cpus().length} CPUs (${cpu}), Node ${process.version}, ${infra.source} Postgres + NATS, load ${loadavg()[0].toFixed(2)}`);
  const services: DomainServiceApp[] = [];
  let cleaned: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      for (const service of services.reverse()) await service.close().catch(() => undefined);
      await deleteStream(infra.natsUrl, bus.EVENTS_STREAM).catch(() => undefined);
      await db.drop().catch(() => undefined);
    })());
  // An interrupted run still drops its database and stream.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  try {
    services.push(await startProbe(LATENCY_CONSUMER, env, 'bench-consumer'));
    const producer = await startProbe(PRODUCER, env, 'bench-producer');
    services.push(producer);

    if (WARMUP > 0) await eventLatency(producer, env, WARMUP, 'warmup', pacing);
    const baseline = summarise(await natsBaseline(infra.natsUrl, `${bus.RPC_SUBJECT_PREFIX}.baseline`, EVENTS, pacing));
    const measured = await eventLatency(producer, env, EVENTS, 'events', pacing);
    const events = summarise(measured.total);
    const relay = summarise(measured.relay);
    // All at once, ten writers: how fast one consumer replica drains a backlog.
    const drain = await eventLatency(producer, env, DRAIN_EVENTS, 'drain', { burst: 10, paceMs: 0 });

    console.log('');
    console.log(`| path | n | p50 | p99 | max |`);
    console.log(`|---|---|---|---|---|`);
    console.log(`| NATS core publish -> subscriber (baseline) | ${baseline.n} | ${fmt(baseline.p50)} | ${fmt(baseline.p99)} | ${fmt(baseline.max)} |`);
    console.log(`| commit -> outbox relay -> JetStream -> consumer commit | ${events.n} | ${fmt(events.p50)} | ${fmt(events.p99)} | ${fmt(events.max)} |`);
    console.log(`| of which commit -> on the stream (outbox relay) | ${relay.n} | ${fmt(relay.p50)} | ${fmt(relay.p99)} | ${fmt(relay.max)} |`);
    console.log('');
    console.log(`ratio to baseline: p50 x${(events.p50 / baseline.p50).toFixed(1)}, p99 x${(events.p99 / baseline.p99).toFixed(1)}`);
    console.log(`goal p50 <= 5 ms, p99 <= 25 ms: ${events.p50 <= 5 && events.p99 <= 25 ? 'met' : 'missed'}`);
    const rate = (DRAIN_EVENTS / drain.elapsedMs) * 1000;
    console.log(`backlog of ${DRAIN_EVENTS} written by 10 writers: applied in ${fmt(drain.elapsedMs)} (${rate.toFixed(0)} events/s, ${(1000 / rate).toFixed(2)} ms per event)`);
  } finally {
    await cleanUp();
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
