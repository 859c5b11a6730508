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

  /**
   * Marks a batch of events as applied by `consumer`, in one statement. Returns the positions
   * (in `events`, ascending) of the events to apply: those not applied before, each id once (a
   * copy later in the same batch is skipped like a redelivery). Same transaction rule as `claim`.
   */
  async claimMany(consumer: string, events: ReadonlyArray<{ id: string; type: string }>): Promise<number[]> {
    const rows: Array<{ position: string }> = await this.tx.rows(
      `WITH batch AS (SELECT * FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS e(event_id, event_type, position)),
            added AS (INSERT INTO "${this.schema}".inbox (consumer, event_id, event_type)
                      SELECT $1, event_id, event_type FROM batch ON CONFLICT DO NOTHING RETURNING event_id)
       SELECT min(batch.position) AS position FROM batch JOIN added USING (event_id) GROUP BY event_id ORDER BY 1`,
      [consumer, events.map((e) => e.id), events.map((e) => e.type)],
    );
    return rows.map((r) => Number(r.position) - 1);
  }
}
