import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CommentVisibility, ReportReason } from '@broadsheet/contracts';

/** A comment or reply. `path` is the ids from the thread's root down to this comment. */
@Entity({ name: 'comments' })
export class CommentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('text')
  articleId: string;

  @Column('uuid')
  authorId: string;

  @Column('integer', { nullable: true })
  parentId: number | null;

  @Column('integer')
  rootId: number;

  @Column('integer', { array: true })
  path: number[];

  @Column('smallint')
  depth: number;

  /** Stored exactly as the author sent it; never rendered as markup by this API. */
  @Column('text')
  body: string;

  @Column('text')
  visibility: CommentVisibility;

  @Column('boolean')
  featured: boolean;

  @Column('integer')
  likesCount: number;

  /** Live (not deleted) direct replies: a deleted comment with some stays as a placeholder. */
  @Column('integer')
  repliesCount: number;

  /** Reports not yet resolved by a moderator. */
  @Column('integer')
  openReports: number;

  @Column('text', { nullable: true })
  rejectReason: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('timestamptz', { nullable: true })
  editedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  deletedAt: Date | null;

  @Column('uuid', { nullable: true })
  deletedBy: string | null;
}

/** A body a comment had before an edit replaced it. */
@Entity({ name: 'comment_revisions' })
export class CommentRevisionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('integer')
  commentId: number;

  @Column('text')
  body: string;

  @Column('timestamptz')
  replacedAt: Date;
}

/** One reader's like of one comment. */
@Entity({ name: 'comment_likes' })
export class CommentLikeEntity {
  @PrimaryColumn('integer')
  commentId: number;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('timestamptz')
  createdAt: Date;
}

/** One reader's report of one comment; resolved when a moderator decides. */
@Entity({ name: 'comment_reports' })
export class CommentReportEntity {
  @PrimaryColumn('integer')
  commentId: number;

  @PrimaryColumn('uuid')
  reporterId: string;

  @Column('text')
  reason: ReportReason;

  @Column('text', { nullable: true })
  details: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;
}
