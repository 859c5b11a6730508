import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';

@Injectable()
export class FavoriteRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** True when the favorite is new; a concurrent duplicate waits on the key and adds nothing. */
  async add(articleId: string, userId: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.tx.rows(
      `INSERT INTO favorites (article_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [articleId, userId, at],
    );
    return rows.length === 1;
  }

  /** True when a favorite was removed. */
  async remove(articleId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.tx.query(`DELETE FROM favorites WHERE article_id = $1 AND user_id = $2`, [articleId, userId]);
    return rowCount === 1;
  }
}
