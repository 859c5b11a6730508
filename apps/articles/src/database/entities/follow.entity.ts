import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Replica of follows, fed by users events, for the feed. */
@Entity({ name: 'follows' })
export class FollowEntity {
  @PrimaryColumn('uuid')
  followerId: string;

  @PrimaryColumn('uuid')
  followeeId: string;

  @Column('timestamptz')
  followedAt: Date;
}
