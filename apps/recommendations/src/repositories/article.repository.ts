import { Injectable } from '@nestjs/common';
import type { ArticleContentV1 } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import type { IndexableArticle } from '../services/related.index';

/** Rows read back for the in-memory index. */
interface ArticleRow {
  article_id: string;
  slug: string;
  title: string;
  description: string;
  body: string;
  tags: string[];
  section: string | null;
  author_id: string;
  published_at: Date;
}

const toIndexable = (row: ArticleRow): IndexableArticle => ({
  articleId: row.article_id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  body: row.body,
  tags: row.tags,
  section: row.section,
  authorId: row.author_id,
  publishedAt: row.published_at,
});

const INDEXABLE_COLUMNS = 'article_id, slug, title, description, body, tags, section, author_id, published_at';

/** The article replica. Every write is guarded by `version_at`, so events may arrive late or twice. */
@Injectable()
export class ArticleRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Stores a published (or edited) article unless a newer event already touched it. */
  async upsertPublished(article: ArticleContentV1, versionAt: string): Promise<void> {
    await this.tx.rows(
      `INSERT INTO article (article_id, slug, title, description, body, tags, section, author_id, published_at, updated_at, status, version_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'published', $11)
       ON CONFLICT (article_id) DO UPDATE SET
         slug = EXCLUDED.slug, title = EXCLUDED.title, description = EXCLUDED.description, body = EXCLUDED.body,
         tags = EXCLUDED.tags, section = EXCLUDED.section, author_id = EXCLUDED.author_id,
         published_at = EXCLUDED.published_at, updated_at = EXCLUDED.updated_at, status = 'published', version_at = EXCLUDED.version_at
       WHERE article.version_at <= EXCLUDED.version_at`,
      [
        article.articleId,
        article.slug,
        article.title,
        article.description,
        article.body,
        article.tags,
        article.section,
        article.authorId,
        article.publishedAt,
        article.updatedAt,
        versionAt,
      ],
    );
  }

  /** Takes an article out of recommendations (leaving a tombstone), unless a newer event republished it. */
  async markRemoved(articleId: string, slug: string, status: 'unpublished' | 'deleted', versionAt: string): Promise<void> {
    await this.tx.rows(
      `INSERT INTO article (article_id, slug, title, description, body, tags, section, author_id, status, version_at)
       VALUES ($1, $2, '', '', '', '{}', NULL, '', $3, $4)
       ON CONFLICT (article_id) DO UPDATE SET status = EXCLUDED.status, version_at = EXCLUDED.version_at
       WHERE article.version_at <= EXCLUDED.version_at`,
      [articleId, slug, status, versionAt],
    );
  }

  /** The published ones among `articleIds`, ready for the index. */
  async findPublished(articleIds: string[]): Promise<IndexableArticle[]> {
    const rows: ArticleRow[] = await this.tx.rows(
      `SELECT ${INDEXABLE_COLUMNS} FROM article WHERE article_id = ANY($1) AND status = 'published'`,
      [articleIds],
    );
    return rows.map(toIndexable);
  }

  /** One page of published articles after `afterId` (keyset order), for loading the index at boot. */
  async pagePublished(afterId: string, pageSize: number): Promise<IndexableArticle[]> {
    const rows: ArticleRow[] = await this.tx.rows(
      `SELECT ${INDEXABLE_COLUMNS} FROM article WHERE status = 'published' AND article_id > $1 ORDER BY article_id LIMIT $2`,
      [afterId, pageSize],
    );
    return rows.map(toIndexable);
  }

  /** The newest published articles by any of `authorIds`. */
  async latestByAuthors(authorIds: string[], limit: number): Promise<string[]> {
    if (authorIds.length === 0) return [];
    const rows: { article_id: string }[] = await this.tx.rows(
      `SELECT article_id FROM article WHERE status = 'published' AND author_id = ANY($1)
       ORDER BY published_at DESC, article_id LIMIT $2`,
      [authorIds, limit],
    );
    return rows.map((r) => r.article_id);
  }

  /** The newest published articles, to fill a list when there is little engagement yet. */
  async latest(limit: number): Promise<string[]> {
    const rows: { article_id: string }[] = await this.tx.rows(
      `SELECT article_id FROM article WHERE status = 'published' ORDER BY published_at DESC, article_id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.article_id);
  }
}
