import { randomUUID } from 'node:crypto';
import type { Envelope, EventMap, EventType, ServiceName } from '@broadsheet/contracts';
import { currentContext } from '@broadsheet/platform';

export type EventEnvelope<T extends EventType> = Envelope<T, EventMap[T]>;

/** Wraps a payload as a CloudEvent, inheriting correlation and causation from the current work. */
export function createEnvelope<T extends EventType>(
  source: ServiceName,
  type: T,
  subject: string,
  data: EventMap[T],
  time: Date = new Date(),
): EventEnvelope<T> {
  const context = currentContext();
  const id = randomUUID();
  return {
    id,
    source: `/broadsheet/${source}`,
    type,
    specversion: '1.0',
    time: time.toISOString(),
    subject,
    datacontenttype: 'application/json',
    correlationid: context?.correlationId ?? id,
    causationid: context?.causationId ?? id,
    data,
  };
}
