import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';

/** Every slug ever given, and which article it leads to. */
@Injectable()
export class SlugRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Slugs starting with `prefix`, with their articles (`prefix` holds only [a-z0-9-]). */
  async withPrefix(prefix: string): Promise<Map<string, string>> {
    const rows: Array<{ slug: string; article_id: string }> = await this.tx.rows(
      `SELECT slug, article_id FROM article_slugs WHERE slug LIKE $1`,
      [`${prefix}%`],
    );
    return new Map(rows.map((r) => [r.slug, r.article_id]));
  }

  /**
   * Takes `slug` for the article: true when it is now the article's (new, or already its own);
   * false when another article holds it (a concurrent writer may just have taken it).
   */
  async claim(slug: string, articleId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.rows(
      `INSERT INTO article_slugs (slug, article_id) VALUES ($1, $2)
       ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug WHERE article_slugs.article_id = excluded.article_id
       RETURNING 1`,
      [slug, articleId],
    );
    return rows.length === 1;
  }
}
