import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { ARTICLE_FAVORITED_V1 } from '@broadsheet/contracts';
import { BusClient, createEnvelope, deadLetterSubject, DomainError, eventSubject, OutboxRelay, type DomainServiceApp } from '@broadsheet/messaging';
import { runWithContext } from '@broadsheet/platform';
import {
  createTestDatabase,
  deleteStream,
  isolatedBusEnv,
  PrivateNatsServer,
  runId,
  testInfrastructure,
  waitFor,
  type TestDatabase,
} from '@broadsheet/testing';
import { CONSUMER, holding, PRODUCER, ProbeTally, ProbeWriter } from './fixtures/probe.services';
import { probeRequest, startProbe } from './fixtures/harness';

const run = promisify(execFile);

/**
 * Hooks for a suite on the machine's NATS with a database and stream of its own; services pushed
 * on `started` are closed after it, newest first. `env` and `natsUrl` are set once it has begun.
 */
function onSharedBus(label: string, extra: Record<string, string>) {
  const bus = {
    env: {} as Record<string, string>,
    natsUrl: '',
    started: [] as DomainServiceApp[],
    /** Starts a probe service on this suite's bus (with `extra` settings) and closes it after. */
    async start(which: typeof PRODUCER, instance: string, extra: Record<string, string> = {}): Promise<DomainServiceApp> {
      const service = await startProbe(which, { ...bus.env, ...extra }, instance);
      bus.started.push(service);
      return service;
    },
  };
  let db: TestDatabase;
  before(async () => {
    const infra = await testInfrastructure();
    bus.natsUrl = infra.natsUrl;
    db = await createTestDatabase(infra.serverUrl, label);
    bus.env = { ...isolatedBusEnv(), DATABASE_URL: db.url, NATS_URL: bus.natsUrl, ...extra };
  });
  after(async () => {
    for (const service of bus.started.reverse()) await service.close().catch(() => undefined);
    await deleteStream(bus.natsUrl, bus.env.EVENTS_STREAM);
    await db.drop();
  });
  return bus;
}

