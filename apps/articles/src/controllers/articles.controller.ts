import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcRequest } from '@broadsheet/contracts';
import { parseDto } from '@broadsheet/messaging';
import { CreateArticleDto, ListQueryDto, PageQueryDto, UpdateArticleDto } from '../dtos/article.dtos';
import { ArticleQueryService } from '../services/article-query.service';
import { ArticleService } from '../services/article.service';
import { FavoriteService } from '../services/favorite.service';

const slugOf = (slug: unknown): string => (typeof slug === 'string' ? slug : '');

@Controller()
export class ArticlesController {
  constructor(
    private readonly articles: ArticleService,
    private readonly queries: ArticleQueryService,
    private readonly favorites: FavoriteService,
  ) {}

  @MessagePattern('articles.list')
  async list(@Payload() req: RpcRequest<'articles.list'>) {
    return this.queries.list(req.actor, await parseDto(ListQueryDto, req.query ?? {}));
  }

  @MessagePattern('articles.feed')
  async feed(@Payload() req: RpcRequest<'articles.feed'>) {
    return this.queries.feed(req.actor, await parseDto(PageQueryDto, req.query ?? {}));
  }

  @MessagePattern('articles.get')
  async get(@Payload() req: RpcRequest<'articles.get'>) {
    return { article: await this.queries.get(req.actor, slugOf(req.slug)) };
  }

  @MessagePattern('articles.create')
  async create(@Payload() req: RpcRequest<'articles.create'>) {
    return { article: await this.articles.create(req.actor, await parseDto(CreateArticleDto, req.article)) };
  }

  @MessagePattern('articles.update')
  async update(@Payload() req: RpcRequest<'articles.update'>) {
    return { article: await this.articles.update(req.actor, slugOf(req.slug), await parseDto(UpdateArticleDto, req.article)) };
  }

  @MessagePattern('articles.delete')
  async delete(@Payload() req: RpcRequest<'articles.delete'>) {
    await this.articles.delete(req.actor, slugOf(req.slug));
    return { deleted: true as const };
  }

  @MessagePattern('articles.favorite')
  async favorite(@Payload() req: RpcRequest<'articles.favorite'>) {
    return { article: await this.favorites.favorite(req.actor, slugOf(req.slug)) };
  }

  @MessagePattern('articles.unfavorite')
  async unfavorite(@Payload() req: RpcRequest<'articles.unfavorite'>) {
    return { article: await this.favorites.unfavorite(req.actor, slugOf(req.slug)) };
  }

  @MessagePattern('articles.tags')
  async tags() {
    return { tags: await this.queries.tags() };
  }

  @MessagePattern('articles.revisions')
  async revisions(@Payload() req: RpcRequest<'articles.revisions'>) {
    return { revisions: await this.queries.revisions(req.actor, slugOf(req.slug)) };
  }

  @MessagePattern('articles.jsonld')
  async jsonld(@Payload() req: RpcRequest<'articles.jsonld'>) {
    return { jsonld: await this.queries.jsonld(req.actor, slugOf(req.slug)) };
  }
}
