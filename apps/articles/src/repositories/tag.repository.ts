import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';

/** Published-article counts per tag. */
@Injectable()
export class TagRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Moves the counts when an article's public tags go from `before` to `after`. */
  async shift(before: string[], after: string[]): Promise<void> {
    const removed = before.filter((t) => !after.includes(t));
    const added = after.filter((t) => !before.includes(t));
    if (added.length > 0) {
      await this.tx.rows(
        `INSERT INTO tags (name, articles_count) SELECT unnest($1::text[]), 1
         ON CONFLICT (name) DO UPDATE SET articles_count = tags.articles_count + 1`,
        [added.sort()],
      );
    }
    if (removed.length > 0) {
      await this.tx.rows(`UPDATE tags SET articles_count = articles_count - 1 WHERE name = ANY($1::text[])`, [removed.sort()]);
    }
  }

  /** Tags in use, most used first, then by name. */
  async popular(limit: number): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.tx.rows(
      `SELECT name FROM tags WHERE articles_count > 0 ORDER BY articles_count DESC, name LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.name);
  }
}
