import { Controller, Get, Param } from '@nestjs/common';
import type { Actor, ArticleCardView, CommentView, RpcPattern, RpcRequest, RpcResponse } from '@broadsheet/contracts';
import { BusClient, DomainError } from '@broadsheet/messaging/client';
import { CurrentActor } from '../auth/auth.decorators';
import { GatewayConfig } from '../config/gateway.config';
import { Doc } from '../openapi/doc.decorator';
import { ARTICLE, COMMENT, PROFILE } from '../openapi/examples';
import { ProfileLookup } from '../services/profile.lookup';
import { withArticleAuthor } from './articles.controller';
import { withCommentAuthor } from './comments.controller';

/** How many comments and related cards the page carries. */
export const PAGE_COMMENTS = 20;
export const PAGE_RELATED = 4;

type Part<T> = ({ available: true } & T) | ({ available: false; reason: string } & T);

/**
 * The whole article page in one round trip: the article with its author's profile, the first
 * page of comments with theirs, the related rail and the counts. Articles, comments and
 * recommendations are asked at once, then one `users.get-profiles` call covers every author.
 * A part that fails or misses the deadline (`PAGE_TIMEOUT_MS`) comes back empty and marked
 * `available: false`; only the article itself is required.
 */
@Controller('articles/:slug/page')
export class PageController {
  constructor(
    private readonly client: BusClient,
    private readonly profiles: ProfileLookup,
    private readonly config: GatewayConfig,
  ) {}

  @Get()
  @Doc({
    summary: 'The whole article page in one call: article, author, first comments, related rail, counts. A failing part comes back empty with available: false',
    status: 200,
    auth: 'optional',
    example: {
      article: ARTICLE,
      author: PROFILE,
      comments: { available: true, comments: [COMMENT], commentsCount: 1, nextCursor: null, closed: false },
      related: { available: false, reason: 'SERVICE.UNAVAILABLE', articles: [] },
      counts: { favorites: 12, comments: 1, related: 0 },
    },
    errors: [404],
  })
  async page(@CurrentActor() actor: Actor | null, @Param('slug') slug: string) {
    const deadline = Date.now() + this.config.PAGE_TIMEOUT_MS;
    const ask = <P extends RpcPattern>(pattern: P, data: RpcRequest<P>): Promise<RpcResponse<P>> =>
      this.client.request(pattern, data, { timeoutMs: Math.max(1, deadline - Date.now()) });

    const [article, comments, related] = await Promise.allSettled([
      ask('articles.get', { actor, slug }),
      ask('comments.list', { actor, slug, sort: 'newest', limit: PAGE_COMMENTS }),
      ask('recommendations.related', { actor, slug, limit: PAGE_RELATED }),
    ]);
    if (article.status === 'rejected') throw article.reason;

    const commentList: CommentView[] = comments.status === 'fulfilled' ? comments.value.comments : [];
    const profiles = await this.profiles.byIds(actor, [article.value.article.authorId, ...commentList.map((c) => c.authorId)], {
      tolerateUnavailable: true,
      timeoutMs: Math.max(1, deadline - Date.now()),
    });

    const commentsPart: Part<{ comments: ReturnType<typeof withCommentAuthor>[]; commentsCount: number; nextCursor: string | null; closed: boolean }> =
      comments.status === 'fulfilled'
        ? {
            available: true,
            comments: commentList.map((c) => withCommentAuthor(c, profiles)),
            commentsCount: comments.value.commentsCount,
            nextCursor: comments.value.nextCursor,
            closed: comments.value.closed,
          }
        : { available: false, reason: reasonOf(comments.reason), comments: [], commentsCount: 0, nextCursor: null, closed: false };
    const relatedPart: Part<{ articles: ArticleCardView[] }> =
      related.status === 'fulfilled'
        ? { available: true, articles: related.value.related }
        : { available: false, reason: reasonOf(related.reason), articles: [] };

    const withAuthor = withArticleAuthor(article.value.article, profiles);
    return {
      article: withAuthor,
      author: withAuthor.author,
      comments: commentsPart,
      related: relatedPart,
      counts: {
        favorites: withAuthor.favoritesCount,
        comments: commentsPart.available ? commentsPart.commentsCount : null,
        related: relatedPart.articles.length,
      },
    };
  }
}

function reasonOf(error: unknown): string {
  return error instanceof DomainError ? error.code : 'SERVICE.INTERNAL';
}
