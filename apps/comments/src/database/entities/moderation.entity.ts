import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** User id to username, learned from users events, so moderators can name whom they sanction. */
@Entity({ name: 'members' })
export class MemberEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('text')
  username: string;
}

/** A ban or suspension that stops a user from posting; no row means in good standing. */
@Entity({ name: 'sanctions' })
export class SanctionEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('text')
  status: 'suspended' | 'banned';

  /** End of a timed suspension; null means until lifted. */
  @Column('timestamptz', { nullable: true })
  until: Date | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text')
  source: 'users' | 'moderator';

  @Column('text', { nullable: true })
  changedBy: string | null;

  @Column('timestamptz')
  changedAt: Date;
}

/** When each user last posted: the row lock makes the interval hold under concurrent posts. */
@Entity({ name: 'post_throttle' })
export class PostThrottleEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('timestamptz')
  lastPostedAt: Date;
}

/** One moderation decision, by a moderator or by a rule (`actorId` null). */
@Entity({ name: 'moderation_audit' })
export class ModerationAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('text')
  action: string;

  @Column('integer', { nullable: true })
  commentId: number | null;

  @Column('text', { nullable: true })
  articleId: string | null;

  @Column('uuid', { nullable: true })
  subjectUserId: string | null;

  @Column('text', { nullable: true })
  actorId: string | null;

  @Column('text', { nullable: true })
  reasonCode: string | null;

  @Column('text', { nullable: true })
  details: string | null;

  @Column('timestamptz')
  createdAt: Date;
}
