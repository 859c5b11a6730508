import { Body, Controller, Delete, Get, Header, HttpCode, Injectable, Param, Post, Put, Query } from '@nestjs/common';
import { errorKind, type Actor, type ArticleData, type ArticleSummaryData, type ProfileView } from '@broadsheet/contracts';
import { BusClient, DomainError } from '@broadsheet/messaging';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { unwrap } from '../http/body';

type Public<T extends ArticleSummaryData> = Omit<T, 'authorId' | 'authorUsername'> & { author: ProfileView };

const LIST_FILTERS = ['tag', 'author', 'favorited', 'section', 'limit', 'offset'] as const;
const PAGE_FILTERS = ['limit', 'offset'] as const;

/** The query-string keys a route reads; any other key is ignored, as RealWorld clients expect. */
function pick(query: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => query[k] !== undefined).map((k) => [k, query[k]]));
}

/**
 * Puts RealWorld `author` profiles on articles with one batched `users.get-profiles` call per
 * response. If the users service cannot answer, the articles still go out with the username the
 * articles service knows and no bio, image or follow state.
 */
@Injectable()
export class ArticleAuthors {
  constructor(private readonly client: BusClient) {}

  async attach<T extends ArticleSummaryData>(viewer: Actor | null, articles: T[]): Promise<Array<Public<T>>> {
    const userIds = [...new Set(articles.map((a) => a.authorId))];
    let profiles: Record<string, ProfileView> = {};
    if (userIds.length > 0) {
      try {
        ({ profiles } = await this.client.request('users.get-profiles', { viewerId: viewer?.userId ?? null, userIds }));
      } catch (error) {
        if (!(error instanceof DomainError) || errorKind(error.code) !== 'unavailable') throw error;
      }
    }
    return articles.map(({ authorId, authorUsername, ...article }) => ({
      ...article,
      author: profiles[authorId] ?? { username: authorUsername, bio: null, image: null, following: false },
    }));
  }

  async one(viewer: Actor | null, article: ArticleData): Promise<{ article: Public<ArticleData> }> {
    const [withAuthor] = await this.attach(viewer, [article]);
    return { article: withAuthor };
  }
}

/** RealWorld articles, favorites and tags, plus the newsroom routes (revisions, JSON-LD). */
@Controller()
export class ArticlesController {
  constructor(
    private readonly client: BusClient,
    private readonly authors: ArticleAuthors,
  ) {}

  @Get('articles')
  async list(@CurrentActor() actor: Actor | null, @Query() query: Record<string, unknown>) {
    const page = await this.client.request('articles.list', { actor, query: pick(query, LIST_FILTERS) });
    return { articles: await this.authors.attach(actor, page.articles), articlesCount: page.articlesCount };
  }

  @Get('articles/feed')
  @Authenticated()
  async feed(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    const page = await this.client.request('articles.feed', { actor, query: pick(query, PAGE_FILTERS) });
    return { articles: await this.authors.attach(actor, page.articles), articlesCount: page.articlesCount };
  }

  @Get('articles/:slug')
  async get(@CurrentActor() actor: Actor | null, @Param('slug') slug: string) {
    const { article } = await this.client.request('articles.get', { actor, slug });
    return this.authors.one(actor, article);
  }

  @Post('articles')
  @HttpCode(201)
  @Authenticated()
  async create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const { article } = await this.client.request('articles.create', { actor, article: unwrap(body, 'article') });
    return this.authors.one(actor, article);
  }

  @Put('articles/:slug')
  @Authenticated()
  async update(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: unknown) {
    const { article } = await this.client.request('articles.update', { actor, slug, article: unwrap(body, 'article') });
    return this.authors.one(actor, article);
  }

  @Delete('articles/:slug')
  @HttpCode(204)
  @Authenticated()
  async delete(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<void> {
    await this.client.request('articles.delete', { actor, slug });
  }

  @Post('articles/:slug/favorite')
  @HttpCode(200)
  @Authenticated()
  async favorite(@CurrentActor() actor: Actor, @Param('slug') slug: string) {
    const { article } = await this.client.request('articles.favorite', { actor, slug });
    return this.authors.one(actor, article);
  }

  @Delete('articles/:slug/favorite')
  @HttpCode(200)
  @Authenticated()
  async unfavorite(@CurrentActor() actor: Actor, @Param('slug') slug: string) {
    const { article } = await this.client.request('articles.unfavorite', { actor, slug });
    return this.authors.one(actor, article);
  }

  @Get('articles/:slug/revisions')
  @Authenticated()
  revisions(@CurrentActor() actor: Actor, @Param('slug') slug: string) {
    return this.client.request('articles.revisions', { actor, slug });
  }

  @Get('articles/:slug/jsonld')
  @Header('content-type', 'application/ld+json; charset=utf-8')
  async jsonld(@CurrentActor() actor: Actor | null, @Param('slug') slug: string) {
    return (await this.client.request('articles.jsonld', { actor, slug })).jsonld;
  }

  @Get('tags')
  tags() {
    return this.client.request('articles.tags', {});
  }
}
