import type { EngagementGraph } from './engagement.graph';
import type { IndexedArticle, RelatedIndex } from './related.index';

/** How much each signal counts in a related article's score. */
export interface RelatedWeights {
  text: number;
  tags: number;
  section: number;
  recency: number;
  engagement: number;
}

export const DEFAULT_RELATED_WEIGHTS: RelatedWeights = { text: 0.6, tags: 0.25, section: 0.1, recency: 0.05, engagement: 0.35 };
/** Co-engagement is blended in only once this many readers engaged with the source article. */
export const MIN_READERS_FOR_ENGAGEMENT = 3;
/** Half-life of the recency bonus. */
export const RECENCY_HALF_LIFE_DAYS = 30;
/** Two candidates sharing at least this share of their distinct terms are near-copies: only the better one is kept. */
export const NEAR_COPY_OVERLAP = 0.7;
/** Candidates kept for the diversity pass, per requested item. */
const SHORTLIST_FACTOR = 4;
const SHORTLIST_EXTRA = 8;
/** Text similarity below this is not called "similar topic". */
const TOPICAL_COSINE = 0.05;

const DAY_MS = 86_400_000;

/** One ranked neighbour and why it was picked. */
export interface RelatedPick {
  article: IndexedArticle;
  score: number;
  reason: string;
}

export interface RelatedQuery {
  limit: number;
  now?: number;
  weights?: RelatedWeights;
  /** Leaves candidates out (the reader's own articles, ones already read). */
  exclude?: (article: IndexedArticle) => boolean;
}

interface Scored {
  article: IndexedArticle;
  score: number;
  text: number;
  tags: number;
  co: number;
  sharedTags: string[];
}

/** Higher score first, then newer, then by id: the same index always gives the same order. */
export function compareRanked(a: { score: number; article: IndexedArticle }, b: { score: number; article: IndexedArticle }): number {
  return b.score - a.score || b.article.publishedAt - a.article.publishedAt || (a.article.articleId < b.article.articleId ? -1 : a.article.articleId > b.article.articleId ? 1 : 0);
}

function sharedTagsOf(source: IndexedArticle, candidate: IndexedArticle): string[] {
  const shared: string[] = [];
  for (let i = 0; i < candidate.tagKeys.length; i++) if (source.tagKeys.includes(candidate.tagKeys[i])) shared.push(candidate.tagLabels[i]);
  return shared;
}

/** Keeps the best `size` items seen, in `compareRanked` order, without sorting everything. */
class Shortlist {
  readonly items: Scored[] = [];
  constructor(private readonly size: number) {}

  offer(item: Scored): void {
    const items = this.items;
    if (items.length === this.size && compareRanked(item, items[items.length - 1]) >= 0) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareRanked(item, items[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    items.splice(lo, 0, item);
    if (items.length > this.size) items.pop();
  }
}

/**
 * Ranks the articles related to `source`: text cosine, shared tags (rarer tags count more),
 * same section, recency, and co-engagement once enough readers engaged. Never the article
 * itself, no two items that are near-copies of each other, each with a reason.
 */
export function rankRelated(index: RelatedIndex, engagement: EngagementGraph | null, source: IndexedArticle, query: RelatedQuery): RelatedPick[] {
  const weights = query.weights ?? DEFAULT_RELATED_WEIGHTS;
  const now = query.now ?? Date.now();
  const sourceTagIdf = source.tagKeys.reduce((sum, tag) => sum + index.tagIdf(tag), 0);
  const co = engagement && engagement.readerCount(source.articleId) >= MIN_READERS_FOR_ENGAGEMENT ? engagement.coEngaged(source.articleId) : new Map<string, number>();
  const shortlist = new Shortlist(query.limit * SHORTLIST_FACTOR + SHORTLIST_EXTRA);

  const consider = (article: IndexedArticle, text: number) => {
    if (article.articleId === source.articleId || query.exclude?.(article)) return;
    const sharedTags = sharedTagsOf(source, article);
    let tagIdf = 0;
    for (const tag of article.tagKeys) if (source.tagKeys.includes(tag)) tagIdf += index.tagIdf(tag);
    const tags = sourceTagIdf > 0 ? tagIdf / sourceTagIdf : 0;
    const coScore = co.get(article.articleId) ?? 0;
    const sameSection = source.sectionKey !== null && source.sectionKey === article.sectionKey ? 1 : 0;
    const recency = 0.5 ** (Math.max(0, now - article.publishedAt) / DAY_MS / RECENCY_HALF_LIFE_DAYS);
    const score =
      weights.text * text + weights.tags * tags + weights.section * sameSection + weights.recency * recency + weights.engagement * coScore;
    shortlist.offer({ article, score, text, tags, co: coScore, sharedTags });
  };

  index.forEachCandidate(source, (article, text) => {
    co.delete(article.articleId);
    consider(article, text);
  });
  // Co-engaged articles that share neither a term nor a tag with the source.
  for (const articleId of co.keys()) {
    const article = index.get(articleId);
    if (article) consider(article, index.cosine(source, article));
  }

  const picked: Scored[] = [];
  for (const candidate of shortlist.items) {
    if (picked.length >= query.limit) break;
    const nearCopy = picked.some(
      (p) => p.article.titleKey === candidate.article.titleKey || index.termOverlap(p.article, candidate.article) >= NEAR_COPY_OVERLAP,
    );
    if (!nearCopy) picked.push(candidate);
  }
  return picked.map((p) => ({ article: p.article, score: p.score, reason: reasonFor(p, weights, source) }));
}

/** The strongest signal behind a pick, in words for the reader. */
function reasonFor(pick: Scored, weights: RelatedWeights, source: IndexedArticle): string {
  const text = weights.text * pick.text;
  const tags = weights.tags * pick.tags;
  const co = weights.engagement * pick.co;
  if (co > 0 && co >= text && co >= tags) return 'readers of this also read it';
  if (pick.sharedTags.length > 0 && tags >= text) {
    return pick.sharedTags.length === 1 ? `shares the tag ${pick.sharedTags[0]}` : `shares the tags ${pick.sharedTags[0]} and ${pick.sharedTags[1]}`;
  }
  if (pick.text >= TOPICAL_COSINE) return 'similar topic';
  if (source.section !== null && source.sectionKey === pick.article.sectionKey) return `also in ${source.section}`;
  return 'recently published';
}
