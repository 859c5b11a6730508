import type { ServiceName } from '@broadsheet/contracts';

/** Where and how a process talks on the bus. Tests give each run its own names. */
export interface BusOptions {
  service: ServiceName;
  /** Distinguishes replicas in logs and connection names. */
  instanceId: string;
  natsUrl: string;
  /** JetStream stream that keeps every event (and the dead letters). */
  stream: string;
  /** Events go to `<eventsPrefix>.<event type>`; dead letters to `<eventsPrefix>-dlq.<consumer>.<type>`. */
  eventsPrefix: string;
  /** Request/reply subjects are `<rpcPrefix>.<pattern>`. */
  rpcPrefix: string;
  /** Client-side bound on every request. */
  rpcTimeoutMs: number;
  /** Deliveries of one event to one consumer before it is dead-lettered. */
  maxDeliver: number;
  /** First redelivery delay; doubles each try up to `redeliveryMaxDelayMs`. */
  redeliveryDelayMs: number;
  redeliveryMaxDelayMs: number;
  /** Events a consumer replica handles at once. 1 keeps a replica's events in stream order. */
  consumerConcurrency: number;
}

export const BUS_DEFAULTS = {
  stream: 'EVENTS',
  eventsPrefix: 'events',
  rpcPrefix: 'rpc',
  rpcTimeoutMs: 5000,
  maxDeliver: 5,
  redeliveryDelayMs: 1000,
  redeliveryMaxDelayMs: 60_000,
  consumerConcurrency: 1,
} as const;

export const eventSubject = (options: Pick<BusOptions, 'eventsPrefix'>, type: string): string =>
  `${options.eventsPrefix}.${type}`;

export const deadLetterSubject = (options: Pick<BusOptions, 'eventsPrefix'>, consumer: string, type: string): string =>
  `${options.eventsPrefix}-dlq.${consumer}.${type}`;

/**
 * Core-NATS notice (not stored) that `consumer` has applied an event: readers of views a service
 * derives from events (the gateway's cache) learn when that view is up to date.
 */
export const appliedSubject = (options: Pick<BusOptions, 'eventsPrefix'>, consumer: string, type: string): string =>
  `${options.eventsPrefix}-applied.${consumer}.${type}`;

export const rpcSubject = (options: Pick<BusOptions, 'rpcPrefix'>, pattern: string): string =>
  `${options.rpcPrefix}.${pattern}`;

/** Delay before the next delivery after `deliveryCount` failed ones: exponential, capped. */
export function redeliveryDelay(options: Pick<BusOptions, 'redeliveryDelayMs' | 'redeliveryMaxDelayMs'>, deliveryCount: number): number {
  return Math.min(options.redeliveryDelayMs * 2 ** Math.max(0, deliveryCount - 1), options.redeliveryMaxDelayMs);
}
