import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { Client, type Pool, type PoolClient, type QueryResult } from 'pg';
import type { DataSource } from 'typeorm';
import { TransactionHost } from '@broadsheet/database';
import type { BusConnection } from './bus.connection';
import { eventSubject } from './bus.options';
import { outboxChannel, seqOfWake } from './outbox';

export interface OutboxRelayOptions {
  schema: string;
  /** Fallback poll when no NOTIFY arrives (missed while the listener reconnected). */
  pollIntervalMs: number;
  batchSize: number;
  publishTimeoutMs: number;
  /** Longest wait between retries of an event that failed to publish. */
  maxBackoffMs: number;
  /** Published rows are kept this long for inspection, then pruned. */
  retentionHours: number;
  /**
   * Inbox marks are kept this long. Redeliveries come within minutes; a mark only matters later
   * for a replay, and the rebuild tools start from empty tables.
   */
  inboxRetentionDays: number;
}

export const OUTBOX_RELAY_DEFAULTS: Omit<OutboxRelayOptions, 'schema'> = {
  pollIntervalMs: 1000,
  batchSize: 200,
  publishTimeoutMs: 3000,
  maxBackoffMs: 10_000,
  retentionHours: 72,
  inboxRetentionDays: 30,
};

/** How a publish to a subject no stream captures fails (JetStream answers nobody). */
const NO_STREAM = /no responders|stream not found|503/i;

interface PendingRow {
  seq: string;
  id: string;
  type: string;
  envelope: string;
  attempts: number;
}

export interface OutboxStats {
  pending: number;
  failing: number;
  oldestPendingSeconds: number | null;
  lastError: string | null;
}

/**
 * The claim and the mark a pass runs, named after their text (so relays with other options on
 * the same connections never share a name).
 */
