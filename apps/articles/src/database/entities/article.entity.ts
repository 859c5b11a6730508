import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ArticleStatus, CorrectionView, DigitalSourceType, OutlineEntryView, SourceView } from '@broadsheet/contracts';

@Entity({ name: 'articles' })
export class ArticleEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** The current slug; every slug the article ever had is in `article_slugs`. */
  @Column('varchar', { length: 191 })
  slug: string;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('text')
  body: string;

  /** Sorted, lower-cased, unique. */
  @Column('text', { array: true })
  tagList: string[];

  @Column('uuid')
  authorId: string;

  @Column('text', { nullable: true })
  section: string | null;

  @Column('text', { nullable: true })
  dateline: string | null;

  @Column('text')
  status: ArticleStatus;

  /** Set when the article first goes live (for a scheduled one: its scheduled time). */
  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  scheduledAt: Date | null;

  @Column('text')
  digitalSourceType: DigitalSourceType;

  @Column('text', { nullable: true })
  generator: string | null;

  @Column('text', { nullable: true })
  reviewedBy: string | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt: Date | null;

  @Column('text', { nullable: true })
  disclosure: string | null;

  @Column('jsonb')
  sources: SourceView[];

  @Column('jsonb')
  corrections: CorrectionView[];

  @Column('jsonb')
  outline: OutlineEntryView[];

  @Column('int')
  readingTimeMinutes: number;

  /** Kept exact by the favorite/unfavorite statements, which lock the row. */
  @Column('int')
  favoritesCount: number;

  @Column('timestamptz')
  createdAt: Date;

  /** Set by the service at millisecond precision, so a client's copy compares equal (409 check). */
  @Column('timestamptz')
  updatedAt: Date;
}
