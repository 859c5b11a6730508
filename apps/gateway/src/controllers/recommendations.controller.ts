import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Actor } from '@broadsheet/contracts';
import { BusClient } from '@broadsheet/messaging';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';

/**
 * Recommendation rails: related articles, trending, and "for you". Limits are passed through
 * as given; the recommendations service validates them (422 naming the field).
 */
@Controller()
export class RecommendationsController {
  constructor(private readonly client: BusClient) {}

  /** `{"related": [card]}`: articles related to a published one. */
  @Get('articles/:slug/related')
  related(@Param('slug') slug: string, @Query('limit') limit: string | undefined, @CurrentActor() actor: Actor | null) {
    return this.client.request('recommendations.related', { actor, slug, limit });
  }

  /** `{"articles": [card], "articlesCount": n}`: published articles by recent engagement. */
  @Get('articles/trending')
  trending(@Query('limit') limit: string | undefined, @Query('offset') offset: string | undefined, @CurrentActor() actor: Actor | null) {
    return this.client.request('recommendations.trending', { actor, limit, offset });
  }

  /** `{"articles": [card], "articlesCount": n}`: "for you", for the signed-in reader. */
  @Get('recommendations')
  @Authenticated()
  forYou(@Query('limit') limit: string | undefined, @CurrentActor() actor: Actor) {
    return this.client.request('recommendations.for-you', { actor, limit });
  }
}