function relayStatements({ schema, batchSize }: Pick<OutboxRelayOptions, 'schema' | 'batchSize'>) {
  // From a seq on ($1): the partial index keeps an entry for every row published since the last
  // VACUUM, so a claim from the start walks all of them (`Outbox.wake`).
  const claim = `SELECT seq, id, type, envelope::text AS envelope, attempts FROM "${schema}".outbox
      WHERE published_at IS NULL AND seq >= $1::bigint AND next_attempt_at <= now()
      ORDER BY seq LIMIT ${Math.floor(batchSize)} FOR UPDATE SKIP LOCKED`;
  // The mark's transaction commits without waiting for its WAL flush (synchronous_commit off for
  // it alone). Safe: the events are already in the stream, and a mark lost to a Postgres crash
  // only gets its rows published again under the same Nats-Msg-Id, which the stream's duplicate
  // window drops (and consumers' inboxes after it). The services' own writes, the outbox rows
  // among them, keep durable commits.
  const mark = `UPDATE "${schema}".outbox SET status = 'published', published_at = now()
      WHERE seq = ANY($1::bigint[]) AND (SELECT set_config('synchronous_commit', 'off', true)) = 'off'`;
  const name = (text: string) => `broadsheet_relay_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  return { claim: name(claim), mark: name(mark), definitions: { [name(claim)]: claim, [name(mark)]: mark } };
}

/**
 * Moves committed outbox rows to JetStream. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so
 * replicas share the work without publishing a row twice at once; the event id is the
 * `Nats-Msg-Id`, so a row re-sent after a crash between publish and mark is dropped by the
 * stream's duplicate window (and by consumers' inboxes after it). A failed publish is retried
 * with backoff and leaves its attempts and last error on the row.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly options: OutboxRelayOptions;
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  /** The lowest seq a wake-up since the last claim named (0: every row); undefined when none did. */
  private wokenFrom?: number;
  /** Set when a publish found no stream; the next pass recreates it first. */
  private streamMissing = false;
  private stopped = true;
  /** The relay's own statements outside a pass (prune); never joined with a service's work. */
  private readonly tx: TransactionHost;
  /** The claim and mark statements, prepared on each pooled connection a pass uses. */
  private readonly statements: ReturnType<typeof relayStatements>;
  private readonly prepared = new WeakSet<PoolClient>();
  private readonly publisher: StreamPublisher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusConnection,
    options: Partial<OutboxRelayOptions> & { schema: string },
  ) {
    this.options = { ...OUTBOX_RELAY_DEFAULTS, ...options };
    this.tx = new TransactionHost(dataSource);
    this.statements = relayStatements(this.options);
    this.publisher = new StreamPublisher(bus);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    // The poll claims from the start: rows whose NOTIFY was missed, and failed ones due again.
    this.pollTimer = setInterval(() => this.kick(), this.options.pollIntervalMs);
    this.pruneTimer = setInterval(() => void this.prune(), 3_600_000);
    this.pollTimer.unref();
    this.pruneTimer.unref();
    void this.watchReconnects();
    this.kick();
  }

  /** Stops waking up and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearInterval(this.pruneTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.draining;
  }

  /**
   * Publishes everything due now from seq `from` on (0, the default: every row); concurrent calls
   * coalesce into one more pass, from the lowest seq they named.
   */
  kick(from = 0): void {
    if (this.stopped) return;
    this.wokenFrom = Math.min(this.wokenFrom ?? from, from);
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again) {
        this.again = false;
        this.kick(this.wokenFrom ?? 0);
      }
    });
  }

  /** Resolves once every row committed before the call has been attempted. For tests and shutdown. */
  async flush(): Promise<void> {
    await this.draining;
    this.wokenFrom = 0;
    await this.drain();
    // A pass a NOTIFY started meanwhile may hold rows this one skipped (SKIP LOCKED): wait for it.
    await this.draining;
  }

  /** The seq the next claim starts from, taking the wake-ups that came since the last. */
  private claimFrom(current = Infinity): number {
    const from = Math.min(current, this.wokenFrom ?? Infinity);
    this.wokenFrom = undefined;
    return Number.isFinite(from) ? from : 0;
  }

  async stats(): Promise<OutboxStats> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending,
              count(*) FILTER (WHERE status = 'failing')::int AS failing,
              extract(epoch FROM now() - min(created_at))::float AS oldest,
              (array_agg(last_error ORDER BY seq DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
         FROM "${this.options.schema}".outbox WHERE published_at IS NULL`,
    );
    return { pending: row.pending, failing: row.failing, oldestPendingSeconds: row.oldest, lastError: row.last_error };
  }

  private async drain(): Promise<void> {
    let client: PoolClient | undefined;
    let failed: Error | undefined;
    try {
      if (this.streamMissing) {
        // A server that lost its store has no stream to publish to: recreate it, then retry.
        this.streamMissing = false;
        await this.bus.ensureStream();
      }
      client = await (this.dataSource.driver as unknown as { master: Pool }).master.connect();
      await this.drainOn(client);
    } catch (error) {
      // Postgres unavailable: the poll tries again.
      failed = error as Error;
      this.logger.warn(`Outbox relay pass failed: ${failed.message}`);
    } finally {
      // A connection whose pass failed may still be in its transaction: the pool drops it.
      client?.release(failed);
    }
  }

  /**
   * Claims, publishes and marks batches on one pooled connection, in as few round trips as the
   * protocol allows (several statements per simple query): the first claim opens its transaction
   * (`BEGIN; EXECUTE claim`), each later claim goes with the previous batch's mark and commit
   * (`EXECUTE mark; COMMIT; BEGIN; EXECUTE claim`), and the last mark with its commit. So a pass
   * costs two round trips, and each further batch one. Goes on while batches come back full, or
   * while NOTIFYs arrive during a batch. Claim and mark are prepared once per connection.
   *
   * Each claim starts at the lowest seq the wake-ups named (`kick`), and a pass moves past the
   * batches it has claimed: the rows before them are published, or failed and wait for their
   * retry (the poll's pass starts from 0).
   */
  private async drainOn(client: PoolClient): Promise<void> {
    await this.prepare(client);
    const { claim, mark } = this.statements;
    let settle = '';
    let from = this.claimFrom();
    for (;;) {
      this.again = false;
      const answer = (await client.query(`${settle}BEGIN; EXECUTE ${claim}(${from})`)) as unknown as QueryResult | QueryResult[];
      const rows = (Array.isArray(answer) ? answer[answer.length - 1] : answer).rows as PendingRow[];
      if (rows.length === 0) {
        await client.query('COMMIT');
        return;
      }
      const done = await this.publishRows(client, rows);
      // Seqs are the table's bigints, so the array literal is digits and commas only.
      settle = done.length > 0 ? `EXECUTE ${mark}('{${done.join(',')}}'); COMMIT; ` : 'COMMIT; ';
      const more = done.length === rows.length && (rows.length === this.options.batchSize || this.again);
      if (!more) {
        await client.query(settle);
        return;
      }
      // Past 2^53 a seq has no exact JS number: claim from the first row rather than skip one.
      const next = Number(rows[rows.length - 1].seq) + 1;
      from = this.claimFrom(Number.isSafeInteger(next) ? next : 0);
    }
  }

  /** Publishes `rows` (pipelined) and records the failures; returns the seqs published. */
  private async publishRows(client: PoolClient, rows: PendingRow[]): Promise<string[]> {
    const results = await this.publisher.publishAll(
      rows.map((row) => this.message(row)),
      this.options.publishTimeoutMs,
    );
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      const row = rows[i];
      const message = String((result.reason as Error)?.message ?? result.reason).slice(0, 1000);
      if (NO_STREAM.test(message)) this.streamMissing = true;
      const backoffMs = Math.min(250 * 2 ** row.attempts, this.options.maxBackoffMs);
      await client.query(
        `UPDATE "${this.options.schema}".outbox SET status = 'failing', attempts = attempts + 1, last_error = $2,
                next_attempt_at = now() + ($3::int * interval '1 millisecond') WHERE seq = $1`,
        [row.seq, message, backoffMs],
      );
      if (row.attempts === 0 || row.attempts % 10 === 9) {
        this.logger.warn(`Publishing ${row.type} ${row.id} failed (attempt ${row.attempts + 1}): ${message}`);
      }
    }
    return rows.filter((_, i) => results[i].status === 'fulfilled').map((row) => row.seq);
  }

  /** Prepares the claim and the mark on `client` the first time this relay uses it. */
  private async prepare(client: PoolClient): Promise<void> {
    if (this.prepared.has(client)) return;
    for (const [name, definition] of Object.entries(this.statements.definitions)) {
      await client.query(`PREPARE ${name} AS ${definition}`).catch((error: { code?: string }) => {
        if (error.code !== '42P05') throw error; // already prepared on this connection (same name, same text)
      });
    }
    this.prepared.add(client);
  }

  /** The stream message for a row: the envelope as stored, the event id as Nats-Msg-Id. */
  private message(row: PendingRow): StreamMessage {
    const h = natsHeaders();
    const envelope = JSON.parse(row.envelope) as { source: string; subject: string; correlationid: string };
    h.set('Nats-Msg-Id', row.id);
    h.set('ce-type', row.type);
    h.set('ce-id', row.id);
    h.set('ce-source', envelope.source);
    h.set('ce-subject', envelope.subject);
    h.set('x-correlation-id', envelope.correlationid);
    return { subject: eventSubject(this.bus.options, row.type), data: row.envelope, headers: h };
  }

  private async listen(): Promise<void> {
    const { url } = this.dataSource.options as { url: string };
    const client = new Client({ connectionString: url, application_name: `broadsheet-${this.options.schema}-relay` });
    client.on('notification', (notice) => this.kick(seqOfWake(notice.payload)));
    client.on('error', (error) => {
      this.logger.warn(`Outbox listener lost its connection: ${error.message}`);
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      this.relisten();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
      this.listener = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.logger.warn(`Outbox listener could not connect (polling meanwhile): ${(error as Error).message}`);
      this.relisten();
    }
  }

  private relisten(): void {
    if (this.stopped) return;
    setTimeout(() => void (this.stopped || this.listener ? undefined : this.listen()), 2000).unref();
  }

  /** After NATS comes back, retry failing rows now rather than at their backoff. */
  private async watchReconnects(): Promise<void> {
    for await (const status of this.bus.nc.status()) {
      if (this.stopped) return;
      if (status.type !== 'reconnect') continue;
      await this.dataSource
        .query(`UPDATE "${this.options.schema}".outbox SET next_attempt_at = now() WHERE published_at IS NULL`)
        .catch(() => undefined);
      this.kick();
    }
  }

  /** Deletes published outbox rows and inbox marks past their retention. Runs hourly. */
  async prune(): Promise<{ outbox: number; inbox: number }> {
    const { schema, retentionHours, inboxRetentionDays } = this.options;
    try {
      const outbox = await this.tx.query(
        `DELETE FROM "${schema}".outbox WHERE published_at < now() - ($1::int * interval '1 hour')`,
        [retentionHours],
      );
      const inbox = await this.tx.query(
        `DELETE FROM "${schema}".inbox WHERE processed_at < now() - ($1::int * interval '1 day')`,
        [inboxRetentionDays],
      );
      return { outbox: outbox.rowCount, inbox: inbox.rowCount };
    } catch (error) {
      this.logger.warn(`Outbox/inbox prune failed: ${(error as Error).message}`);
      return { outbox: 0, inbox: 0 };
    }
  }

}

