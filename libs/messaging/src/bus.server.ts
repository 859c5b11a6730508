import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server, type MessageHandler } from '@nestjs/microservices';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type Msg, type Subscription } from '@nats-io/transport-node';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Envelope } from '@broadsheet/contracts';
import type { TransactionHost } from '@broadsheet/database';
import { contextFromHeaders, runWithContext } from '@broadsheet/platform';
import type { BusConnection } from './bus.connection';
import { BusContext } from './bus.context';
import { appliedSubject, deadLetterSubject, redeliveryDelay, rpcSubject } from './bus.options';
import { DomainError } from './domain.error';
import { EventBatch } from './event-batch';
import { EventLanes } from './event-lanes';
import type { Inbox } from './inbox';
import type { OutboxRelay } from './outbox-relay';
import { okReply, type RpcReply } from './rpc-reply';

const ACK_WAIT_NS = 30 * 1e9;
/** Events one consumer transaction applies at most (also the events a replica holds per durable). */
const MAX_BATCH = 100;
/** Extra deliveries the server allows beyond ours, so a failed dead-letter publish can retry. */
const DEAD_LETTER_RETRIES = 3;

/**
 * What a consumer keeps in order: the producing service and the aggregate the event is about
 * (the relay sends both as headers; an event without them falls back to its envelope).
 */
export function orderingKey(msg: Pick<JsMsg, 'headers' | 'json' | 'subject'>): string {
  const source = msg.headers?.get('ce-source');
  const subject = msg.headers?.get('ce-subject');
  if (source && subject) return `${source} ${subject}`;
  try {
    const envelope = msg.json<Envelope>();
    return `${envelope.source} ${envelope.subject}`;
  } catch {
    return msg.subject;
  }
}

/** A delivered event with its handler, ready to apply. */
interface ReadyEvent {
  msg: JsMsg;
  type: string;
  handler: MessageHandler;
  envelope: Envelope;
}

/** The request context a handler runs in: the event's correlation, caused by the event. */
function eventContext(envelope: Envelope) {
  return { requestId: envelope.correlationid, correlationId: envelope.correlationid, causationId: envelope.id };
}

export interface BusServerOptions {
  /** Durable consumer name, shared by the replicas of one service. */
  consumer: string;
  /** Handlers' writes and the inbox mark commit together; absent for services without a database. */
  tx?: TransactionHost;
  inbox?: Inbox;
  relay?: OutboxRelay;
  /** Extra facts for the built-in `<service>.health` request. */
  health?: () => Promise<Record<string, unknown>>;
  /**
   * Requests a replica answers at once (default: no bound). Those past it wait as received
   * messages, not yet parsed or begun: a request begun and then parked in the database pool's
   * queue keeps its objects alive long enough to be copied into V8's old generation, which made
   * garbage collection a third of a busy service's CPU (docs/operations.md, "Requests in flight").
   * `<service>.health` is never held back, nor are the `unbounded` patterns.
   */
  requestConcurrency?: number;
  unbounded?: readonly string[];
}

/**
 * NestJS transport for Broadsheet: `@MessagePattern` handlers answer core-NATS requests in a
 * queue group named after the service, so replicas share the load; `@EventPattern` handlers
 * are fed by one durable JetStream consumer per service (shared by its replicas, explicit
 * ack after the handler's transaction commits, delayed redelivery, then a dead-letter subject).
 * It also runs the outbox relay and answers `<service>.health`.
 */
