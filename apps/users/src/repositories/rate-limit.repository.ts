import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';
import type { RateLimitStore, WindowCount } from '../services/rate.limiter';

/**
 * Fixed-window counters in the users schema, so every replica sees the same counts. Each hit is
 * one atomic upsert on the database clock: concurrent attempts can't slip past the limit.
 */
@Injectable()
export class RateLimitRepository implements RateLimitStore {
  constructor(private readonly tx: TransactionHost) {}

  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    const [row]: Array<{ hits: number; reset_in: number }> = await this.tx.rows(
      `INSERT INTO rate_limits AS r (key, hits, window_ends_at)
            VALUES ($1, 1, clock_timestamp() + $2 * interval '1 second')
       ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN r.window_ends_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
            window_ends_at = CASE WHEN r.window_ends_at <= clock_timestamp() THEN EXCLUDED.window_ends_at ELSE r.window_ends_at END
       RETURNING hits, extract(epoch FROM window_ends_at - clock_timestamp())::float AS reset_in`,
      [key, windowSeconds],
    );
    return { hits: row.hits, resetInSeconds: Math.max(0, row.reset_in) };
  }

  async reset(key: string): Promise<void> {
    await this.tx.rows(`DELETE FROM rate_limits WHERE key = $1`, [key]);
  }

  /** Drops counters whose window has ended; returns how many. */
  async prune(): Promise<number> {
    const [row]: Array<{ n: number }> = await this.tx.rows(
      `WITH gone AS (DELETE FROM rate_limits WHERE window_ends_at < clock_timestamp() RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    );
    return row.n;
  }
}
