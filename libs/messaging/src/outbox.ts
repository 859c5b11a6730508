import type { EventMap, EventType, ServiceName } from '@broadsheet/contracts';
import type { TransactionHost } from '@broadsheet/database';
import { createEnvelope, type EventEnvelope } from './envelope';

export const outboxChannel = (schema: string): string => `broadsheet_outbox_${schema}`;

/**
 * Records events in the service's outbox table inside the caller's transaction, so the event
 * exists exactly when the change does. The relay publishes it after the commit; NOTIFY (which
 * Postgres delivers only on commit) wakes the relay at once.
 */
export class Outbox {
  constructor(
    private readonly tx: TransactionHost,
    private readonly service: ServiceName,
    private readonly schema: string,
  ) {}

  async add<T extends EventType>(type: T, subject: string, data: EventMap[T]): Promise<EventEnvelope<T>> {
    if (!this.tx.inTransaction) {
      throw new Error(`Outbox.add(${type}) outside a transaction: the event would not commit with its change`);
    }
    const envelope = createEnvelope(this.service, type, subject, data);
    // One round trip: the insert and the wake-up call.
    await this.tx.rows(
      `WITH added AS (INSERT INTO "${this.schema}".outbox (id, type, envelope) VALUES ($1, $2, $3) RETURNING seq)
       SELECT pg_notify($4, '') FROM added`,
      [envelope.id, type, JSON.stringify(envelope), outboxChannel(this.schema)],
    );
    return envelope;
  }
}
