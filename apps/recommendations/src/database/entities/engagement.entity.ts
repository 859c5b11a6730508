import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type EngagementKind = 'favorite' | 'comment' | 'like';

/**
 * One act of engagement with an article: a favorite (ref = the reader), a comment (ref = the
 * comment id) or a comment like (ref = `<comment id>:<reader>`). Withdrawn acts stay with
 * `active = false`, so a late, older event cannot revive them.
 */
@Entity({ name: 'engagement' })
@Index('engagement_user_idx', ['userId', 'at'])
export class EngagementEntity {
  @PrimaryColumn('text')
  articleId: string;

  @PrimaryColumn('text')
  kind: EngagementKind;

  @PrimaryColumn('text')
  ref: string;

  /** Empty on the tombstone of a comment deleted before its creation was seen. */
  @Column('text')
  userId: string;

  @Column('boolean')
  active: boolean;

  /** When the reader engaged. */
  @Column('timestamptz')
  at: Date;

  @Column('timestamptz')
  versionAt: Date;
}
