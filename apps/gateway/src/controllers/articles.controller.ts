import { Body, Controller, Delete, Get, Header, HttpCode, Injectable, Param, Post, Put, Query } from '@nestjs/common';
import type { Actor, ArticleData, ArticlePageData, ArticleSummaryData, ProfileView } from '@broadsheet/contracts';
import { BusClient, type JsonBytes } from '@broadsheet/messaging/client';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { JSON_CONTENT, unwrap } from '../http/body';
import { AuthorRefs } from '../services/author-splice';
import { ProfileLookup } from '../services/profile.lookup';
import { Doc } from '../openapi/doc.decorator';
import { ARTICLE, ARTICLE_LIST, NEW_ARTICLE } from '../openapi/examples';

export type Public<T extends ArticleSummaryData> = Omit<T, 'authorId' | 'authorUsername'> & { author: ProfileView };
type PublicPage = { articles: Array<Public<ArticleSummaryData>>; articlesCount: number };
type PublicArticle = { article: Public<ArticleData> };

const LIST_FILTERS = ['tag', 'author', 'favorited', 'section', 'limit', 'offset'] as const;
const PAGE_FILTERS = ['limit', 'offset'] as const;

/** The query-string keys a route reads; any other key is ignored, as RealWorld clients expect. */
function pick(query: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => query[k] !== undefined).map((k) => [k, query[k]]));
}

/** The article with its RealWorld `author`; the articles service's username stands in when profiles are missing. */
export function withArticleAuthor<T extends ArticleSummaryData>(
  { authorId, authorUsername, ...article }: T,
  profiles: Record<string, ProfileView>,
): Public<T> {
  return { ...article, author: profiles[authorId] ?? { username: authorUsername, bio: null, image: null, following: false } };
}

/**
 * Puts RealWorld `author` profiles on articles with one batched `users.get-profiles` call per
 * response. If the users service cannot answer, the articles still go out with the username the
 * articles service knows and no bio, image or follow state.
 */
@Injectable()
export class ArticleAuthors {
  constructor(private readonly profiles: ProfileLookup) {}

  async attach<T extends ArticleSummaryData>(viewer: Actor | null, articles: T[]): Promise<Array<Public<T>>> {
    const profiles = await this.profiles.byIds(viewer, articles.map((a) => a.authorId), { tolerateUnavailable: true });
    return articles.map((article) => withArticleAuthor(article, profiles));
  }

  /**
   * The same for a page of articles, or one article, as the JSON the service sent
   * (`requestJson`): the authors' profiles are spliced into its bytes, which are never decoded,
   * parsed into objects and serialised again.
   */
  async attachJson(viewer: Actor | null, json: JsonBytes<ArticlePageData>): Promise<JsonBytes<PublicPage>>;
  async attachJson(viewer: Actor | null, json: JsonBytes<{ article: ArticleData }>): Promise<JsonBytes<PublicArticle>>;
  async attachJson(viewer: Actor | null, json: Buffer): Promise<Buffer> {
    const refs = new AuthorRefs(json);
    const profiles = await this.profiles.byIds(viewer, refs.ids(), { tolerateUnavailable: true });
    return refs.splice(profiles, (username = '""') => `{"username":${username},"bio":null,"image":null,"following":false}`);
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
  @Doc({ summary: 'Published articles, newest first (filters: tag, author, favorited, section; limit 1-100, offset)', status: 200, auth: 'optional', example: ARTICLE_LIST, errors: [422] })
  @Header(...JSON_CONTENT)
  async list(@CurrentActor() actor: Actor | null, @Query() query: Record<string, unknown>) {
    return this.authors.attachJson(actor, await this.client.requestJson('articles.list', { actor, query: pick(query, LIST_FILTERS) }));
  }

  @Get('articles/feed')
  @Doc({ summary: 'Articles by the authors the reader follows', status: 200, auth: 'required', example: ARTICLE_LIST, errors: [422] })
  @Authenticated()
  @Header(...JSON_CONTENT)
  async feed(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.authors.attachJson(actor, await this.client.requestJson('articles.feed', { actor, query: pick(query, PAGE_FILTERS) }));
  }

  @Get('articles/:slug')
  @Doc({ summary: 'One article, by its current or an earlier slug', status: 200, auth: 'optional', example: { article: ARTICLE }, errors: [404] })
  @Header(...JSON_CONTENT)
  async get(@CurrentActor() actor: Actor | null, @Param('slug') slug: string) {
    return this.authors.attachJson(actor, await this.client.requestJson('articles.get', { actor, slug }));
  }

  @Post('articles')
  @Doc({ summary: 'Create an article (RealWorld fields plus section, dateline, status, provenance, sources...)', status: 201, auth: 'required', body: NEW_ARTICLE, example: { article: ARTICLE }, errors: [403, 422] })
  @HttpCode(201)
  @Authenticated()
  async create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const { article } = await this.client.request('articles.create', { actor, article: unwrap(body, 'article') });
    return this.authors.one(actor, article);
  }

