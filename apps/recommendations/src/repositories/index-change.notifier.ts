import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';

/** The Postgres channel every replica LISTENs on to keep its in-memory index in step. */
export const INDEX_CHANNEL = 'broadsheet_recommendations_index';

/**
 * Change notices on INDEX_CHANNEL: `a:<articleId>`, `e:<articleId>:<userId>` (look up whether the
 * reader still engages with the article), `e+:<articleId>:<userId>` (an act of theirs on it just
 * became active, so they do), or `reload`.
 */
export type IndexChange =
  | { kind: 'article'; articleId: string }
  | { kind: 'engagement'; articleId: string; userId: string; engaged?: true }
  | { kind: 'reload' };

export function encodeIndexChange(change: IndexChange): string {
  if (change.kind === 'article') return `a:${change.articleId}`;
  if (change.kind === 'engagement') return `${change.engaged ? 'e+' : 'e'}:${change.articleId}:${change.userId}`;
  return 'reload';
}

export function decodeIndexChange(payload: string): IndexChange | undefined {
  if (payload === 'reload') return { kind: 'reload' };
  if (payload.startsWith('a:')) return { kind: 'article', articleId: payload.slice(2) };
  const engaged = payload.startsWith('e+:');
  if (engaged || payload.startsWith('e:')) {
    // Article ids are UUIDs in practice, but the user id is taken as everything after the last colon.
    const rest = payload.slice(engaged ? 3 : 2);
    const at = rest.lastIndexOf(':');
    if (at > 0) return { kind: 'engagement', articleId: rest.slice(0, at), userId: rest.slice(at + 1), ...(engaged ? { engaged } : {}) };
  }
  return undefined;
}

/**
 * Announces index changes with pg_notify inside the writer's transaction: Postgres delivers a
 * notice only when (and if) that transaction commits, so a replica never refreshes from data
 * that is not there yet, and a rolled-back handler announces nothing.
 */
@Injectable()
export class IndexChangeNotifier {
  constructor(private readonly tx: TransactionHost) {}

  async announce(change: IndexChange): Promise<void> {
    await this.tx.rows(`SELECT pg_notify($1, $2)`, [INDEX_CHANNEL, encodeIndexChange(change)]);
  }
}
