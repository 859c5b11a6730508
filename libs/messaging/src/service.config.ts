import { hostname } from 'node:os';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { BUS_DEFAULTS, type BusOptions } from './bus.options';
import type { ServiceName } from '@broadsheet/contracts';
import type { PlanCacheMode } from '@broadsheet/database';

const SUBJECT_PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
// Listed here, typed by libs/database's union: a value import of @broadsheet/database would load
// TypeORM and pg into the gateway, which reads BusConfig (apps/gateway/src/module-loading.spec.ts).
const PLAN_CACHE_MODES: readonly PlanCacheMode[] = ['auto', 'force_generic_plan', 'force_custom_plan'];

/** Settings every process on the bus reads. Property names are the environment variables. */
export class BusConfig {
  @Matches(/^(nats|tls):\/\/[^,\s]+(,(nats|tls):\/\/[^,\s]+)*$/, { message: 'must be one or more nats:// URLs, comma-separated' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be letters, digits, _ or -' })
  EVENTS_STREAM: string = BUS_DEFAULTS.stream;

  @Matches(SUBJECT_PREFIX, { message: 'must be dot-separated subject tokens' })
  EVENTS_SUBJECT_PREFIX: string = BUS_DEFAULTS.eventsPrefix;

  @Matches(SUBJECT_PREFIX, { message: 'must be dot-separated subject tokens' })
  RPC_SUBJECT_PREFIX: string = BUS_DEFAULTS.rpcPrefix;

  @IsInt() @Min(50) @Max(120_000)
  RPC_TIMEOUT_MS: number = BUS_DEFAULTS.rpcTimeoutMs;

  @IsInt() @Min(1) @Max(100)
  EVENT_MAX_DELIVER: number = BUS_DEFAULTS.maxDeliver;

  @IsInt() @Min(1)
  EVENT_REDELIVERY_DELAY_MS: number = BUS_DEFAULTS.redeliveryDelayMs;

  @IsInt() @Min(1)
  EVENT_REDELIVERY_MAX_DELAY_MS: number = BUS_DEFAULTS.redeliveryMaxDelayMs;

  @IsInt() @Min(1) @Max(256)
  EVENT_CONSUMER_CONCURRENCY: number = BUS_DEFAULTS.consumerConcurrency;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsString()
  INSTANCE_ID: string = `${hostname()}-${process.pid}`;
}

/** A domain service also owns a Postgres schema. */
export class DomainServiceConfig extends BusConfig {
  @Matches(/^postgres(ql)?:\/\/\S+\/[^/\s]+$/, { message: 'must be a postgres:// URL that names a database' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/broadsheet';

  @IsInt() @Min(1) @Max(100)
  DATABASE_POOL_SIZE: number = 10;

  /**
   * Requests a replica answers at once; the rest wait unparsed (docs/operations.md, "Requests in
   * flight"). The default matches the pool: nearly every request needs a connection.
   */
  @IsInt() @Min(1) @Max(1000)
  RPC_CONCURRENCY: number = 10;

  /** `plan_cache_mode` for the service's connections (docs/operations.md, "Query plans"). */
  @IsIn(PLAN_CACHE_MODES)
  DATABASE_PLAN_CACHE_MODE: PlanCacheMode = 'force_generic_plan';

  /**
   * `max_parallel_workers_per_gather` for the service's connections: 0, as a page read costs less
   * than starting workers does (docs/operations.md, "Query plans").
   */
  @IsInt() @Min(0) @Max(64)
  DATABASE_MAX_PARALLEL_WORKERS_PER_GATHER: number = 0;

  /**
   * Postgres' `jit` for the service's connections: off, as compiling a statement costs far more
   * than a page read does (docs/operations.md, "Query plans").
   */
  @IsIn(['on', 'off'])
  DATABASE_JIT: 'on' | 'off' = 'off';

  @IsInt() @Min(10)
  OUTBOX_POLL_INTERVAL_MS: number = 1000;

  /** Published outbox rows are kept this long for inspection. */
  @IsInt() @Min(1)
  OUTBOX_RETENTION_HOURS: number = 72;

  /** Inbox marks (event ids already applied) are kept this long. */
  @IsInt() @Min(1)
  INBOX_RETENTION_DAYS: number = 30;
}

export function busOptionsFrom(config: BusConfig, service: ServiceName): BusOptions {
  return {
    service,
    instanceId: config.INSTANCE_ID,
    natsUrl: config.NATS_URL,
    stream: config.EVENTS_STREAM,
    eventsPrefix: config.EVENTS_SUBJECT_PREFIX,
    rpcPrefix: config.RPC_SUBJECT_PREFIX,
    rpcTimeoutMs: config.RPC_TIMEOUT_MS,
    maxDeliver: config.EVENT_MAX_DELIVER,
    redeliveryDelayMs: config.EVENT_REDELIVERY_DELAY_MS,
    redeliveryMaxDelayMs: config.EVENT_REDELIVERY_MAX_DELAY_MS,
    consumerConcurrency: config.EVENT_CONSUMER_CONCURRENCY,
  };
}

/** Our level names to Nest's. */
export const nestLogLevel = (level: BusConfig['LOG_LEVEL']) => (level === 'info' ? 'log' : level);
