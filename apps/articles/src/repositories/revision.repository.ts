import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';
import { ArticleRevisionEntity } from '../database/entities/article-revision.entity';
import type { ArticleSnapshot } from '../dtos/article.views';

@Injectable()
export class RevisionRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Keeps `snapshot` as the article's next revision; the caller holds the article's row lock. */
  async add(articleId: string, snapshot: ArticleSnapshot, by: { userId: string; username: string }, at: Date): Promise<void> {
    await this.tx.rows(
      `INSERT INTO article_revisions (article_id, revision, snapshot, replaced_by_id, replaced_by_username, replaced_at)
       SELECT $1, coalesce(max(revision), 0) + 1, $2, $3, $4, $5 FROM article_revisions WHERE article_id = $1`,
      [articleId, JSON.stringify(snapshot), by.userId, by.username, at],
    );
  }

  /** Newest first. */
  list(articleId: string): Promise<ArticleRevisionEntity[]> {
    return this.tx.manager.find(ArticleRevisionEntity, { where: { articleId }, order: { revision: 'DESC' } });
  }
}
