import {
  ARTICLE_DELETED_V1,
  ARTICLE_FAVORITED_V1,
  ARTICLE_PUBLISHED_V1,
  ARTICLE_UNFAVORITED_V1,
  ARTICLE_UNPUBLISHED_V1,
  ARTICLE_UPDATED_V1,
  COMMENT_CREATED_V1,
  type EventMap,
  type EventType,
} from '@broadsheet/contracts';

/** Every cached response carries this tag; invalidating it empties the cache. */
export const ALL = 'all';
/** Lists whose membership or order any article change may alter: articles, tags, trending. */
export const LISTS = 'lists';
/** Every comment thread (for comment events whose article slug the gateway does not know). */
export const COMMENTS = 'comments';
/** Engagement-ranked lists. */
export const TRENDING = 'trending';
export const slugTag = (slug: string) => `slug:${slug}`;
export const commentsTag = (slug: string) => `comments:${slug}`;
export const profileTag = (username: string) => `profile:${username.toLowerCase()}`;

/** How long a view derived by the recommendations service may be served from cache. */
export const DERIVED_TTL_MS = 2000;

export interface CachePolicy {
  tags: string[];
  /** Entries also expire after this; set for views another consumer derives from events. */
  ttlMs?: number;
}

/**
 * What a cached response at `path` (under `/api`, no query) depends on. One place, so a new
 * route's cache behaviour is decided here and nowhere else. `null`: never cached.
 *
 * Related and trending lists are derived by the recommendations service from the same events
 * the gateway hears, so an invalidation can arrive before that service has applied the event:
 * those views get a short TTL on top of their tags.
 */
export function cachePolicyFor(path: string): CachePolicy | null {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'api') return null;
  const [, resource, id, sub] = parts;
  if (resource === 'tags' && parts.length === 2) return { tags: [ALL, LISTS] };
  if (resource === 'profiles' && id && parts.length === 3) return { tags: [ALL, profileTag(id)] };
  if (resource !== 'articles') return null;
  if (parts.length === 2) return { tags: [ALL, LISTS] };
  if (!id || id === 'feed') return null;
  if (parts.length === 3 && id === 'trending') return { tags: [ALL, LISTS, TRENDING], ttlMs: DERIVED_TTL_MS };
  if (parts.length === 3) return { tags: [ALL, slugTag(id)] };
  if (parts.length !== 4) return null;
  if (sub === 'comments') return { tags: [ALL, COMMENTS, commentsTag(id)] };
  if (sub === 'jsonld') return { tags: [ALL, slugTag(id)] };
  if (sub === 'related') return { tags: [ALL, LISTS, slugTag(id)], ttlMs: DERIVED_TTL_MS };
  // The page holds the article, its comments and its related rail.
  if (sub === 'page') return { tags: [ALL, LISTS, slugTag(id), COMMENTS, commentsTag(id)], ttlMs: DERIVED_TTL_MS };
  return null;
}

/**
 * The tags an event makes stale. Article content changes reach every list, related rail and
 * page, so they empty the cache; favorites touch one article and the lists; comment events
 * touch threads (by slug where the event names it, else every thread) and trending.
 */
export function tagsForEvent<T extends EventType>(type: T, data: EventMap[T], slugOfArticle: (id: string) => string | undefined): string[] {
  switch (type) {
    case ARTICLE_PUBLISHED_V1:
    case ARTICLE_UPDATED_V1:
    case ARTICLE_UNPUBLISHED_V1:
    case ARTICLE_DELETED_V1:
      return [ALL];
    case ARTICLE_FAVORITED_V1:
    case ARTICLE_UNFAVORITED_V1: {
      const { slug } = data as EventMap[typeof ARTICLE_FAVORITED_V1];
      return [LISTS, slugTag(slug)];
    }
    default:
      break;
  }
  if (type.startsWith('comments.')) {
    const { articleId } = data as { articleId: string };
    const slug = type === COMMENT_CREATED_V1 ? (data as EventMap[typeof COMMENT_CREATED_V1]).articleSlug : slugOfArticle(articleId);
    return slug ? [TRENDING, commentsTag(slug)] : [TRENDING, COMMENTS];
  }
  if (type === 'users.user.updated.v1') return [ALL];
  return [];
}
