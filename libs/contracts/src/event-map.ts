import * as A from './events/articles.events';
import * as C from './events/comments.events';
import * as U from './events/users.events';

/** One typed map from every event name to its payload: the whole event catalogue. */
export interface EventMap {
  [U.USER_REGISTERED_V1]: U.UserRegisteredV1;
  [U.USER_UPDATED_V1]: U.UserUpdatedV1;
  [U.USER_FOLLOWED_V1]: U.UserFollowedV1;
  [U.USER_UNFOLLOWED_V1]: U.UserUnfollowedV1;
  [U.USER_ROLE_CHANGED_V1]: U.UserRoleChangedV1;
  [U.USER_SUSPENDED_V1]: U.UserSuspendedV1;
  [U.USER_SESSIONS_REVOKED_V1]: U.UserSessionsRevokedV1;
  [A.ARTICLE_PUBLISHED_V1]: A.ArticlePublishedV1;
  [A.ARTICLE_UPDATED_V1]: A.ArticleUpdatedV1;
  [A.ARTICLE_UNPUBLISHED_V1]: A.ArticleUnpublishedV1;
  [A.ARTICLE_DELETED_V1]: A.ArticleDeletedV1;
  [A.ARTICLE_FAVORITED_V1]: A.ArticleFavoritedV1;
  [A.ARTICLE_UNFAVORITED_V1]: A.ArticleUnfavoritedV1;
  [C.COMMENT_CREATED_V1]: C.CommentCreatedV1;
  [C.COMMENT_EDITED_V1]: C.CommentEditedV1;
  [C.COMMENT_DELETED_V1]: C.CommentDeletedV1;
  [C.COMMENT_MODERATED_V1]: C.CommentModeratedV1;
  [C.COMMENT_LIKED_V1]: C.CommentLikedV1;
  [C.COMMENT_UNLIKED_V1]: C.CommentUnlikedV1;
  [C.COMMENT_REPORTED_V1]: C.CommentReportedV1;
  [C.MEMBER_SANCTIONED_V1]: C.MemberSanctionedV1;
  [C.ARTICLE_MODERATION_CHANGED_V1]: C.ArticleModerationChangedV1;
}

export type EventType = keyof EventMap;

/** The service that owns (and alone publishes) each event, with a one-line meaning. */
export const EVENT_CATALOGUE: Record<EventType, { producer: ServiceName; summary: string }> = {
  [U.USER_REGISTERED_V1]: { producer: 'users', summary: 'A new account was created.' },
  [U.USER_UPDATED_V1]: { producer: 'users', summary: "An account's public profile changed." },
  [U.USER_FOLLOWED_V1]: { producer: 'users', summary: 'A user started following another.' },
  [U.USER_UNFOLLOWED_V1]: { producer: 'users', summary: 'A user stopped following another.' },
  [U.USER_ROLE_CHANGED_V1]: { producer: 'users', summary: "An account's roles changed." },
  [U.USER_SUSPENDED_V1]: { producer: 'users', summary: "An account's standing changed (suspended, banned or active again)." },
  [U.USER_SESSIONS_REVOKED_V1]: { producer: 'users', summary: "An account's earlier tokens were revoked (logout, new password, role removed)." },
  [A.ARTICLE_PUBLISHED_V1]: { producer: 'articles', summary: 'An article became public.' },
  [A.ARTICLE_UPDATED_V1]: { producer: 'articles', summary: 'A public article was edited.' },
  [A.ARTICLE_UNPUBLISHED_V1]: { producer: 'articles', summary: 'A public article was archived or withdrawn.' },
  [A.ARTICLE_DELETED_V1]: { producer: 'articles', summary: 'An article was deleted.' },
  [A.ARTICLE_FAVORITED_V1]: { producer: 'articles', summary: 'A reader favorited an article.' },
  [A.ARTICLE_UNFAVORITED_V1]: { producer: 'articles', summary: 'A reader removed a favorite.' },
  [C.COMMENT_CREATED_V1]: { producer: 'comments', summary: 'A comment was posted (maybe pending moderation).' },
  [C.COMMENT_EDITED_V1]: { producer: 'comments', summary: 'A comment was edited by its author.' },
  [C.COMMENT_DELETED_V1]: { producer: 'comments', summary: 'A comment was deleted.' },
  [C.COMMENT_MODERATED_V1]: { producer: 'comments', summary: 'A moderation decision was taken on a comment.' },
  [C.COMMENT_LIKED_V1]: { producer: 'comments', summary: 'A reader liked a comment.' },
  [C.COMMENT_UNLIKED_V1]: { producer: 'comments', summary: 'A reader took back their like of a comment.' },
  [C.COMMENT_REPORTED_V1]: { producer: 'comments', summary: 'A reader reported a comment.' },
  [C.MEMBER_SANCTIONED_V1]: { producer: 'comments', summary: 'A moderator banned, suspended or reinstated a commenter.' },
  [C.ARTICLE_MODERATION_CHANGED_V1]: { producer: 'comments', summary: "A moderator set an article's moderation mode (pre, post, or site-wide)." },
};

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

export type ServiceName = 'users' | 'articles' | 'comments' | 'recommendations' | 'gateway';
export const DOMAIN_SERVICES = ['users', 'articles', 'comments', 'recommendations'] as const;
export type DomainService = (typeof DOMAIN_SERVICES)[number];
