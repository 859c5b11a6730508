import { Injectable } from '@nestjs/common';
import type { Actor, ArticleCardPage, ArticleCardView } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging';
import { RecommendationsConfig } from '../config/recommendations.config';
import { toArticleCard } from '../dtos/article-card.mapper';
import { ArticleRepository } from '../repositories/article.repository';
import { AuthorRepository } from '../repositories/author.repository';
import { EngagementRepository } from '../repositories/engagement.repository';
import { FollowRepository } from '../repositories/follow.repository';
import { EngagementGraph } from './engagement.graph';
import type { IndexedArticle } from './related.index';
import { RelatedIndex } from './related.index';
import { compareRanked, rankRelated } from './related.ranker';

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
    private readonly config: RecommendationsConfig,
    private readonly index: RelatedIndex,
    private readonly graph: EngagementGraph,
    private readonly articles: ArticleRepository,
    private readonly authors: AuthorRepository,
    private readonly engagement: EngagementRepository,
    private readonly follows: FollowRepository,
  ) {}

  /** Articles related to the published article at `slug`. */
  async related(slug: string, limit: number): Promise<ArticleCardView[]> {
    const source = this.index.getBySlug(slug);
    if (!source) throw new DomainError('RECOMMENDATION.ARTICLE_NOT_FOUND', 'article not found', { article: ['not found'] });
    return this.cards(rankRelated(this.index, this.graph, source, { limit }));
  }

  /** Published articles by recent engagement, decaying with time. */
  async trending(limit: number, offset: number): Promise<ArticleCardPage> {
    const { articleIds, total } = await this.engagement.trending({ ...this.trendingWindow(), limit, offset, readerId: null });
    return { articles: await this.cards(this.known(articleIds).map((article) => ({ article, score: 0, reason: REASON_TRENDING }))), articlesCount: total };
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
      const [latest, profiles] = await Promise.all([this.articles.latestByAuthors(followees, limit * 2), this.authors.findByIds(followees)]);
      const now = Date.now();
      for (const article of this.known(latest).filter((a) => !exclude(a))) {
        const recency = 0.5 ** (Math.max(0, now - article.publishedAt) / DAY_MS / FOLLOWED_HALF_LIFE_DAYS);
        offer(article, FOLLOWED_AUTHOR_WEIGHT * recency, `from ${profiles.get(article.authorId)?.username ?? 'an author'} you follow`);
      }
    }
    const ranked = [...picks.values()].sort(compareRanked).slice(0, limit);
    if (ranked.length < limit) await this.fillFromPopular(ranked, limit, readerId, exclude);
    return { articles: await this.cards(ranked), articlesCount: ranked.length };
  }

  /** Tops a short list up with trending, then the newest articles, skipping what it already has. */
  private async fillFromPopular(list: Pick[], limit: number, readerId: string, exclude: (a: IndexedArticle) => boolean): Promise<void> {
    const have = new Set(list.map((p) => p.article.articleId));
    const add = (articles: IndexedArticle[], reason: string) => {
      for (const article of articles) {
        if (list.length >= limit) return;
        if (have.has(article.articleId) || exclude(article)) continue;
        have.add(article.articleId);
        list.push({ article, score: 0, reason });
      }
    };
    const { articleIds } = await this.engagement.trending({ ...this.trendingWindow(), limit, offset: 0, readerId });
    add(this.known(articleIds), REASON_TRENDING);
    if (list.length < limit) add(this.known(await this.articles.latest(limit * 2 + have.size)), REASON_LATEST);
  }

  private trendingWindow() {
    return { since: new Date(Date.now() - this.config.TRENDING_WINDOW_DAYS * DAY_MS), halfLifeHours: this.config.TRENDING_HALF_LIFE_HOURS };
  }

  /** The ids this replica's index holds (a row committed a moment ago may not have reached it yet). */
  private known(articleIds: string[]): IndexedArticle[] {
    return articleIds.map((id) => this.index.get(id)).filter((a): a is IndexedArticle => a !== undefined);
  }

  private async cards(picks: Pick[]): Promise<ArticleCardView[]> {
    const authors = await this.authors.findByIds([...new Set(picks.map((p) => p.article.authorId))]);
    return picks.map((p) => toArticleCard(p.article, p.reason, authors.get(p.article.authorId)));
  }
}
