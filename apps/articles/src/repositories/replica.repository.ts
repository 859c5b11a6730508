import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';

/** Local copies of users facts: usernames and follows. */
@Injectable()
export class ReplicaRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Records a username as of `at`; a fact older than the one held is ignored. */
  async upsertAuthor(userId: string, username: string, at: Date): Promise<void> {
    await this.tx.rows(
      `INSERT INTO authors (user_id, username, synced_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET username = excluded.username, synced_at = excluded.synced_at
       WHERE authors.synced_at <= excluded.synced_at`,
      [userId, username, at],
    );
  }

  /**
   * Records a username only when none is known: a token's name may be older than the last
   * rename, so it fills a gap (write before the registered event) and never overwrites.
   */
  async ensureAuthor(userId: string, username: string): Promise<void> {
    await this.tx.rows(
      `INSERT INTO authors (user_id, username, synced_at) VALUES ($1, $2, '-infinity') ON CONFLICT (user_id) DO NOTHING`,
      [userId, username],
    );
  }

  async follow(followerId: string, followeeId: string, at: Date): Promise<void> {
    await this.tx.rows(
      `INSERT INTO follows (follower_id, followee_id, followed_at) VALUES ($1, $2, $3)
       ON CONFLICT (follower_id, followee_id) DO UPDATE SET followed_at = excluded.followed_at
       WHERE follows.followed_at < excluded.followed_at`,
      [followerId, followeeId, at],
    );
  }

  /** Removes the follow unless it was renewed after `at`. */
  async unfollow(followerId: string, followeeId: string, at: Date): Promise<void> {
    await this.tx.rows(`DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2 AND followed_at <= $3`, [
      followerId,
      followeeId,
      at,
    ]);
  }
}
