import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestObserver } from '@broadsheet/messaging/client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * How often the event-loop lag is sampled, in ms. prom-client's default (10) wakes an idle gateway
 * 100 times a second, where the services wake a few times; at 100 a stall still shows in the lag
 * histogram whenever it holds up a sample, which over a scrape interval is what the series is for.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

/** Every Prometheus series the gateway exposes at `/api/metrics`, in one registry. */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'broadsheet_http_request_duration_seconds',
    help: 'HTTP request latency at the gateway, by route template, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly rpcDuration = new Histogram({
    name: 'broadsheet_rpc_request_duration_seconds',
    help: 'Requests from the gateway to each service over NATS, by pattern and outcome.',
    labelNames: ['service', 'pattern', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly rpcErrors = new Counter({
    name: 'broadsheet_rpc_errors_total',
    help: 'Failed requests to each service, by error code.',
    labelNames: ['service', 'code'] as const,
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'broadsheet_cache_lookups_total',
    help: 'Anonymous GETs looked up in the response cache, by result (hit; stale: an expired entry served while a concurrent miss recomputes it; coalesced: answered by a concurrent miss for the same URL; miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly cacheEntries = new Gauge({
    name: 'broadsheet_cache_entries',
    help: 'Responses held in the gateway cache.',
    registers: [this.registry],
  });

  readonly cacheBytes = new Gauge({
    name: 'broadsheet_cache_bytes',
    help: 'Bytes of the response bodies held in the gateway cache (bounded by CACHE_MAX_BYTES).',
    registers: [this.registry],
  });

  readonly cacheInvalidations = new Counter({
    name: 'broadsheet_cache_invalidated_entries_total',
    help: 'Cached responses dropped because an event or a write made them stale.',
    labelNames: ['cause'] as const,
    registers: [this.registry],
  });

  readonly consumerPending = new Gauge({
    name: 'broadsheet_event_consumer_pending',
    help: "Events in the stream not yet delivered to a service's durable consumer (lag).",
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  readonly consumerUnacked = new Gauge({
    name: 'broadsheet_event_consumer_unacked',
    help: "Events delivered to a service's consumer and not yet acknowledged.",
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  readonly outboxPending = new Gauge({
    name: 'broadsheet_outbox_pending',
    help: "Events committed in a service's outbox and not yet published.",
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  readonly outboxFailing = new Gauge({
    name: 'broadsheet_outbox_failing',
    help: "Outbox events whose last publish attempt failed.",
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  readonly serviceUp = new Gauge({
    name: 'broadsheet_service_up',
    help: 'Whether a service answered its health request at the last scrape (1) or not (0).',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'broadsheet_gateway_', eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  }
}

/** Feeds every gateway→service request into the RPC latency and error series. */
export function observeRequests(metrics: GatewayMetrics): RequestObserver {
  return (pattern, seconds, error) => {
    const service = pattern.split('.')[0];
    metrics.rpcDuration.observe({ service, pattern, outcome: error ? 'error' : 'ok' }, seconds);
    if (error) metrics.rpcErrors.inc({ service, code: error.code });
  };
}
