import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ArticleStatus, ModerationMode } from '@broadsheet/contracts';

export type ReplicaStatus = ArticleStatus | 'deleted';

/** What comments needs to know of an article, learned from the articles service's events. */
@Entity({ name: 'articles' })
export class ArticleReplicaEntity {
  @PrimaryColumn('text')
  id: string;

  /** The current slug; earlier ones stay resolvable through `article_slugs`. */
  @Column('text')
  slug: string;

  @Column('text')
  authorId: string;

  @Column('text')
  status: ReplicaStatus;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  /** Set by a moderator; null follows the global mode. */
  @Column('text', { nullable: true })
  moderationMode: ModerationMode | null;

  /** Time of the last event applied, so an older event never overwrites a newer one. */
  @Column('timestamptz')
  changedAt: Date;

  /** Visible, undeleted comments: kept by triggers on `comments`, never written by the service. */
  @Column('int', { default: 0 })
  commentsCount: number;
}

/** Every slug an article has had, current one included. */
@Entity({ name: 'article_slugs' })
export class ArticleSlugEntity {
  @PrimaryColumn('text')
  slug: string;

  @Column('text')
  articleId: string;
}
