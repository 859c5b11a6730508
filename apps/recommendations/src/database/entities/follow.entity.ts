import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who follows whom, from users events; `active = false` once unfollowed. */
@Entity({ name: 'follow' })
export class FollowEntity {
  @PrimaryColumn('text')
  followerId: string;

  @PrimaryColumn('text')
  followeeId: string;

  @Column('boolean')
  active: boolean;

  @Column('timestamptz')
  versionAt: Date;
}