describe('durable events (real Postgres and JetStream)', () => {
  const bus = onSharedBus('events', { EVENT_MAX_DELIVER: '3' });

  const applied = async (consumer: DomainServiceApp, articleId: string) =>
    (await probeRequest<{ applied: number }>(new BusClient(consumer.bus), 'recommendations.probe-count', { articleId })).applied;

  it('delivers an event committed by a process killed before it could publish', async () => {
    const articleId = `crash-${runId()}`;
    const script = join(__dirname, 'fixtures', 'commit-and-die.js');
    const outcome = await run(process.execPath, [script, articleId], { env: { ...process.env, ...bus.env } }).catch((e) => e);
    assert.equal(outcome.signal, 'SIGKILL', 'the child must die by SIGKILL after its commit');
    assert.match(outcome.stdout, /committed/);

    const consumer = await bus.start(CONSUMER, 'consumer-a');
    await bus.start(PRODUCER, 'producer-a'); // its relay finds the orphaned outbox row
    assert.equal(await waitFor('the orphaned event to be applied', () => applied(consumer, articleId)), 1);
  });

  it('applies the same event once however often it is delivered', async () => {
    const [consumer] = bus.started.filter((s) => s.bus.options.service === 'recommendations');
    const articleId = `twice-${runId()}`;
    const envelope = createEnvelope('articles', ARTICLE_FAVORITED_V1, articleId, {
      articleId,
      slug: articleId,
      userId: 'reader',
      favoritesCount: 1,
      favoritedAt: new Date().toISOString(),
    });
    const nc = await connect({ servers: bus.natsUrl });
    const js = jetstream(nc);
    // Different message ids defeat the stream's duplicate window: only the inbox stands between.
    for (const msgID of ['first', 'second', 'third']) {
      await js.publish(eventSubject({ eventsPrefix: bus.env.EVENTS_SUBJECT_PREFIX }, ARTICLE_FAVORITED_V1), JSON.stringify(envelope), {
        msgID: `${envelope.id}-${msgID}`,
      });
    }
    const marker = `marker-${runId()}`;
    await new BusClient(consumer.bus).request('articles.probe-write' as never, { articleId: marker } as never);
    await waitFor('a later event to be applied', () => applied(consumer, marker));
    assert.equal(await applied(consumer, articleId), 1);
    await nc.close();
  });

  it('dead-letters an event whose handler always throws, without holding back the ones behind it', async () => {
    const [consumer] = bus.started.filter((s) => s.bus.options.service === 'recommendations');
    const client = new BusClient(consumer.bus);
    const nc: NatsConnection = await connect({ servers: bus.natsUrl });
    const deadLetters = nc.subscribe(deadLetterSubject({ eventsPrefix: bus.env.EVENTS_SUBJECT_PREFIX }, 'recommendations', ARTICLE_FAVORITED_V1), { max: 1 });

    const poison = `poison-${runId()}`;
    const healthy = `healthy-${runId()}`;
    await probeRequest(client, 'articles.probe-write', { articleId: poison, userId: 'poison' });
    await probeRequest(client, 'articles.probe-write', { articleId: healthy });
    const healthyAt = Date.now();
    await waitFor('the event behind the poison one', () => applied(consumer, healthy));
    const healthyLatency = Date.now() - healthyAt;

    const letter = await waitFor('the dead letter', async () => {
      for await (const msg of deadLetters) return msg;
      return undefined;
    });
    assert.equal(letter.headers?.get('x-dead-letter-deliveries'), '3');
    assert.match(letter.headers?.get('x-dead-letter-reason') ?? '', /cannot apply poison-/);
    assert.equal(letter.json<{ data: { articleId: string } }>().data.articleId, poison);
    assert.equal(await applied(consumer, poison), 0);
    assert.ok(healthyLatency < 2000, `the healthy event waited ${healthyLatency} ms behind the poison one`);
    await nc.close();
  });

  it('carries the request id across the NATS hop and into the events the request causes', async () => {
    const [producer] = bus.started.filter((s) => s.bus.options.service === 'articles');
    const client = new BusClient(producer.bus);
    const context = { requestId: `req-${runId()}`, correlationId: `corr-${runId()}`, causationId: `cause-${runId()}` };
    const seen = await runWithContext(context, () => probeRequest<typeof context>(client, 'articles.probe-context', {}));
    assert.deepEqual(seen, context);

    const articleId = `traced-${runId()}`;
    await runWithContext(context, () => probeRequest(client, 'articles.probe-write', { articleId }));
    const [row] = await producer.dataSource.query(`SELECT envelope FROM articles.outbox WHERE envelope->>'subject' = $1`, [articleId]);
    assert.equal(row.envelope.correlationid, context.correlationId);
    assert.equal(row.envelope.causationid, context.causationId);
  });

  it('returns a coded error, not "Internal server error", and hides internal failures', async () => {
    const [producer] = bus.started.filter((s) => s.bus.options.service === 'articles');
    const client = new BusClient(producer.bus);
    await assert.rejects(probeRequest(client, 'articles.probe-write', {}), (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.equal(error.code, 'REQUEST.INVALID');
      assert.deepEqual(error.fields, { articleId: ["can't be blank"] });
      return true;
    });
    await assert.rejects(probeRequest(client, 'articles.no-such-pattern', {}), (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.equal(error.code, 'SERVICE.UNAVAILABLE');
      return true;
    });
  });

  it('marks published rows with an asynchronous commit of its own, leaving the pool durable', async () => {
    const [producer] = bus.started.filter((s) => s.bus.options.service === 'articles');
    const articleId = `marked-${runId()}`;
    await producer.app.get(ProbeWriter).write(articleId);
    await producer.relay.flush();
    const [row] = await producer.dataSource.query(`SELECT status FROM articles.outbox WHERE envelope->>'subject' = $1`, [articleId]);
    assert.equal(row.status, 'published');
    // SET LOCAL: the setting ended with the relay's transaction on every pooled connection.
    const settings = await Promise.all(
      Array.from({ length: 10 }, () => producer.dataSource.query(`SELECT current_setting('synchronous_commit') AS value, pg_sleep(0.01)`)),
    );
    assert.deepEqual([...new Set(settings.map(([s]) => s.value))], ['on']);
  });

  it('prunes published outbox rows and inbox marks past their retention, and nothing newer', async () => {
    const [producer] = bus.started.filter((s) => s.bus.options.service === 'articles');
    const [consumer] = bus.started.filter((s) => s.bus.options.service === 'recommendations');
    await producer.dataSource.query(`UPDATE articles.outbox SET published_at = now() - interval '100 hours' WHERE envelope->>'subject' LIKE 'crash-%'`);
    await consumer.dataSource.query(`UPDATE recommendations.inbox SET processed_at = now() - interval '40 days' WHERE event_id = (SELECT event_id FROM recommendations.inbox ORDER BY processed_at LIMIT 1)`);
    const [before] = await producer.dataSource.query(`SELECT count(*)::int AS n FROM articles.outbox`);
    assert.deepEqual(await producer.relay.prune(), { outbox: 1, inbox: 0 });
    assert.deepEqual(await consumer.relay.prune(), { outbox: 0, inbox: 1 });
    const [after] = await producer.dataSource.query(`SELECT count(*)::int AS n FROM articles.outbox`);
    assert.equal(after.n, before.n - 1);
  });

  it('shares requests between replicas and applies each event once between them', async () => {
    const [first] = bus.started.filter((s) => s.bus.options.service === 'recommendations');
    const second = await bus.start(CONSUMER, 'consumer-b');
    await bus.start(PRODUCER, 'producer-b');
    const client = new BusClient(first.bus);

    const articleIds = Array.from({ length: 40 }, (_, i) => `replica-${i}-${runId()}`);
    const writers = new Set<string>();
    for (const articleId of articleIds) {
      writers.add((await probeRequest<{ instance: string }>(client, 'articles.probe-write', { articleId })).instance);
    }
    const answerers = new Set<string>();
    for (const articleId of articleIds) {
      const reply = await waitFor(`event ${articleId}`, async () => {
        const r = await probeRequest<{ applied: number; instance: string }>(client, 'recommendations.probe-count', { articleId });
        return r.applied > 0 ? r : undefined;
      });
      answerers.add(reply.instance);
      assert.equal(reply.applied, 1, `${articleId} applied ${reply.applied} times`);
    }
    assert.deepEqual([...writers].sort(), ['producer-a', 'producer-b']);
    assert.deepEqual([...answerers].sort(), ['consumer-a', 'consumer-b']);
    const inbox = await second.dataSource.query(`SELECT count(*)::int AS n FROM recommendations.inbox WHERE event_id IS NOT NULL`);
    assert.ok(inbox[0].n >= articleIds.length);
  });
});

