import type { CommentVisibility, ModerationMode } from '@broadsheet/contracts';
import type { ReplicaStatus } from '../database/entities/article-replica.entity';
import type { Screening } from './word.rules';

const DAY_MS = 86_400_000;

/** Article states in which its comments are not shown at all (it is not public). */
export const UNLISTED_STATUSES: readonly ReplicaStatus[] = ['deleted', 'draft', 'scheduled'];

/**
 * Why the conversation under an article is closed, or null while it is open: only a published
 * article takes comments, and only for `closeAfterDays` after publication when that is set.
 */
export function closedReason(article: { status: ReplicaStatus; publishedAt: Date | null }, now: Date, closeAfterDays: number): string | null {
  switch (article.status) {
    case 'published':
      break;
    case 'archived':
      return 'comments are closed: the article is archived';
    case 'deleted':
      return 'comments are closed: the article was deleted';
    default:
      return 'comments are closed: the article is not published';
  }
  if (closeAfterDays > 0 && article.publishedAt && now.getTime() - article.publishedAt.getTime() > closeAfterDays * DAY_MS) {
    return `comments are closed: they close ${closeAfterDays} days after publication`;
  }
  return null;
}

/** Where a new or edited comment starts: queued when a rule or pre-moderation asks for a moderator. */
export function initialVisibility(screening: Screening, mode: ModerationMode): CommentVisibility {
  return screening.outcome === 'review' || mode === 'pre' ? 'pending' : 'visible';
}

/** Whole seconds until `since + windowMs` has passed; at least 1 (a Retry-After of 0 invites a loop). */
export function secondsUntil(since: Date, windowMs: number, now: Date): number {
  return Math.max(1, Math.ceil((since.getTime() + windowMs - now.getTime()) / 1000));
}
