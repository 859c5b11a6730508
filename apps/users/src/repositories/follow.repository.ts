import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';
import { FollowEntity } from '../database/entities/follow.entity';

@Injectable()
export class FollowRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** True when the follow is new (following twice changes nothing). */
  async add(followerId: string, followeeId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.rows(
      `INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [followerId, followeeId],
    );
    return rows.length === 1;
  }

  /** True when a follow was removed. */
  async remove(followerId: string, followeeId: string): Promise<boolean> {
    const result = await this.tx.manager.delete(FollowEntity, { followerId, followeeId });
    return (result.affected ?? 0) > 0;
  }

  /** The subset of `followeeIds` that `followerId` follows. */
  async followedAmong(followerId: string, followeeIds: string[]): Promise<Set<string>> {
    if (followeeIds.length === 0) return new Set();
    const rows: Array<{ followee_id: string }> = await this.tx.rows(
      `SELECT followee_id FROM follows WHERE follower_id = $1 AND followee_id = ANY($2::uuid[])`,
      [followerId, followeeIds],
    );
    return new Set(rows.map((r) => r.followee_id));
  }
}
