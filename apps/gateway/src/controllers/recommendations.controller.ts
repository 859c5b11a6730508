import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Actor } from '@broadsheet/contracts';
import { BusClient } from '@broadsheet/messaging/client';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { Doc } from '../openapi/doc.decorator';
import { CARD } from '../openapi/examples';

/**
 * Recommendation rails: related articles, trending, and "for you". Limits are passed through
 * as given; the recommendations service validates them (422 naming the field).
 */
@Controller()
export class RecommendationsController {
  constructor(private readonly client: BusClient) {}

  /** `{"related": [card]}`: articles related to a published one. */
  @Get('articles/:slug/related')
  @Doc({ summary: 'Related articles for the rail (limit 1-20, default 4), each with a short reason', status: 200, auth: 'optional', example: { related: [CARD] }, errors: [404, 422] })
  related(@Param('slug') slug: string, @Query('limit') limit: string | undefined, @CurrentActor() actor: Actor | null) {
    return this.client.request('recommendations.related', { actor, slug, limit });
  }

  /** `{"articles": [card], "articlesCount": n}`: published articles by recent engagement. */
  @Get('articles/trending')
  @Doc({ summary: 'Published articles by recent engagement, decaying with time', status: 200, auth: 'optional', example: { articles: [{ ...CARD, reason: 'trending' }], articlesCount: 1 }, errors: [422] })
  trending(@Query('limit') limit: string | undefined, @Query('offset') offset: string | undefined, @CurrentActor() actor: Actor | null) {
    return this.client.request('recommendations.trending', { actor, limit, offset });
  }

  /** `{"articles": [card], "articlesCount": n}`: "for you", for the signed-in reader. */
  @Get('recommendations')
  @Doc({ summary: 'For you: from your favorites, comments and follows (trending when you have no history)', status: 200, auth: 'required', example: { articles: [{ ...CARD, reason: 'by an author you follow' }], articlesCount: 1 }, errors: [422] })
  @Authenticated()
  forYou(@Query('limit') limit: string | undefined, @CurrentActor() actor: Actor) {
    return this.client.request('recommendations.for-you', { actor, limit });
  }
}
