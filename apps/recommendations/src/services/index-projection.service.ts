import { Injectable } from '@nestjs/common';
import {
  ARTICLE_DELETED_V1,
  ARTICLE_FAVORITED_V1,
  ARTICLE_PUBLISHED_V1,
  ARTICLE_UNFAVORITED_V1,
  ARTICLE_UNPUBLISHED_V1,
  ARTICLE_UPDATED_V1,
  COMMENT_CREATED_V1,
  COMMENT_DELETED_V1,
  COMMENT_LIKED_V1,
  COMMENT_UNLIKED_V1,
  USER_FOLLOWED_V1,
  USER_REGISTERED_V1,
  USER_UNFOLLOWED_V1,
  USER_UPDATED_V1,
  type Envelope,
  type EventMap,
} from '@broadsheet/contracts';
import { BatchedWork } from '@broadsheet/messaging';
import { ArticleRepository } from '../repositories/article.repository';
import { AuthorRepository } from '../repositories/author.repository';
import { EngagementRepository, type EngagementChange } from '../repositories/engagement.repository';
import { FollowRepository } from '../repositories/follow.repository';
import { encodeIndexChange, INDEX_CHANNEL, IndexChangeNotifier } from '../repositories/index-change.notifier';

/** The events the recommendations index is built from. */
export const PROJECTED_EVENTS = [
  ARTICLE_PUBLISHED_V1,
  ARTICLE_UPDATED_V1,
  ARTICLE_UNPUBLISHED_V1,
  ARTICLE_DELETED_V1,
  ARTICLE_FAVORITED_V1,
  ARTICLE_UNFAVORITED_V1,
  COMMENT_CREATED_V1,
  COMMENT_DELETED_V1,
  COMMENT_LIKED_V1,
  COMMENT_UNLIKED_V1,
  USER_REGISTERED_V1,
  USER_UPDATED_V1,
  USER_FOLLOWED_V1,
  USER_UNFOLLOWED_V1,
] as const;

export type ProjectedEvent = (typeof PROJECTED_EVENTS)[number];
export type ProjectedEnvelope = { [T in ProjectedEvent]: Envelope<T, EventMap[T]> }[ProjectedEvent];

/**
 * Applies events to the recommendations replicas. Every write is versioned by the event's
 * commit time, so applying an event twice, or an older one after a newer one (a replay racing
 * the live consumer), leaves the same state. Index changes are announced in the same
 * transaction. The durable consumer and the rebuild command both call `apply`.
 */
@Injectable()
export class IndexProjection {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly authors: AuthorRepository,
    private readonly engagement: EngagementRepository,
    private readonly follows: FollowRepository,
    private readonly notifier: IndexChangeNotifier,
  ) {}

  /** Engagement acts that name their reader, recorded together at the end of an event batch. */
  private readonly engagements = new BatchedWork<EngagementChange & { userId: string }>((changes) =>
    this.engagement.recordMany(changes, INDEX_CHANNEL, ({ articleId, userId }) => ({
      // An act that is now active means the reader engages: replicas need not look it up.
      active: encodeIndexChange({ kind: 'engagement', articleId, userId, engaged: true }),
      inactive: encodeIndexChange({ kind: 'engagement', articleId, userId }),
    })),
  );

  async apply(event: ProjectedEnvelope): Promise<void> {
    const at = event.time;
    switch (event.type) {
      case ARTICLE_PUBLISHED_V1:
      case ARTICLE_UPDATED_V1:
        await this.articles.upsertPublished(event.data, at);
        return this.notifier.announce({ kind: 'article', articleId: event.data.articleId });
      case ARTICLE_UNPUBLISHED_V1:
        await this.articles.markRemoved(event.data.articleId, event.data.slug, 'unpublished', at);
        return this.notifier.announce({ kind: 'article', articleId: event.data.articleId });
      case ARTICLE_DELETED_V1:
        await this.articles.markRemoved(event.data.articleId, event.data.slug, 'deleted', at);
        return this.notifier.announce({ kind: 'article', articleId: event.data.articleId });
      case ARTICLE_FAVORITED_V1:
      case ARTICLE_UNFAVORITED_V1: {
        const d = event.data;
        const active = event.type === ARTICLE_FAVORITED_V1;
        const when = 'favoritedAt' in d ? d.favoritedAt : d.unfavoritedAt;
        return this.engage({ articleId: d.articleId, kind: 'favorite', ref: d.userId, userId: d.userId, active, at: when, versionAt: at });
      }
      case COMMENT_CREATED_V1: {
        const d = event.data;
        return this.engage({ articleId: d.articleId, kind: 'comment', ref: String(d.commentId), userId: d.authorId, active: true, at: d.createdAt, versionAt: at });
      }
      case COMMENT_DELETED_V1: {
        const d = event.data;
        return this.engage({ articleId: d.articleId, kind: 'comment', ref: String(d.commentId), userId: null, active: false, at: d.deletedAt, versionAt: at });
      }
      case COMMENT_LIKED_V1: {
        const d = event.data;
        return this.engage({ articleId: d.articleId, kind: 'like', ref: `${d.commentId}:${d.userId}`, userId: d.userId, active: true, at: d.likedAt, versionAt: at });
      }
      case COMMENT_UNLIKED_V1: {
        const d = event.data;
        return this.engage({ articleId: d.articleId, kind: 'like', ref: `${d.commentId}:${d.userId}`, userId: d.userId, active: false, at: d.unlikedAt, versionAt: at });
      }
      case USER_REGISTERED_V1:
      case USER_UPDATED_V1:
        return this.authors.upsert(event.data, at);
      case USER_FOLLOWED_V1:
        return this.follows.set(event.data.followerId, event.data.followeeId, true, at);
      case USER_UNFOLLOWED_V1:
        return this.follows.set(event.data.followerId, event.data.followeeId, false, at);
    }
  }

  private async engage(change: EngagementChange): Promise<void> {
    if (change.userId) {
      // The reader is known up front: recorded and announced with the rest of the event batch,
      // in one statement (versioned upserts, so their order within the batch does not matter).
      return this.engagements.add({ ...change, userId: change.userId });
    }
    // A withdrawal keeps the reader stored by the act: the acts batched so far go first.
    await this.engagements.drain();
    const userId = await this.engagement.record(change);
    if (userId) await this.notifier.announce({ kind: 'engagement', articleId: change.articleId, userId });
  }
}
