export const COMMENT_CREATED_V1 = 'comments.comment.created.v1' as const;
export const COMMENT_EDITED_V1 = 'comments.comment.edited.v1' as const;
export const COMMENT_DELETED_V1 = 'comments.comment.deleted.v1' as const;
export const COMMENT_MODERATED_V1 = 'comments.comment.moderated.v1' as const;
export const COMMENT_LIKED_V1 = 'comments.comment.liked.v1' as const;
export const COMMENT_UNLIKED_V1 = 'comments.comment.unliked.v1' as const;
export const COMMENT_REPORTED_V1 = 'comments.comment.reported.v1' as const;
export const MEMBER_SANCTIONED_V1 = 'comments.member.sanctioned.v1' as const;
export const ARTICLE_MODERATION_CHANGED_V1 = 'comments.article.moderation-changed.v1' as const;

export type CommentVisibility = 'visible' | 'pending' | 'hidden' | 'rejected';
export type ModerationDecision = 'approved' | 'rejected' | 'featured' | 'hidden';
export type ReportReason = 'offensive' | 'abusive' | 'spam' | 'misinformation' | 'other';

export interface CommentCreatedV1 {
  commentId: number;
  articleId: string;
  articleSlug: string;
  authorId: string;
  parentId: number | null;
  body: string;
  visibility: CommentVisibility;
  createdAt: string;
}

export interface CommentEditedV1 {
  commentId: number;
  articleId: string;
  body: string;
  editedAt: string;
}

export interface CommentDeletedV1 {
  commentId: number;
  articleId: string;
  deletedBy: string;
  deletedAt: string;
}

export interface CommentModeratedV1 {
  commentId: number;
  articleId: string;
  decision: ModerationDecision;
  reasonCode: string | null;
  moderatorId: string | null;
  decidedAt: string;
}

export interface CommentLikedV1 {
  commentId: number;
  articleId: string;
  userId: string;
  likesCount: number;
  likedAt: string;
}

/** A reader took back their like; `likesCount` is the count after it. */
export interface CommentUnlikedV1 {
  commentId: number;
  articleId: string;
  userId: string;
  likesCount: number;
  unlikedAt: string;
}

export interface CommentReportedV1 {
  commentId: number;
  articleId: string;
  reporterId: string;
  reason: ReportReason;
  reportsCount: number;
  reportedAt: string;
}

/** A moderator banned, suspended or reinstated a commenter (standing set by the users service arrives as users.user.suspended.v1). */
export interface MemberSanctionedV1 {
  userId: string;
  status: 'active' | 'suspended' | 'banned';
  /** End of a timed suspension; null otherwise. */
  until: string | null;
  reason: string | null;
  moderatorId: string;
  decidedAt: string;
}

/** A moderator set an article's moderation mode; null means "follow the site-wide mode". */
export interface ArticleModerationChangedV1 {
  articleId: string;
  slug: string;
  moderationMode: 'pre' | 'post' | null;
  moderatorId: string;
  decidedAt: string;
}
