import type { Actor } from './common.rpc';

/** The author on a recommendation card, from the recommendations service's own replica of profiles. */
export interface CardAuthorView {
  /** Null only until the author's `users.user.registered.v1` has been seen. */
  username: string | null;
  bio: string | null;
  image: string | null;
}

/** One recommended article, enough to draw a card in a rail. */
export interface ArticleCardView {
  slug: string;
  title: string;
  /** The article's one-line summary. */
  description: string;
  section: string | null;
  tags: string[];
  publishedAt: string;
  author: CardAuthorView;
  /** Why it was picked, for the reader: "shares the tag diplomacy", "similar topic", "trending". */
  reason: string;
}

/** A page of cards; `articlesCount` is the size of the whole list the page was cut from. */
export interface ArticleCardPage {
  articles: ArticleCardView[];
  articlesCount: number;
}

/** Request/reply patterns answered by the recommendations service. */
export interface RecommendationsRpc {
  /** Articles related to one published article; `limit` is validated by the service (1..20). */
  'recommendations.related': {
    request: { actor: Actor | null; slug: string; limit?: unknown };
    response: { related: ArticleCardView[] };
  };
  /** Published articles ranked by recent engagement decaying with time. */
  'recommendations.trending': {
    request: { actor: Actor | null; limit?: unknown; offset?: unknown };
    response: ArticleCardPage;
  };
  /** "For you": from the reader's favorites, comments, likes and follows; trending without history. */
  'recommendations.for-you': {
    request: { actor: Actor; limit?: unknown };
    response: ArticleCardPage;
  };
}