interface StreamMessage {
  subject: string;
  data: string;
  headers: MsgHdrs;
}

/**
 * Publishes messages to JetStream back to back on the bus connection, the stream's acks coming
 * back through the connection's RequestMux: a JetStream publish per message would make a nats.js
 * request each (a timer and two error objects with stack traces), which showed in the relay's
 * profile. Each message settles with its ack: stored (or a duplicate the stream dropped), the
 * stream's error, "no responders" when no stream takes the subject, or a timeout.
 */
class StreamPublisher {
  constructor(private readonly bus: BusConnection) {}

  publishAll(messages: StreamMessage[], timeoutMs: number): Promise<PromiseSettledResult<void>[]> {
    return Promise.allSettled(
      messages.map(async (message) => {
        const reply = await this.bus.requests.request(message.subject, message.data, { headers: message.headers, timeoutMs });
        let ack: { stream?: string; error?: { code?: number; err_code?: number; description?: string } };
        try {
          ack = reply.json();
        } catch {
          throw new Error('invalid ack from the stream');
        }
        if (ack.error) throw new Error(`${ack.error.description ?? 'stream error'} (${ack.error.code ?? ''} ${ack.error.err_code ?? ''})`);
        if (!ack.stream) throw new Error('invalid ack from the stream');
      }),
    );
  }
}
