import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What travels with one unit of work (an HTTP request, an RPC, an event delivery) across
 * awaits and across NATS hops (as headers): the ids that tie log lines and events together.
 */
export interface RequestContext {
  requestId: string;
  /** The chain this work belongs to; the first request's id. */
  correlationId: string;
  /** What directly caused this work: a request id or an event id. */
  causationId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** A context for work that starts here (a request with no id, a timer, a job). */
export function freshContext(requestId: string = randomUUID()): RequestContext {
  return { requestId, correlationId: requestId, causationId: requestId };
}

/** NATS/HTTP header names that carry the context between processes. */
export const CONTEXT_HEADERS = {
  requestId: 'x-request-id',
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
} as const;

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's request id only if it is short and printable; otherwise makes one. */
export function acceptRequestId(candidate: string | string[] | undefined): string {
  const value = Array.isArray(candidate) ? candidate[0] : candidate;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export function contextFromHeaders(get: (name: string) => string | undefined): RequestContext {
  const requestId = acceptRequestId(get(CONTEXT_HEADERS.requestId));
  return {
    requestId,
    correlationId: acceptRequestId(get(CONTEXT_HEADERS.correlationId) ?? requestId),
    causationId: acceptRequestId(get(CONTEXT_HEADERS.causationId) ?? requestId),
  };
}
