import type { CommentVisibility, ReportReason } from '../events/comments.events';
import type { Actor } from './common.rpc';

export type CommentSort = 'newest' | 'oldest' | 'top';
export type ModerationMode = 'pre' | 'post';
export type ModerationQueue = 'pending' | 'reported';
export type ModerationAction = 'approve' | 'reject' | 'feature';
export type SanctionStatus = 'active' | 'suspended' | 'banned';

/**
 * A comment as the comments service returns it: the author is an id the gateway turns into a
 * RealWorld profile (one `users.get-profiles` call per response). `authorId` is null for the
 * placeholder a deleted comment with replies leaves behind.
 */
export interface CommentView {
  id: number;
  createdAt: string;
  updatedAt: string;
  body: string;
  authorId: string | null;
  parentId: number | null;
  /** 0 for a top-level comment, at most 3 for a reply. */
  depth: number;
  status: CommentVisibility;
  deleted: boolean;
  editedAt: string | null;
  featured: boolean;
  likesCount: number;
  liked: boolean;
  repliesCount: number;
}

/** A comment waiting in a moderation queue, with what a moderator needs to decide. */
export interface ModerationItemView extends CommentView {
  articleSlug: string;
  reportsCount: number;
  reportReasons: Partial<Record<ReportReason, number>>;
}

export interface ReportView {
  commentId: number;
  reason: ReportReason;
  details: string | null;
  createdAt: string;
}

export interface SanctionView {
  username: string;
  status: SanctionStatus;
  until: string | null;
  reason: string | null;
}

export interface ArticleModerationView {
  slug: string;
  /** The mode in force for the article: its own, or the global one when `inherited`. */
  moderationMode: ModerationMode;
  inherited: boolean;
  closed: boolean;
}

type Untrusted = Record<string, unknown>;

/** Request/reply patterns answered by the comments service. */
export interface CommentsRpc {
  /**
   * Without `sort`, `limit` or `cursor`: every listable comment, newest first (RealWorld).
   * With any of them: a page of threads (top-level comments in `sort` order, each followed by
   * its replies) and `nextCursor`.
   */
  'comments.list': {
    request: { actor: Actor | null; slug: string; sort?: unknown; limit?: unknown; cursor?: unknown };
    response: { comments: CommentView[]; commentsCount: number; nextCursor: string | null; closed: boolean };
  };
  'comments.create': { request: { actor: Actor; slug: string; comment: Untrusted }; response: { comment: CommentView } };
  'comments.edit': { request: { actor: Actor; slug: string; id: unknown; comment: Untrusted }; response: { comment: CommentView } };
  'comments.delete': { request: { actor: Actor; slug: string; id: unknown }; response: null };
  'comments.like': { request: { actor: Actor; slug: string; id: unknown }; response: { comment: CommentView } };
  'comments.unlike': { request: { actor: Actor; slug: string; id: unknown }; response: { comment: CommentView } };
  'comments.report': { request: { actor: Actor; slug: string; id: unknown; report: Untrusted }; response: { report: ReportView } };
  /** Visible comments per article (unknown ids count 0), for article lists. */
  'comments.count': { request: { articleIds: string[] }; response: { counts: Record<string, number> } };
  'comments.moderation-queue': {
    request: { actor: Actor; queue: unknown; limit?: unknown; cursor?: unknown };
    response: { comments: ModerationItemView[]; nextCursor: string | null };
  };
  'comments.moderate': {
    request: { actor: Actor; id: unknown; action: ModerationAction; decision: Untrusted };
    response: { comment: CommentView };
  };
  'comments.set-article-moderation': {
    request: { actor: Actor; slug: string; settings: Untrusted };
    response: { article: ArticleModerationView };
  };
  'comments.sanction': { request: { actor: Actor; username: string; sanction: Untrusted }; response: { sanction: SanctionView } };
}
