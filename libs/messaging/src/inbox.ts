import type { TransactionHost } from '@broadsheet/database';

/** Event ids a consumer has applied, written in the handler's own transaction. */
export class Inbox {
  constructor(
    private readonly tx: TransactionHost,
    private readonly schema: string,
  ) {}

  /**
   * Marks the event as applied by `consumer`. Returns false when it already was: the caller
   * must then skip the handler. Must run inside the handler's transaction, so the mark and the
   * handler's writes commit together and a rolled-back attempt leaves no mark.
   */
  async claim(consumer: string, eventId: string, eventType: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.rows(
      `INSERT INTO "${this.schema}".inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
      [consumer, eventId, eventType],
    );
    return rows.length === 1;
  }
}