describe('concurrent consumers keep each aggregate in order', () => {
  const bus = onSharedBus('ordering', { EVENT_CONSUMER_CONCURRENCY: '8' });

  it('applies events of one aggregate in stream order while others run alongside', async () => {
    const producer = await bus.start(PRODUCER, 'ordered-producer');
    const writer = producer.app.get(ProbeWriter);
    const aggregates = ['a', 'b', 'c', 'd'].map((x) => `ordered-${x}-${runId()}`);
    const EVENTS_EACH = 25;
    for (let seq = 1; seq <= EVENTS_EACH; seq++) {
      for (const articleId of aggregates) await writer.write(articleId, 'ordered', seq);
    }
    await producer.relay.flush();
    // The consumer starts on a backlog, so it is handed many events at once.
    const consumer = await bus.start(CONSUMER, 'ordered-consumer');
    const tally = consumer.app.get(ProbeTally);
    for (const articleId of aggregates) {
      const log = await waitFor(`all events of ${articleId}`, async () => {
        const seen = await tally.log(articleId);
        return seen.length === EVENTS_EACH ? seen : undefined;
      });
      assert.deepEqual(log, Array.from({ length: EVENTS_EACH }, (_, i) => i + 1), `${articleId} out of order`);
    }
    assert.ok(ProbeTally.maxInFlight > 1, `handlers never overlapped (max ${ProbeTally.maxInFlight})`);
  });
});

