import { Injectable } from '@nestjs/common';
import type { Actor, ArticleCardPage, ArticleCardView } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging';
import { toArticleCard } from '../dtos/article-card.mapper';
import { ArticleRepository } from '../repositories/article.repository';
import { AuthorLookups } from '../repositories/author.lookups';
import { EngagementRepository } from '../repositories/engagement.repository';
import { FollowRepository } from '../repositories/follow.repository';
import { EngagementGraph } from './engagement.graph';
import type { IndexedArticle } from './related.index';
import { RelatedIndex } from './related.index';
import { compareRanked, rankRelated } from './related.ranker';
import { TrendingRanking } from './trending.ranking';

/** Articles of the reader's history that seed "for you", newest first. */
export const FOR_YOU_SEEDS = 10;
/** Each older seed counts less: weight 1 / (1 + rank × this). */
const SEED_DECAY = 0.25;
/** Score of a followed author's newest article, before its recency. */
export const FOLLOWED_AUTHOR_WEIGHT = 0.5;
const DAY_MS = 86_400_000;
/** Half-life, in days, of a followed author's article in "for you". */
const FOLLOWED_HALF_LIFE_DAYS = 7;

const REASON_TRENDING = 'trending';
const REASON_LATEST = 'just published';

interface Pick {
  article: IndexedArticle;
  score: number;
  reason: string;
}

/** Related articles, trending and "for you", answered from this replica's index. */
@Injectable()
export class RecommendationService {
  constructor(
    private readonly index: RelatedIndex,
    private readonly graph: EngagementGraph,
    private readonly articles: ArticleRepository,
    private readonly authors: AuthorLookups,
    private readonly engagement: EngagementRepository,
    private readonly follows: FollowRepository,
    private readonly trendingRanking: TrendingRanking,
  ) {}

  /** Articles related to the published article at `slug`. */
  async related(slug: string, limit: number): Promise<ArticleCardView[]> {
    const source = this.index.getBySlug(slug);
    if (!source) throw new DomainError('RECOMMENDATION.ARTICLE_NOT_FOUND', 'article not found', { article: ['not found'] });
    return this.cards(rankRelated(this.index, this.graph, source, { limit }));
  }

  /** Published articles by recent engagement, decaying with time (ranked at most once per `TRENDING_REFRESH_MS`). */
  async trending(limit: number, offset: number): Promise<ArticleCardPage> {
    const ranking = await this.trendingRanking.get();
    const page = this.known(ranking.slice(offset, offset + limit));
    return { articles: await this.cards(page.map((article) => ({ article, score: 0, reason: REASON_TRENDING }))), articlesCount: ranking.length };
  }

  /**
   * "For you": neighbours of what the reader engaged with lately, plus the newest articles of
   * authors they follow; trending (then the newest articles) for a reader without history.
   * Never their own articles, never one they favorited, commented or liked.
   */
  async forYou(actor: Actor, limit: number): Promise<ArticleCardPage> {
    const readerId = actor.userId;
    const engaged = this.graph.articlesOf(readerId);
    const exclude = (a: IndexedArticle) => a.authorId === readerId || engaged.has(a.articleId);
    const picks = new Map<string, Pick>();
    const offer = (article: IndexedArticle, score: number, reason: string) => {
      const current = picks.get(article.articleId);
      if (!current) picks.set(article.articleId, { article, score, reason });
      else current.score += score; // reached from several seeds: the first (strongest) reason stays
    };

    const [history, followees] = await Promise.all([this.engagement.historyOf(readerId, FOR_YOU_SEEDS), this.follows.followeesOf(readerId)]);
    history.forEach((articleId, rank) => {
      const seed = this.index.get(articleId);
      if (!seed) return;
      const weight = 1 / (1 + rank * SEED_DECAY);
      for (const pick of rankRelated(this.index, this.graph, seed, { limit, exclude })) offer(pick.article, pick.score * weight, `more like “${seed.title}”`);
    });
    if (followees.length > 0) {
      const [latest, profiles] = await Promise.all([this.articles.latestByAuthors(followees, limit * 2), this.authors.byIds(followees)]);
      const now = Date.now();
      for (const article of this.known(latest).filter((a) => !exclude(a))) {
        const recency = 0.5 ** (Math.max(0, now - article.publishedAt) / DAY_MS / FOLLOWED_HALF_LIFE_DAYS);
        offer(article, FOLLOWED_AUTHOR_WEIGHT * recency, `from ${profiles.get(article.authorId)?.username ?? 'an author'} you follow`);
      }
    }
    const ranked = [...picks.values()].sort(compareRanked).slice(0, limit);
    if (ranked.length < limit) await this.fillFromPopular(ranked, limit, exclude);
    return { articles: await this.cards(ranked), articlesCount: ranked.length };
  }

  /** Tops a short list up with trending, then the newest articles, skipping what it already has. */
  private async fillFromPopular(list: Pick[], limit: number, exclude: (a: IndexedArticle) => boolean): Promise<void> {
    const have = new Set(list.map((p) => p.article.articleId));
    // Ids, looked up only until the list is full: the ranking may hold every article of the window.
    const add = (articleIds: Iterable<string>, reason: string) => {
      for (const id of articleIds) {
        if (list.length >= limit) return;
        const article = this.index.get(id);
        if (!article || have.has(id) || exclude(article)) continue;
        have.add(id);
        list.push({ article, score: 0, reason });
      }
    };
    add(await this.trendingRanking.get(), REASON_TRENDING);
    if (list.length < limit) add(await this.articles.latest(limit * 2 + have.size), REASON_LATEST);
  }

  /** The ids this replica's index holds (a row committed a moment ago may not have reached it yet). */
  private known(articleIds: string[]): IndexedArticle[] {
    return articleIds.map((id) => this.index.get(id)).filter((a): a is IndexedArticle => a !== undefined);
  }

  private async cards(picks: Pick[]): Promise<ArticleCardView[]> {
    const authors = await this.authors.byIds([...new Set(picks.map((p) => p.article.authorId))]);
    return picks.map((p) => toArticleCard(p.article, p.reason, authors.get(p.article.authorId)));
  }
}
