import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Replica of every account's username (authors and favoriting readers), fed by users events
 * and by the actor of a write, so the `author` and `favorited` filters never call users.
 */
@Entity({ name: 'authors' })
export class AuthorEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('text')
  username: string;

  /** Time of the fact the username came from; older facts never overwrite newer ones. */
  @Column('timestamptz')
  syncedAt: Date;
}
