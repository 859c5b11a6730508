import { Injectable } from '@nestjs/common';
import type { PublicProfileV1 } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';

export interface AuthorProfile {
  username: string;
  bio: string | null;
  image: string | null;
}

/** The authors replica (public profiles only). */
@Injectable()
export class AuthorRepository {
  constructor(private readonly tx: TransactionHost) {}

  async upsert(profile: PublicProfileV1, versionAt: string): Promise<void> {
    await this.tx.rows(
      `INSERT INTO author (user_id, username, bio, image, version_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username, bio = EXCLUDED.bio, image = EXCLUDED.image,
         version_at = EXCLUDED.version_at
       WHERE author.version_at <= EXCLUDED.version_at`,
      [profile.userId, profile.username, profile.bio, profile.image, versionAt],
    );
  }

  /** Profiles by user id; unknown ids are left out. */
  async findByIds(userIds: string[]): Promise<Map<string, AuthorProfile>> {
    if (userIds.length === 0) return new Map();
    const rows: { user_id: string; username: string; bio: string | null; image: string | null }[] = await this.tx.rows(
      `SELECT user_id, username, bio, image FROM author WHERE user_id = ANY($1)`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.user_id, { username: r.username, bio: r.bio, image: r.image }]));
  }
}
