import type { ArticleStatus, DigitalSourceType } from '../events/articles.events';
import type { Actor } from './common.rpc';

/** Who made an article and how: IPTC digital source type, generating software, human review. */
export interface ProvenanceView {
  digitalSourceType: DigitalSourceType;
  /** The software that generated the text (e.g. "broadsheet-writer 2.3"); null for human work. */
  generator: string | null;
  reviewed: boolean;
  /** Username of the person who reviewed it. */
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/** A report an article was built from. */
export interface SourceView {
  publisher: string;
  title: string;
  url: string;
  retrievedAt: string;
}

/** A dated note appended to an article after publication. */
export interface CorrectionView {
  text: string;
  createdAt: string;
}

/** One heading of the markdown body, in order. */
export interface OutlineEntryView {
  level: number;
  text: string;
  /** Anchor id derived from the heading text, unique within the article. */
  id: string;
}

/**
 * An article as the articles service returns it: the RealWorld fields (minus `author`, which
 * the gateway fills from `users.get-profiles`) plus the news fields.
 */
export interface ArticleData {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  authorId: string;
  /** From the articles service's replica: the fallback when profiles cannot be fetched. */
  authorUsername: string;
  section: string | null;
  dateline: string | null;
  status: ArticleStatus;
  publishedAt: string | null;
  scheduledAt: string | null;
  provenance: ProvenanceView;
  disclosure: string | null;
  sources: SourceView[];
  corrections: CorrectionView[];
  outline: OutlineEntryView[];
  readingTimeMinutes: number;
}

/** A list item: everything but the long parts (body, sources, corrections, outline). */
export type ArticleSummaryData = Omit<ArticleData, 'body' | 'sources' | 'corrections' | 'outline'>;

/** A page of a list; `articlesCount` is the number of all matches, not of this page. */
export interface ArticlePageData {
  articles: ArticleSummaryData[];
  articlesCount: number;
}

/** A previous version of an article, kept when an update replaced it. */
export interface ArticleRevisionView {
  revision: number;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  section: string | null;
  dateline: string | null;
  status: ArticleStatus;
  provenance: ProvenanceView;
  disclosure: string | null;
  sources: SourceView[];
  /** When this version had been saved (its `updatedAt`). */
  savedAt: string;
  replacedAt: string;
  replacedBy: string;
}

/** List filters as they arrive from the query string; the service validates them. */
export interface ArticleListQuery {
  tag?: unknown;
  author?: unknown;
  favorited?: unknown;
  section?: unknown;
  limit?: unknown;
  offset?: unknown;
}

/** Request/reply patterns answered by the articles service. */
export interface ArticlesRpc {
  /** Published articles, newest first, filtered by tag, author, favoriting user and section. */
  'articles.list': { request: { actor: Actor | null; query: ArticleListQuery }; response: ArticlePageData };
  /** Published articles by the authors the actor follows, newest first. */
  'articles.feed': {
    request: { actor: Actor; query: Pick<ArticleListQuery, 'limit' | 'offset'> };
    response: ArticlePageData;
  };
  /** One article by its current or any earlier slug; hidden states answer ARTICLE.NOT_FOUND. */
  'articles.get': { request: { actor: Actor | null; slug: string }; response: { article: ArticleData } };
  'articles.create': { request: { actor: Actor; article: Record<string, unknown> }; response: { article: ArticleData } };
  'articles.update': {
    request: { actor: Actor; slug: string; article: Record<string, unknown> };
    response: { article: ArticleData };
  };
  'articles.delete': { request: { actor: Actor; slug: string }; response: { deleted: true } };
  'articles.favorite': { request: { actor: Actor; slug: string }; response: { article: ArticleData } };
  'articles.unfavorite': { request: { actor: Actor; slug: string }; response: { article: ArticleData } };
  /** Tags of published articles, most used first. */
  'articles.tags': { request: Record<string, never>; response: { tags: string[] } };
  /** Earlier versions, newest first; for the author, editors and admins. */
  'articles.revisions': {
    request: { actor: Actor; slug: string };
    response: { revisions: ArticleRevisionView[] };
  };
  /** schema.org NewsArticle JSON-LD for the article. */
  'articles.jsonld': { request: { actor: Actor | null; slug: string }; response: { jsonld: Record<string, unknown> } };
}
