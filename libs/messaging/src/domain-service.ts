import { Logger, Module, type DynamicModule, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { DomainService } from '@broadsheet/contracts';
import { createServiceDataSource, ensureDatabase, openServiceDataSource, TransactionHost } from '@broadsheet/database';
import { JsonLogger } from '@broadsheet/platform';
import { BusClient } from './bus.client';
import { BusConnection } from './bus.connection';
import { BusServer } from './bus.server';
import { Inbox } from './inbox';
import { MessagingTables1764100000000 } from './messaging.migration';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { PassThroughRpcFilter } from './rpc-exception.filter';
import { busOptionsFrom, nestLogLevel, type DomainServiceConfig } from './service.config';

export interface DomainServiceDefinition {
  name: DomainService;
  /** The service's feature module: controllers, consumers, services, repositories. */
  module: Type<unknown>;
  entities: Function[];
  /** The service's own migrations, oldest first; the messaging tables come before them. */
  migrations: Function[];
  /**
   * Request patterns not held back by `RPC_CONCURRENCY`: those whose handlers share database work
   * with the requests that arrive alongside (comments' `PostBatches`), so the more arrive at
   * once, the fewer statements they need.
   */
  batchedRequests?: string[];
}

/** A running (or ready to run) domain service and the parts tests and tools reach for. */
export interface DomainServiceApp {
  app: INestMicroservice;
  dataSource: DataSource;
  bus: BusConnection;
  relay: OutboxRelay;
  close(): Promise<void>;
}

@Module({})
class DomainServiceRootModule {}

@Module({})
class MessagingModule {}

/**
 * Builds a domain service: database created if missing, schema and migrations brought up to
 * date, NATS connected and the event stream ensured, then a Nest microservice on the
 * BusServer transport. The typed config object is injectable by its class.
 */
export async function createDomainService(
  definition: DomainServiceDefinition,
  config: DomainServiceConfig,
): Promise<DomainServiceApp> {
  const logger = new JsonLogger(definition.name, nestLogLevel(config.LOG_LEVEL));
  Logger.overrideLogger(logger);
  const schema = definition.name;

  await ensureDatabase(config.DATABASE_URL);
  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    schema,
    entities: definition.entities,
    migrations: [MessagingTables1764100000000, ...definition.migrations],
    poolSize: config.DATABASE_POOL_SIZE,
    planCacheMode: config.DATABASE_PLAN_CACHE_MODE,
    maxParallelWorkersPerGather: config.DATABASE_MAX_PARALLEL_WORKERS_PER_GATHER,
    jit: config.DATABASE_JIT === 'on',
  });
  await openServiceDataSource(dataSource);

  let bus: BusConnection;
  try {
    bus = await BusConnection.connect(busOptionsFrom(config, definition.name));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  const tx = new TransactionHost(dataSource);
  const relay = new OutboxRelay(dataSource, bus, {
    schema,
    pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    retentionHours: config.OUTBOX_RETENTION_HOURS,
    inboxRetentionDays: config.INBOX_RETENTION_DAYS,
  });
  // The config is injectable by its own class and by every base class (BusConfig, ...).
  const configTokens: Type<unknown>[] = [];
  for (let c = config.constructor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) configTokens.push(c as Type<unknown>);
  const messaging: DynamicModule = {
    module: MessagingModule,
    global: true,
    providers: [
      ...configTokens.map((token) => ({ provide: token, useValue: config })),
      { provide: TransactionHost, useValue: tx },
      { provide: Outbox, useValue: new Outbox(tx, definition.name, schema) },
      { provide: BusClient, useValue: new BusClient(bus) },
      { provide: BusConnection, useValue: bus },
      { provide: OutboxRelay, useValue: relay },
    ],
    exports: [...configTokens, TransactionHost, Outbox, BusClient, BusConnection, OutboxRelay],
  };
  const strategy = new BusServer(bus, {
    consumer: definition.name,
    tx,
    inbox: new Inbox(tx, schema),
    relay,
    requestConcurrency: config.RPC_CONCURRENCY,
    unbounded: definition.batchedRequests,
  });
  const app = await NestFactory.createMicroservice(
    { module: DomainServiceRootModule, imports: [messaging, definition.module] },
    { strategy, logger },
  );
  app.useGlobalFilters(new PassThroughRpcFilter());

  let closed: Promise<void> | undefined;
  return {
    app,
    dataSource,
    bus,
    relay,
    close: () =>
      (closed ??= (async () => {
        await app.close(); // stops the transport: requests, consumer, relay, NATS drain
        await dataSource.destroy();
      })()),
  };
}
