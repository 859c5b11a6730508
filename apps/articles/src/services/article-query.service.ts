import { Injectable } from '@nestjs/common';
import type { Actor, ArticleData, ArticlePageData, ArticleRevisionView } from '@broadsheet/contracts';
import type { ListQueryDto, PageQueryDto } from '../dtos/article.dtos';
import { toNewsArticleJsonLd } from '../dtos/article.jsonld';
import { RenderedJson } from '@broadsheet/messaging';
import { toArticleData, toRevisionView } from '../dtos/article.views';
import { ArticleReads } from '../repositories/article.reads';
import { ArticleRepository, type ArticleFilter } from '../repositories/article.repository';
import { RevisionRepository } from '../repositories/revision.repository';
import { TagRepository } from '../repositories/tag.repository';
import { ArticleAccessPolicy } from './article-access.policy';

/** Tags listed by `GET /tags`: enough for a tag cloud, bounded for the response size. */
export const TAGS_LIMIT = 100;

/** Reading articles: lists, the feed, one article, tags, revisions, JSON-LD. */
@Injectable()
export class ArticleQueryService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly reads: ArticleReads,
    private readonly revisionsRepo: RevisionRepository,
    private readonly tagsRepo: TagRepository,
    private readonly access: ArticleAccessPolicy,
  ) {}

  list(actor: Actor | null, query: ListQueryDto): Promise<RenderedJson<ArticlePageData>> {
    const { tag, author, favorited, section } = query;
    return this.page({ tag, author, favorited, section }, actor, query);
  }

  feed(actor: Actor, query: PageQueryDto): Promise<RenderedJson<ArticlePageData>> {
    return this.page({ followedBy: actor.userId }, actor, query);
  }

  async get(actor: Actor | null, slug: string): Promise<ArticleData> {
    return toArticleData(this.access.visible(actor, await this.reads.bySlug(slug, actor?.userId ?? null)));
  }

  tags(): Promise<string[]> {
    return this.tagsRepo.popular(TAGS_LIMIT);
  }

  async revisions(actor: Actor, slug: string): Promise<ArticleRevisionView[]> {
    const article = this.access.visible(actor, await this.articles.findBySlug(slug, actor.userId));
    this.access.assertCanManage(actor, article, 'see the revisions of');
    return (await this.revisionsRepo.list(article.id)).map(toRevisionView);
  }

  async jsonld(actor: Actor | null, slug: string): Promise<Record<string, unknown>> {
    return toNewsArticleJsonLd(this.access.visible(actor, await this.articles.findBySlug(slug, null)));
  }

  /** Sent as Postgres rendered it (`ArticleRepository.page`): a list is never parsed here. */
  private async page(filter: ArticleFilter, actor: Actor | null, { limit, offset }: PageQueryDto): Promise<RenderedJson<ArticlePageData>> {
    return new RenderedJson(await this.reads.page({ filter, viewerId: actor?.userId ?? null, limit, offset }));
  }
}
