import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The public profile of a user, replicated from users events so cards carry their author. */
@Entity({ name: 'author' })
export class AuthorEntity {
  @PrimaryColumn('text')
  userId: string;

  @Column('text')
  username: string;

  @Column('text', { nullable: true })
  bio: string | null;

  @Column('text', { nullable: true })
  image: string | null;

  @Column('timestamptz')
  versionAt: Date;
}
