import { Controller, Get, Header, Param } from '@nestjs/common';
import type { Actor, ArticleCardView } from '@broadsheet/contracts';
import { BusClient, DomainError } from '@broadsheet/messaging/client';
import { CurrentActor } from '../auth/auth.decorators';
import { GatewayConfig } from '../config/gateway.config';
import { Doc } from '../openapi/doc.decorator';
import { ARTICLE, COMMENT, PROFILE } from '../openapi/examples';
import { ProfileLookup } from '../services/profile.lookup';
import { withArticleAuthor } from './articles.controller';
import { commentsCountOf, DELETED_AUTHOR_JSON } from './comments.controller';
import { JSON_CONTENT } from '../http/body';
import { AuthorRefs } from '../services/author-splice';

/** How many comments and related cards the page carries. */
export const PAGE_COMMENTS = 20;
export const PAGE_RELATED = 4;

type Part<T> = ({ available: true } & T) | ({ available: false; reason: string } & T);

/** The comments part opens with this, then the service's page without its own `{`. */
const AVAILABLE_PART_START = Buffer.from('{"available":true,');

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
  @Header(...JSON_CONTENT)
  async page(@CurrentActor() actor: Actor | null, @Param('slug') slug: string): Promise<Buffer> {
    const deadline = Date.now() + this.config.PAGE_TIMEOUT_MS;
    const within = () => ({ timeoutMs: Math.max(1, deadline - Date.now()) });

    // The comments stay the JSON bytes the service wrote: their authors are spliced in, undecoded.
    const [article, comments, related] = await Promise.allSettled([
      this.client.request('articles.get', { actor, slug }, within()),
      this.client.requestJson('comments.list', { actor, slug, sort: 'newest', limit: PAGE_COMMENTS }, within()),
      this.client.request('recommendations.related', { actor, slug, limit: PAGE_RELATED }, within()),
    ]);
    if (article.status === 'rejected') throw article.reason;

    const commentsJson = comments.status === 'fulfilled' ? comments.value : null;
    const commentRefs = commentsJson === null ? null : new AuthorRefs(commentsJson);
    const profiles = await this.profiles.byIds(actor, [article.value.article.authorId, ...(commentRefs?.ids() ?? [])], {
      tolerateUnavailable: true,
      ...within(),
    });

    const withAuthor = withArticleAuthor(article.value.article, profiles);
    const relatedPart: Part<{ articles: ArticleCardView[] }> =
      related.status === 'fulfilled'
        ? { available: true, articles: related.value.related }
        : { available: false, reason: reasonOf(related.reason), articles: [] };
    const commentsCount = commentsJson === null ? null : commentsCountOf(commentsJson);
    const commentsPart =
      commentRefs !== null && commentsCount !== null
        ? Buffer.concat([AVAILABLE_PART_START, commentRefs.splice(profiles, () => DELETED_AUTHOR_JSON).subarray(1)])
        : Buffer.from(
            JSON.stringify({
              available: false,
              reason: comments.status === 'rejected' ? reasonOf(comments.reason) : 'SERVICE.INTERNAL',
              comments: [],
              commentsCount: 0,
              nextCursor: null,
              closed: false,
            }),
          );
    const counts = { favorites: withAuthor.favoritesCount, comments: commentsCount, related: relatedPart.articles.length };
    return Buffer.concat([
      Buffer.from(`{"article":${JSON.stringify(withAuthor)},"author":${JSON.stringify(withAuthor.author)},"comments":`),
      commentsPart,
      Buffer.from(`,"related":${JSON.stringify(relatedPart)},"counts":${JSON.stringify(counts)}}`),
    ]);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof DomainError ? error.code : 'SERVICE.INTERNAL';
}
