import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ArticleSnapshot } from '../../dtos/article.views';

/** A version of an article that an update replaced. */
@Entity({ name: 'article_revisions' })
export class ArticleRevisionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid')
  articleId: string;

  /** 1 for the first replaced version, counting up per article. */
  @Column('int')
  revision: number;

  @Column('jsonb')
  snapshot: ArticleSnapshot;

  @Column('uuid')
  replacedById: string;

  @Column('text')
  replacedByUsername: string;

  @Column('timestamptz')
  replacedAt: Date;
}
