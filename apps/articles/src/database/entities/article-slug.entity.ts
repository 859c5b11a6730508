import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Every slug an article has had: old links keep resolving after a title change. */
@Entity({ name: 'article_slugs' })
export class ArticleSlugEntity {
  @PrimaryColumn('varchar', { length: 191 })
  slug: string;

  @Column('uuid')
  articleId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