export class BusServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('BusServer');
  private readonly subscriptions: Subscription[] = [];
  private readonly messages = new Set<ConsumerMessages>();
  private readonly consuming: Promise<void>[] = [];
  /** Requests being answered or held back, and who waits for there to be none (close). */
  private inFlight = 0;
  private readonly idle: Array<() => void> = [];
  private closing = false;
  private answering = 0;
  private readonly waiting: Array<[Msg, MessageHandler]> = [];

  constructor(
    private readonly bus: BusConnection,
    private readonly options: BusServerOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.serveRequests();
      // A round trip to the server: once it answers, it holds our subscriptions, so a replica
      // that says it listens is one that requests reach (not "no responders" for a moment).
      await this.bus.nc.flush();
      if (this.eventPatterns().length > 0) await this.startConsumer();
      await this.options.relay?.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops taking work, finishes what is in flight, flushes the outbox once, then drains NATS. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
    await Promise.all([...this.messages].map((m) => m.close().catch(() => undefined)));
    await Promise.all(this.consuming);
    // Requests held back by `requestConcurrency` start as earlier ones finish: wait for them too.
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    await this.options.relay?.stop();
    await this.bus.drain();
  }

  on(): void {
    // Status is logged by BusConnection; Nest's event hooks are not used.
  }

  unwrap<T>(): T {
    return this.bus.nc as T;
  }

  private eventPatterns(): string[] {
    return [...this.messageHandlers.entries()].filter(([, h]) => h.isEventHandler).map(([p]) => p);
  }

  /**
   * One durable consumer per producer this service listens to (`<service>_<producer>`, filtered
   * on `<prefix>.<producer>.>`), shared by the service's replicas. nats-server 2.9 takes one
   * filter per consumer, and an aggregate belongs to one producer, so this keeps each aggregate's
   * order while a service never reads events from producers it does not listen to.
   */
  private durables(): Map<string, string> {
    const producers = new Set(this.eventPatterns().map((type) => type.split('.')[0]));
    return new Map([...producers].map((producer) => [`${this.options.consumer}_${producer}`, `${this.bus.options.eventsPrefix}.${producer}.>`]));
  }


  private serveRequests(): void {
    const { service } = this.bus.options;
    const handlers = new Map<string, MessageHandler | 'health'>([[`${service}.health`, 'health']]);
    for (const [pattern, handler] of this.messageHandlers) if (!handler.isEventHandler) handlers.set(pattern, handler);
    const unbounded = new Set([`${service}.health`, ...(this.options.unbounded ?? [])]);
    for (const [pattern, handler] of handlers) {
      const subscription = this.bus.nc.subscribe(rpcSubject(this.bus.options, pattern), {
        queue: service,
        callback: (error, msg) => {
          if (error) return this.log.error(`Subscription ${pattern} failed: ${error.message}`);
          if (unbounded.has(pattern)) this.track(this.answer(msg, handler));
          else this.admit(msg, handler as MessageHandler);
        },
      });
      this.subscriptions.push(subscription);
    }
  }

  /** Answers `msg` now, or once fewer than `requestConcurrency` requests are being answered. */
  private admit(msg: Msg, handler: MessageHandler): void {
    if (this.answering >= (this.options.requestConcurrency ?? Infinity)) {
      this.waiting.push([msg, handler]);
      return;
    }
    this.answering++;
    this.track(
      this.answer(msg, handler).finally(() => {
        this.answering--;
        const next = this.waiting.shift();
        if (next) this.admit(...next);
      }),
    );
  }

  /**
   * Counts `work` in flight until it settles. A counter, not a Set of promises: a Set that gains
   * and loses an entry per request copies its table as deleted slots fill, and under load those
   * copies were a quarter of the bytes a service promoted to V8's old generation. A held-back
   * request is admitted (and counted) before the one it waited for stops counting, so the count
   * reaches 0 only when nothing is answered or waiting.
   */
  private track(work: Promise<void>): void {
    this.inFlight++;
    void work.finally(() => {
      if (--this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
  }

  private async answer(msg: Msg, handler: MessageHandler | 'health'): Promise<void> {
    const context = contextFromHeaders((name) => msg.headers?.get(name) || undefined);
    const payload = await runWithContext(context, async (): Promise<string> => {
      try {
        if (handler === 'health') return okReply(await this.health());
        const data: unknown = msg.data.length > 0 ? msg.json() : undefined;
        return okReply(await this.invoke(handler, data, new BusContext([msg.subject, msg.headers, 1])));
      } catch (error) {
        return JSON.stringify({ ok: false, error: this.toWireError(error, msg.subject) } satisfies RpcReply);
      }
    });
    if (!msg.reply) return;
    this.bus.writes.defer(() => {
      try {
        msg.respond(payload);
      } catch (error) {
        // The connection closed while the handler ran: the requester times out, as it would have
        // if the reply had been lost on the wire.
        this.log.warn(`Reply to ${msg.subject} was not sent: ${(error as Error).message}`);
      }
    });
  }

  private async invoke(handler: MessageHandler, data: unknown, context: BusContext): Promise<unknown> {
    const result = await handler(data, context);
    // Our handlers return values or promises (Nest's RpcProxy passes them on as they are); only
    // an Observable needs RxJS to be waited for.
    return isObservable(result) ? lastValueFrom(result, { defaultValue: undefined }) : result;
  }

  private toWireError(error: unknown, where: string) {
    if (error instanceof DomainError) return error.toWire();
    this.log.error(`Unhandled error in ${where}`, error instanceof Error ? error.stack : String(error));
    return new DomainError('SERVICE.INTERNAL', 'Internal error').toWire();
  }

  private async health(): Promise<Record<string, unknown>> {
    const report: Record<string, unknown> = { service: this.bus.options.service, instance: this.bus.options.instanceId };
    if (this.options.tx) {
      report.database = await this.options.tx.dataSource.query('SELECT 1').then(
        () => 'up',
        () => 'down',
      );
    }
    if (this.options.relay && report.database === 'up') report.outbox = await this.options.relay.stats();
    const durables = this.durables();
    if (durables.size > 0) {
      const infos = await Promise.all([...durables.keys()].map((name) => this.bus.jsm.consumers.info(this.bus.options.stream, name)));
      const sum = (pick: (i: (typeof infos)[number]) => number) => infos.reduce((total, i) => total + pick(i), 0);
      report.consumer = {
        name: this.options.consumer,
        durables: [...durables.keys()],
        pending: sum((i) => i.num_pending),
        unacked: sum((i) => i.num_ack_pending),
        redelivered: sum((i) => i.num_redelivered),
      };
    }
    return { ...report, ...(await this.options.health?.()) };
  }

  // ---- events ----

  private async startConsumer(): Promise<void> {
    for (const [name, filter] of this.durables()) {
      await this.ensureDurable(name, filter);
      this.consuming.push(this.consumeLoop(name, filter));
    }
  }

  /** Creates the durable consumer, or brings an existing one's settings up to date. */
  private async ensureDurable(name: string, filter: string): Promise<void> {
    const { stream, maxDeliver } = this.bus.options;
    const config = {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filter,
      ack_wait: ACK_WAIT_NS,
      max_deliver: maxDeliver + DEAD_LETTER_RETRIES,
      max_ack_pending: 1000,
    };
    try {
      await this.bus.jsm.consumers.add(stream, config);
    } catch {
      const { durable_name: _name, filter_subject: _filter, deliver_policy: _policy, ...mutable } = config;
      await this.bus.jsm.consumers.update(stream, name, mutable);
    }
  }



  private async consumeLoop(durable: string, filter: string): Promise<void> {
    const { stream, consumerConcurrency } = this.bus.options;
    const buffered = Math.max(MAX_BATCH, consumerConcurrency * 4);
    let resumed = false;
    while (!this.closing) {
      try {
        // After a failure the server may have lost the stream or the consumer (a wiped store):
        // recreate them rather than retry a consumer that no longer exists.
        if (resumed) {
          await this.bus.ensureStream();
          await this.ensureDurable(durable, filter);
        }
        resumed = true;
        const consumer = await this.bus.js.consumers.get(stream, durable);
        const messages = await consumer.consume({ max_messages: buffered });
        this.messages.add(messages);
        void messages.closed().finally(() => this.messages.delete(messages));
        void this.closeWhenLost(messages);
        // Events about one aggregate run one after another, in stream order; different
        // aggregates may run side by side, up to EVENT_CONSUMER_CONCURRENCY lanes. Each lane
        // applies what queued while it was busy as one batch (one transaction).
        const lanes = new EventLanes<JsMsg>(
          consumerConcurrency,
          MAX_BATCH,
          (batch) => this.onBatch(batch),
          (error) => this.log.error(`Event batch failed: ${(error as Error)?.message ?? error}`),
          (work) => this.track(work),
        );
        for await (const msg of messages) {
          lanes.push(orderingKey(msg), msg);
          if (lanes.outstanding >= buffered) await lanes.room(buffered);
        }
        await lanes.idle();
      } catch (error) {
        if (this.closing) return;
        this.log.warn(`Event consumer stopped (${(error as Error).message}); resuming`);
      }
      if (!this.closing) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /**
   * nats.js keeps pulling from a consumer the server no longer has (a wiped or rebuilt store);
   * ending the iteration lets the loop recreate the stream and the durable consumer.
   */
  private async closeWhenLost(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (status.type === 'consumer_not_found' || status.type === 'consumer_deleted' || status.type === 'stream_not_found') {
        this.log.warn(`Event consumer lost (${status.type}); recreating it`);
        await messages.close().catch(() => undefined);
        return;
      }
    }
  }

  /**
   * Applies a lane's batch: events of types without a handler are acked and malformed ones
   * dead-lettered at once; the rest are applied in stream order in one transaction with one
   * inbox statement, then acked. If that transaction fails, they are applied again one at a
   * time, each in its own transaction, so a poison event is retried and dead-lettered alone.
   */
  private async onBatch(batch: JsMsg[]): Promise<void> {
    const ready: ReadyEvent[] = [];
    for (const msg of batch) {
      const event = await this.accept(msg);
      if (event) ready.push(event);
    }
    const { tx, inbox } = this.options;
    if (ready.length > 1 && tx && inbox) {
      try {
        await this.applyTogether(ready, tx, inbox);
      } catch (error) {
        this.log.warn(`A batch of ${ready.length} events failed (${(error as Error)?.message ?? error}); applying them one at a time`);
        for (const event of ready) await this.applyOne(event);
        return;
      }
      for (const event of ready) this.settle(event);
      return;
    }
    for (const event of ready) await this.applyOne(event);
  }

  /** The event's handler and envelope, or undefined once it is acked (no handler) or dead-lettered (malformed). */
  private async accept(msg: JsMsg): Promise<ReadyEvent | undefined> {
    const prefix = `${this.bus.options.eventsPrefix}.`;
    const type = msg.subject.slice(prefix.length);
    const handler = this.messageHandlers.get(type);
    if (!handler?.isEventHandler) {
      msg.ack();
      return undefined;
    }
    try {
      const envelope = msg.json<Envelope>();
      if (typeof envelope?.id !== 'string' || envelope.type !== type) throw new Error('not a Broadsheet envelope for this subject');
      return { msg, type, handler, envelope };
    } catch (error) {
      await this.deadLetter(msg, type, `malformed event: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async applyOne(event: ReadyEvent): Promise<void> {
    const { msg, type, envelope } = event;
    try {
      await runWithContext(eventContext(envelope), () => this.apply(event));
      this.settle(event);
    } catch (error) {
      const deliveries = msg.info.deliveryCount;
      if (deliveries >= this.bus.options.maxDeliver) {
        await this.deadLetter(msg, type, (error as Error)?.message ?? String(error));
      } else {
        const delay = redeliveryDelay(this.bus.options, deliveries);
        this.log.warn(`${type} ${envelope.id} failed (delivery ${deliveries}), retrying in ${delay} ms: ${(error as Error)?.message}`);
        msg.nak(delay);
      }
    }
  }

  private async apply({ handler, envelope, msg }: ReadyEvent): Promise<void> {
    const context = new BusContext([msg.subject, msg.headers, msg.info.deliveryCount]);
    const { tx, inbox, consumer } = this.options;
    if (!tx || !inbox) {
      await this.invoke(handler, envelope, context);
      return;
    }
    await tx.run(async () => {
      if (!(await inbox.claim(consumer, envelope.id, envelope.type))) return; // applied before
      await EventBatch.run(() => this.invoke(handler, envelope, context));
    });
  }

  /** Applies `events` in order in one transaction, after one inbox statement for them all. */
  private async applyTogether(events: ReadyEvent[], tx: TransactionHost, inbox: Inbox): Promise<void> {
    const { consumer } = this.options;
    await tx.run(async () => {
      const fresh = await inbox.claimMany(consumer, events.map((e) => e.envelope));
      // Work the handlers leave to the end of the batch (BatchedWork) is done before the commit.
      await EventBatch.run(async () => {
        for (const index of fresh) {
          const { handler, envelope, msg } = events[index];
          const context = new BusContext([msg.subject, msg.headers, msg.info.deliveryCount]);
          await runWithContext(eventContext(envelope), () => this.invoke(handler, envelope, context));
        }
      });
    });
  }

  /**
   * After the commit: acks without waiting for the server's confirmation (a lost ack only
   * brings a redelivery, which the inbox skips) and announces the event as applied.
   */
  private settle({ msg, type }: ReadyEvent): void {
    msg.ack();
    this.bus.nc.publish(appliedSubject(this.bus.options, this.options.consumer, type), msg.data);
  }

  private async deadLetter(msg: JsMsg, type: string, reason: string): Promise<void> {
    const h = natsHeaders();
    for (const key of msg.headers?.keys() ?? []) {
      if (!key.startsWith('Nats-')) for (const value of msg.headers!.values(key)) h.append(key, value);
    }
    h.set('x-dead-letter-reason', reason.slice(0, 1000));
    h.set('x-dead-letter-consumer', this.options.consumer);
    h.set('x-dead-letter-deliveries', String(msg.info.deliveryCount));
    h.set('x-original-subject', msg.subject);
    h.set('x-original-sequence', String(msg.seq));
    try {
      await this.bus.js.publish(deadLetterSubject(this.bus.options, this.options.consumer, type), msg.data, {
        msgID: `${msg.headers?.get('Nats-Msg-Id') || msg.seq}:${this.options.consumer}`,
        headers: h,
      });
      this.log.error(`Dead-lettered ${type} (stream seq ${msg.seq}) after ${msg.info.deliveryCount} deliveries: ${reason}`);
      await msg.ackAck().catch(() => undefined);
    } catch (error) {
      this.log.error(`Could not dead-letter ${type} (seq ${msg.seq}): ${(error as Error).message}`);
      msg.nak(redeliveryDelay(this.bus.options, msg.info.deliveryCount));
    }
  }
}
