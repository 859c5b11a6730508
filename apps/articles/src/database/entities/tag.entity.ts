import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Published articles per tag, kept in step by every write that changes what is public. */
@Entity({ name: 'tags' })
export class TagEntity {
  @PrimaryColumn('text')
  name: string;

  @Column('int')
  articlesCount: number;
}