  @Put('articles/:slug')
  @Doc({ summary: 'Update, publish, schedule, archive or correct an article (author, editors, admins)', status: 200, auth: 'required', body: { article: { body: 'Updated text', correction: 'An earlier version misspelled the operator.', updatedAt: '2026-03-01T09:15:00.000Z' } }, example: { article: ARTICLE }, errors: [403, 404, 409, 422] })
  @Authenticated()
  async update(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: unknown) {
    const { article } = await this.client.request('articles.update', { actor, slug, article: unwrap(body, 'article') });
    return this.authors.one(actor, article);
  }

  @Delete('articles/:slug')
  @Doc({ summary: 'Delete an article (author, editors, admins)', status: 204, auth: 'required', errors: [403, 404] })
  @HttpCode(204)
  @Authenticated()
  async delete(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<void> {
    await this.client.request('articles.delete', { actor, slug });
  }

  @Post('articles/:slug/favorite')
  @Doc({ summary: 'Favorite an article', status: 200, auth: 'required', example: { article: { ...ARTICLE, favorited: true, favoritesCount: 13 } }, errors: [403, 404] })
  @HttpCode(200)
  @Authenticated()
  async favorite(@CurrentActor() actor: Actor, @Param('slug') slug: string) {
    const { article } = await this.client.request('articles.favorite', { actor, slug });
    return this.authors.one(actor, article);
  }

  @Delete('articles/:slug/favorite')
  @Doc({ summary: 'Remove a favorite', status: 200, auth: 'required', example: { article: ARTICLE }, errors: [403, 404] })
  @HttpCode(200)
  @Authenticated()
  async unfavorite(@CurrentActor() actor: Actor, @Param('slug') slug: string) {
    const { article } = await this.client.request('articles.unfavorite', { actor, slug });
    return this.authors.one(actor, article);
  }

  @Get('articles/:slug/revisions')
  @Doc({ summary: 'Earlier versions of an article (author, editors, admins)', status: 200, auth: 'required', example: { revisions: [{ revision: 1, title: 'Port strike enters second day', savedAt: '2026-02-28T08:00:00.000Z', replacedAt: '2026-03-01T08:00:00.000Z', replacedBy: 'jane_doe' }] }, errors: [403, 404] })
  @Authenticated()
  revisions(@CurrentActor() actor: Actor, @Param('slug') slug: string) {
    return this.client.request('articles.revisions', { actor, slug });
  }

  @Get('articles/:slug/jsonld')
  @Doc({ summary: 'The article as schema.org NewsArticle JSON-LD', status: 200, auth: 'optional', example: { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: ARTICLE.title, dateline: ARTICLE.dateline, isBasedOn: [{ '@type': 'CreativeWork', url: 'https://example.com/wire/strike' }] }, errors: [404] })
  @Header('content-type', 'application/ld+json; charset=utf-8')
  async jsonld(@CurrentActor() actor: Actor | null, @Param('slug') slug: string) {
    return (await this.client.request('articles.jsonld', { actor, slug })).jsonld;
  }

  @Get('tags')
  @Doc({ summary: 'Tags of published articles, most used first', status: 200, example: { tags: ['economy', 'labour', 'climate'] } })
  tags() {
    return this.client.request('articles.tags', {});
  }
}