describe('batches: a backlog is applied and relayed in few transactions', () => {
  const bus = onSharedBus('batched', { EVENT_MAX_DELIVER: '3' });

  it('applies each event of a batch once, copies included, and dead-letters a poison event alone', async () => {
    const producer = await bus.start(PRODUCER, 'batch-producer');
    const writer = producer.app.get(ProbeWriter);
    const nc = await connect({ servers: bus.natsUrl });
    const js = jetstream(nc);
    const subject = eventSubject({ eventsPrefix: bus.env.EVENTS_SUBJECT_PREFIX }, ARTICLE_FAVORITED_V1);
    const favorited = (articleId: string, userId: string) =>
      createEnvelope('articles', ARTICLE_FAVORITED_V1, articleId, { articleId, slug: articleId, userId, favoritesCount: 1, favoritedAt: new Date().toISOString() });

    // A backlog the consumer meets at start, with one event sent three times (new message ids
    // defeat the stream's duplicate window, so the copies can share a batch).
    const first = Array.from({ length: 40 }, (_, i) => `batch-${i}-${runId()}`);
    for (const articleId of first) await writer.write(articleId, 'batched');
    await producer.relay.flush();
    const copied = favorited(`copied-${runId()}`, 'batched');
    for (const n of [1, 2, 3]) await js.publish(subject, JSON.stringify(copied), { msgID: `${copied.id}-${n}` });

    let consumer = await startProbe(CONSUMER, bus.env, 'batch-consumer-a');
    let tally = consumer.app.get(ProbeTally);
    for (const articleId of [...first, copied.data.articleId]) {
      await waitFor(`${articleId} applied`, async () => (await tally.count(articleId)) > 0);
      assert.equal(await tally.count(articleId), 1, `${articleId} applied more than once`);
    }
    const transactions = await tally.transactions(first);
    assert.ok(transactions < first.length / 2, `${first.length} events took ${transactions} transactions`);
    await consumer.close();

    // A poison event in the middle of the next backlog: its batch fails, is applied one event at
    // a time, and only the poison event is retried and dead-lettered.
    const deadLetters = nc.subscribe(deadLetterSubject({ eventsPrefix: bus.env.EVENTS_SUBJECT_PREFIX }, 'recommendations', ARTICLE_FAVORITED_V1));
    const second = Array.from({ length: 20 }, (_, i) => `after-${i}-${runId()}`);
    const poison = `poison-${runId()}`;
    for (const [i, articleId] of second.entries()) {
      if (i === 10) await writer.write(poison, 'poison');
      await writer.write(articleId, 'batched');
    }
    await producer.relay.flush();
    consumer = await bus.start(CONSUMER, 'batch-consumer-b');
    tally = consumer.app.get(ProbeTally);
    const letter = await waitFor('the dead letter', async () => {
      for await (const msg of deadLetters) return msg;
      return undefined;
    });
    assert.equal(letter.json<{ data: { articleId: string } }>().data.articleId, poison);
    assert.equal(letter.headers?.get('x-dead-letter-deliveries'), '3');
    for (const articleId of second) assert.equal(await tally.count(articleId), 1, `${articleId} not applied exactly once`);
    assert.equal(await tally.count(poison), 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(deadLetters.getProcessed(), 1, 'only the poison event was dead-lettered');
    deadLetters.unsubscribe();
    await nc.close();
  });

  it('relays a backlog in a few round trips: the mark and commit of a batch go with the next claim', async () => {
    const [producer] = bus.started.filter((s) => s.bus.options.service === 'articles');
    await producer.relay.stop(); // this test's relay alone claims the rows
    const writer = producer.app.get(ProbeWriter);
    const articleIds = Array.from({ length: 25 }, (_, i) => `relayed-${i}-${runId()}`);
    for (const articleId of articleIds) await writer.write(articleId, 'relayed');
    const capture = captureQueries(producer);
    try {
      const relay = new OutboxRelay(producer.dataSource, producer.bus, { schema: 'articles', batchSize: 10 });
      await relay.flush();
    } finally {
      capture.restore();
    }
    const { queries } = capture;
    const rows = await producer.dataSource.query(`SELECT status FROM articles.outbox WHERE envelope->>'subject' = ANY($1::text[])`, [articleIds]);
    assert.deepEqual([...new Set(rows.map((r: { status: string }) => r.status))], ['published']);
    const work = queries.filter((q) => !q.startsWith('PREPARE'));
    // Three batches (10, 10, 5): BEGIN+claim, mark+COMMIT+BEGIN+claim twice, then the last mark+COMMIT.
    const kind = (q: string) => (q.includes('COMMIT') && q.includes('BEGIN') ? 'settle+claim' : q.includes('BEGIN') ? 'claim' : 'settle');
    assert.deepEqual(work.map(kind), [
      'claim',
      'settle+claim',
      'settle+claim',
      'settle',
    ], queries.join('\n'));
    const froms = work.filter((q) => q.includes('BEGIN')).map((q) => Number(/EXECUTE broadsheet_relay_\w+\((\d+)\)$/.exec(q)?.[1]));
    assert.equal(froms[0], 0, 'a flush claims from the first row');
    assert.ok(froms[1] > froms[0] && froms[2] > froms[1], `each later claim starts past the batch before it: ${froms.join(', ')}`);
  });

  it('claims from the seq a commit names in its NOTIFY, and from the first row on the poll', async () => {
    const [producer] = bus.started.filter((s) => s.bus.options.service === 'articles');
    await producer.relay.stop(); // this test's relay alone claims the rows
    const capture = captureQueries(producer);
    const relay = new OutboxRelay(producer.dataSource, producer.bus, { schema: 'articles', pollIntervalMs: 300 });
    const claims = () => capture.queries.filter((q) => q.includes('BEGIN;')).map((q) => /EXECUTE broadsheet_relay_\w+\((\d+)\)$/.exec(q)?.[1]);
    try {
      await relay.start();
      await waitFor('the first pass', () => claims().includes('0'));
      const articleId = `woken-${runId()}`;
      await producer.app.get(ProbeWriter).write(articleId);
      const [{ seq }] = await producer.dataSource.query(`SELECT seq FROM articles.outbox WHERE envelope->>'subject' = $1`, [articleId]);
      await waitFor('the event published', async () => {
        const [row] = await producer.dataSource.query(`SELECT status FROM articles.outbox WHERE seq = $1`, [seq]);
        return row.status === 'published' || undefined;
      });
      assert.ok(claims().includes(String(seq)), `a pass claimed from seq ${seq}: ${claims().join(', ')}`);
      const before = claims().length;
      await waitFor('a poll pass from the first row', () => claims().slice(before).includes('0') || undefined);
    } finally {
      await relay.stop();
      capture.restore();
    }
  });
});

/**
 * Records the text of every statement run on connections that `service`'s pool hands out as a
 * promise (the relay's way; TypeORM's callback-style calls pass through) until `restore`.
 */
function captureQueries(service: DomainServiceApp): { queries: string[]; restore(): void } {
  type Connect = (...args: unknown[]) => Promise<{ query: (...args: unknown[]) => unknown }>;
  const pool = (service.dataSource.driver as unknown as { master: { connect: Connect } }).master;
  const queries: string[] = [];
  const undo: Array<() => void> = [];
  const connect = pool.connect.bind(pool);
  pool.connect = async (...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    const client = await connect();
    const query = client.query;
    client.query = function (this: unknown, ...args: unknown[]) {
      queries.push(String(args[0]).replace(/\s+/g, ' '));
      return query.apply(this, args);
    };
    undo.push(() => (client.query = query));
    return client;
  };
  return {
    queries,
    restore: () => {
      pool.connect = connect;
      for (const step of undo) step();
    },
  };
}

describe('outbox while NATS is down (private nats-server)', () => {
  let db: TestDatabase;
  let nats: PrivateNatsServer;
  const started: DomainServiceApp[] = [];

  before(async () => {
    const infra = await testInfrastructure();
    db = await createTestDatabase(infra.serverUrl, 'outage');
    nats = await PrivateNatsServer.start();
  });

  after(async () => {
    for (const service of started.reverse()) await service.close().catch(() => undefined);
    await nats.destroy();
    await db.drop();
  });

  it('keeps a committed event through the outage and delivers it once NATS is back', async () => {
    const env = { ...isolatedBusEnv(), DATABASE_URL: db.url, NATS_URL: nats.url };
    const consumer = await startProbe(CONSUMER, env, 'consumer-outage');
    const producer = await startProbe(PRODUCER, env, 'producer-outage');
    started.push(consumer, producer);

    await nats.stop();
    const articleId = `outage-${runId()}`;
    await producer.app.get(ProbeWriter).write(articleId);

    const failing = await waitFor('the relay to record a failed publish', async () => {
      const [row] = await producer.dataSource.query(`SELECT status, attempts, last_error FROM articles.outbox WHERE envelope->>'subject' = $1`, [articleId]);
      return row?.attempts > 0 ? row : undefined;
    });
    assert.equal(failing.status, 'failing');
    assert.ok(failing.last_error.length > 0);

    await nats.start();
    await waitFor(
      'the event to be applied after the outage',
      async () => {
        const [row] = await consumer.dataSource.query(`SELECT applied FROM recommendations.probe_tally WHERE article_id = $1`, [articleId]);
        return row?.applied === 1;
      },
      { timeoutMs: 20_000 },
    );
    // A publish the server stored but whose ack was lost in the outage is retried (and dropped
    // as a duplicate): the row ends published either way.
    await waitFor('the outbox row to be marked published', async () => {
      const [row] = await producer.dataSource.query(`SELECT status FROM articles.outbox WHERE envelope->>'subject' = $1`, [articleId]);
      return row.status === 'published';
    }, { timeoutMs: 20_000 });
    const [tally] = await consumer.dataSource.query(`SELECT applied FROM recommendations.probe_tally WHERE article_id = $1`, [articleId]);
    assert.equal(tally.applied, 1, 'applied once despite the retry');

    // Request/reply reconnected too: both services answer again without a restart.
    const reply = await probeRequest<{ applied: number }>(new BusClient(producer.bus), 'recommendations.probe-count', { articleId });
    assert.equal(reply.applied, 1);
  });
});

describe('a NATS server that lost its store (private nats-server)', () => {
  let db: TestDatabase;
  let nats: PrivateNatsServer;
  const started: DomainServiceApp[] = [];

  before(async () => {
    const infra = await testInfrastructure();
    db = await createTestDatabase(infra.serverUrl, 'wiped');
    nats = await PrivateNatsServer.start();
  });

  after(async () => {
    for (const service of started.reverse()) await service.close().catch(() => undefined);
    await nats.destroy();
    await db.drop();
  });

  it('recreates the stream and the durable consumers, and delivers new events', async () => {
    const env = { ...isolatedBusEnv(), DATABASE_URL: db.url, NATS_URL: nats.url };
    const consumer = await startProbe(CONSUMER, env, 'consumer-wiped');
    const producer = await startProbe(PRODUCER, env, 'producer-wiped');
    started.push(consumer, producer);
    const before = `before-wipe-${runId()}`;
    await producer.app.get(ProbeWriter).write(before);
    await waitFor('the event before the wipe', async () => (await consumer.app.get(ProbeTally).count(before)) === 1);

    await nats.stop();
    nats.wipeStore();
    await nats.start();

    const afterWipe = `after-wipe-${runId()}`;
    await producer.app.get(ProbeWriter).write(afterWipe);
    await waitFor('the event after the wipe', async () => (await consumer.app.get(ProbeTally).count(afterWipe)) === 1, { timeoutMs: 30_000 });
  });
});

describe('requests in flight (real Postgres and NATS)', () => {
  const bus = onSharedBus('requests', { RPC_CONCURRENCY: '3' });

  it('answers at most RPC_CONCURRENCY requests at once, then the ones held back, and health meanwhile', async () => {
    const producer = await bus.start(PRODUCER, 'producer-held');
    const client = new BusClient(producer.bus);
    const held = Array.from({ length: 12 }, () => probeRequest<{ most: number }>(client, 'articles.probe-hold', { ms: 100 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const health = await client.request('articles.health', undefined);
    assert.equal(health.database, 'up');
    assert.ok(Date.now() - started < 100, 'health is answered while the held requests wait');
    const answers = await Promise.all(held);
    assert.equal(answers.length, 12);
    assert.equal(holding.most, 3);
    assert.equal(holding.now, 0);
  });

  it('answers the requests it holds back before it closes', async () => {
    for (const service of bus.started.splice(0)) await service.close();
    const producer = await bus.start(PRODUCER, 'producer-closing');
    const caller = await bus.start(CONSUMER, 'caller-closing');
    const client = new BusClient(caller.bus);
    const held = Array.from({ length: 12 }, () => probeRequest<{ most: number }>(client, 'articles.probe-hold', { ms: 100 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    bus.started.splice(bus.started.indexOf(producer), 1);
    await producer.close();
    const outcomes = await Promise.allSettled(held);
    assert.deepEqual(outcomes.map((o) => o.status), Array(12).fill('fulfilled'), 'the 9 held back were answered too');
    assert.equal(holding.now, 0);
  });

  it('does not hold back the patterns a service declares batched', async () => {
    for (const service of bus.started.splice(0)) await service.close();
    const producer = await bus.start({ ...PRODUCER, batchedRequests: ['articles.probe-hold'] }, 'producer-batched');
    holding.most = 0;
    const client = new BusClient(producer.bus);
    await Promise.all(Array.from({ length: 12 }, () => probeRequest(client, 'articles.probe-hold', { ms: 100 })));
    assert.equal(holding.most, 12);
  });

  it('answers, as soon as a replica says it listens, a request sent from another connection', async () => {
    // The gateway asks over its own connection: if the replica's subscriptions had not reached
    // the server yet, the request would find "no responders" (503 at the gateway).
    for (const service of bus.started.splice(0)) await service.close();
    const caller = await bus.start(CONSUMER, 'caller');
    for (const instance of ['listening-1', 'listening-2', 'listening-3']) {
      const replica = await bus.start(PRODUCER, instance);
      const health = await new BusClient(caller.bus).request('articles.health', undefined);
      assert.equal(health.database, 'up', instance);
      for (const service of bus.started.splice(1)) await service.close();
      assert.equal(replica.bus.nc.isClosed(), true);
    }
  });
});
