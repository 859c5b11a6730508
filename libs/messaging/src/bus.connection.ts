import { Logger } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { BusOptions } from './bus.options';
import { RequestMux } from './request-mux';
import { WriteBatcher } from './write-batcher';

const DUPLICATE_WINDOW_NS = 2 * 60 * 1e9;

/**
 * One NATS connection per process, shared by the RPC server, the RPC client, the outbox relay
 * and the durable consumers. It reconnects forever: a NATS restart pauses the bus, never
 * stops the process.
 */
export class BusConnection {
  private readonly logger = new Logger('Bus');
  /** Requests and replies wait here for the end of the loop turn, then leave in one write. */
  readonly writes = new WriteBatcher();
  private mux?: RequestMux;

  private constructor(
    readonly options: BusOptions,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
  ) {
    void this.watchStatus();
  }

  static async connect(options: BusOptions): Promise<BusConnection> {
    const nc = await connect({
      servers: options.natsUrl.split(','),
      name: `${options.service}:${options.instanceId}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      timeout: 5000,
      // Async traces build two Error objects (stack captures) per request: a measurable share
      // of the gateway's CPU under load, for stacks our own errors do not need.
      noAsyncTraces: true,
    });
    const jsm = await jetstreamManager(nc);
    const bus = new BusConnection(options, nc, jetstream(nc), jsm);
    await bus.ensureStream();
    return bus;
  }

  /** Creates the event stream if it is missing. Every process calls it; the first one wins. */
  async ensureStream(): Promise<void> {
    const { stream, eventsPrefix } = this.options;
    const subjects = [`${eventsPrefix}.>`, `${eventsPrefix}-dlq.>`];
    try {
      await this.jsm.streams.info(stream);
    } catch {
      try {
        await this.jsm.streams.add({
          name: stream,
          subjects,
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          discard: DiscardPolicy.Old,
          duplicate_window: DUPLICATE_WINDOW_NS,
          // The stream keeps the history so a read model can be rebuilt by replaying it.
          max_age: 0,
        });
      } catch (error) {
        // A concurrent boot created it first.
        await this.jsm.streams.info(stream).catch(() => {
          throw error;
        });
      }
    }
  }

  get isConnected(): boolean {
    return !this.nc.isClosed() && !this.nc.isDraining();
  }

  /** Request/reply on this connection (one inbox subscription for every request). */
  get requests(): RequestMux {
    return (this.mux ??= new RequestMux(this.nc));
  }

  /** Round trip to the server, for health checks. */
  async ping(timeoutMs = 1000): Promise<number> {
    return Promise.race([
      this.nc.rtt(),
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('NATS did not answer')), timeoutMs).unref()),
    ]);
  }

  /** Lets in-flight messages finish, then closes. */
  async drain(): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.nc.drain().catch(() => this.nc.close());
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.logger.warn(`NATS disconnected from ${status.server}`);
      else if (status.type === 'reconnect') this.logger.log(`NATS reconnected to ${status.server}`);
      else if (status.type === 'error') this.logger.error(`NATS error: ${String(status.error)}`);
    }
  }
}
