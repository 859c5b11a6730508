import type { EventMap, EventType, ServiceName } from '@broadsheet/contracts';
import type { TransactionHost } from '@broadsheet/database';
import { createEnvelope, type EventEnvelope } from './envelope';

export const outboxChannel = (schema: string): string => `broadsheet_outbox_${schema}`;

/**
 * The seq a relay wake-up names (its NOTIFY payload: the smallest seq the transaction wrote), or
 * 0, a claim from the first row, for any other payload.
 */
export function seqOfWake(payload: string | undefined): number {
  const seq = Number(payload);
  return payload && Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}

/** An event ready for the outbox: its envelope, and the row's values in `Outbox.columns` order. */
export interface OutboxEntry<T extends EventType = EventType> {
  envelope: EventEnvelope<T>;
  values: [id: string, type: T, envelope: string];
}

/**
 * Records events in the service's outbox table inside the caller's transaction, so the event
 * exists exactly when the change does. The relay publishes it after the commit; NOTIFY (which
 * Postgres delivers only on commit) wakes the relay at once.
 */
export class Outbox {
  /** The outbox table, schema-qualified, for statements that insert their event themselves. */
  readonly table: string;
  /** The columns `OutboxEntry.values` fill, in order. */
  readonly columns = '(id, type, envelope)';
  /** The NOTIFY channel that wakes the relay (see `wake`). */
  readonly channel: string;

  constructor(
    private readonly tx: TransactionHost,
    private readonly service: ServiceName,
    private readonly schema: string,
  ) {
    this.table = `"${schema}".outbox`;
    this.channel = outboxChannel(schema);
  }

  async add<T extends EventType>(type: T, subject: string, data: EventMap[T]): Promise<EventEnvelope<T>> {
    if (!this.tx.inTransaction) {
      throw new Error(`Outbox.add(${type}) outside a transaction: the event would not commit with its change`);
    }
    const { envelope, values } = this.entry(type, subject, data);
    // One round trip: the insert and the wake-up call.
    await this.tx.rows(`WITH added AS (INSERT INTO ${this.table} ${this.columns} VALUES ($1, $2, $3) RETURNING seq) SELECT ${this.wake('added')} AS woken`, values);
    return envelope;
  }

  /**
   * SQL (a scalar subquery) that wakes the relay for the outbox rows `inserted` names (a CTE
   * `INSERT INTO table ... RETURNING seq`), if it holds any. Postgres delivers the NOTIFY on
   * commit, and its payload, the smallest seq written, is where the relay's claim starts: the
   * claim's index still holds every row published since the last VACUUM, and a claim from the
   * first row walks them all (docs/architecture.md, "The event path").
   */
  wake(inserted: string): string {
    return `(SELECT pg_notify('${this.channel}', min(seq)::text) FROM ${inserted} HAVING count(*) > 0)`;
  }

  /**
   * The envelope and row values of an event, for a statement that writes its change and the
   * outbox row together (a data-modifying CTE inserting into `table` and returning `seq`, then
   * `wake`): one statement is one transaction, so the event still exists exactly when the change
   * does.
   */
  entry<T extends EventType>(type: T, subject: string, data: EventMap[T]): OutboxEntry<T> {
    const envelope = createEnvelope(this.service, type, subject, data);
    return { envelope, values: [envelope.id, type, JSON.stringify(envelope)] };
  }
}
