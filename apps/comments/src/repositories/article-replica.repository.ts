import { Injectable } from '@nestjs/common';
import type { ModerationMode } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import type { ArticleReplicaEntity, ReplicaStatus } from '../database/entities/article-replica.entity';

export const ARTICLE_COLUMNS = `a.id, a.slug, a.author_id AS "authorId", a.status, a.published_at AS "publishedAt",
  a.moderation_mode AS "moderationMode", a.changed_at AS "changedAt", a.comments_count AS "commentsCount"`;

export interface PublishedArticle {
  articleId: string;
  slug: string;
  authorId: string;
  publishedAt: string;
}

/** The local replica of articles: written only by articles events, read on every post by slug. */
@Injectable()
export class ArticleReplicaRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Records a public article (published or updated) unless a later event already applied;
   * `previousSlugs` stay resolvable. A deleted article never comes back.
   */
  async upsertPublished(article: PublishedArticle, changedAt: Date, previousSlugs: string[]): Promise<boolean> {
    const rows: unknown[] = await this.tx.rows(
      `INSERT INTO articles AS a (id, slug, author_id, status, published_at, changed_at)
       VALUES ($1, $2, $3, 'published', $4, $5)
       ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, author_id = EXCLUDED.author_id, status = 'published',
         published_at = EXCLUDED.published_at, changed_at = EXCLUDED.changed_at
       WHERE a.changed_at <= EXCLUDED.changed_at AND a.status <> 'deleted'
       RETURNING 1`,
      [article.articleId, article.slug, article.authorId, article.publishedAt, changedAt],
    );
    // Slugs are recorded even for a stale event: an old slug stays an old slug.
    await this.tx.rows(
      `INSERT INTO article_slugs (slug, article_id) SELECT unnest($1::text[]), $2
       ON CONFLICT (slug) DO UPDATE SET article_id = EXCLUDED.article_id`,
      [[article.slug, ...previousSlugs], article.articleId],
    );
    return rows.length === 1;
  }

  /** Moves an article out of public view (archived, draft, scheduled, deleted). */
  async setStatus(articleId: string, slug: string, status: ReplicaStatus, changedAt: Date): Promise<void> {
    // An article first seen through its withdrawal still gets a row, so its slug resolves as closed.
    await this.tx.rows(
      `INSERT INTO articles AS a (id, slug, author_id, status, changed_at) VALUES ($1, $2, '', $3, $4)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at
       WHERE a.changed_at <= EXCLUDED.changed_at AND a.status <> 'deleted'`,
      [articleId, slug, status, changedAt],
    );
    await this.tx.rows(`INSERT INTO article_slugs (slug, article_id) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING`, [slug, articleId]);
  }

  findBySlug(slug: string): Promise<ArticleReplicaEntity | null> {
    return this.tx.manager
      .query(`SELECT ${ARTICLE_COLUMNS} FROM article_slugs s JOIN articles a ON a.id = s.article_id WHERE s.slug = $1`, [slug])
      .then((rows: ArticleReplicaEntity[]) => rows[0] ?? null);
  }

  async setModerationMode(articleId: string, mode: ModerationMode | null): Promise<void> {
    await this.tx.rows(`UPDATE articles SET moderation_mode = $2 WHERE id = $1`, [articleId, mode]);
  }
}
