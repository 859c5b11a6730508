import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Where an article stands as far as recommendations know; only `published` ones are recommended. */
export type IndexedArticleStatus = 'published' | 'unpublished' | 'deleted';

/**
 * A replica of an article, built from articles events. Unpublished and deleted articles stay
 * as tombstones (status and version only) so an older event replayed late cannot bring them back.
 */
@Entity({ name: 'article' })
@Index('article_slug_idx', ['slug'])
@Index('article_author_published_idx', ['authorId', 'publishedAt'])
export class IndexedArticleEntity {
  @PrimaryColumn('text')
  articleId: string;

  @Column('text')
  slug: string;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('text')
  body: string;

  @Column('text', { array: true })
  tags: string[];

  @Column('text', { nullable: true })
  section: string | null;

  @Column('text')
  authorId: string;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  updatedAt: Date | null;

  @Column('text')
  status: IndexedArticleStatus;

  /** Time of the event that last changed the row: an older event never overwrites a newer one. */
  @Column('timestamptz')
  versionAt: Date;
}
