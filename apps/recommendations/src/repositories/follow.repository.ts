import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';

/** Who follows whom. */
@Injectable()
export class FollowRepository {
  constructor(private readonly tx: TransactionHost) {}

  async set(followerId: string, followeeId: string, active: boolean, versionAt: string): Promise<void> {
    await this.tx.rows(
      `INSERT INTO follow (follower_id, followee_id, active, version_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (follower_id, followee_id) DO UPDATE SET active = EXCLUDED.active, version_at = EXCLUDED.version_at
       WHERE follow.version_at <= EXCLUDED.version_at`,
      [followerId, followeeId, active, versionAt],
    );
  }

  async followeesOf(followerId: string): Promise<string[]> {
    const rows: { followee_id: string }[] = await this.tx.rows(
      `SELECT followee_id FROM follow WHERE follower_id = $1 AND active ORDER BY version_at DESC`,
      [followerId],
    );
    return rows.map((r) => r.followee_id);
  }
}
