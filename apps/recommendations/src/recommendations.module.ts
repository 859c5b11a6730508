import { Logger, Module } from '@nestjs/common';
import { RecommendationsConfig } from './config/recommendations.config';
import { RecommendationEventsConsumer } from './consumers/recommendation-events.consumer';
import { RecommendationsController } from './controllers/recommendations.controller';
import { ArticleRepository } from './repositories/article.repository';
import { AuthorLookups } from './repositories/author.lookups';
import { AuthorRepository } from './repositories/author.repository';
import { EngagementRepository } from './repositories/engagement.repository';
import { FollowRepository } from './repositories/follow.repository';
import { IndexChangeNotifier } from './repositories/index-change.notifier';
import { EngagementGraph } from './services/engagement.graph';
import { IndexProjection } from './services/index-projection.service';
import { IndexSync } from './services/index-sync.service';
import { RecommendationService } from './services/recommendation.service';
import { RelatedIndex } from './services/related.index';
import { TrendingRanking } from './services/trending.ranking';

const DAY_MS = 86_400_000;

/** Related articles, trending and "for you", from the service's own replicas fed by events. */
@Module({
  controllers: [RecommendationsController, RecommendationEventsConsumer],
  providers: [
    // Factories, not values: each replica (even two in one process) holds its own index.
    { provide: RelatedIndex, useFactory: () => new RelatedIndex() },
    { provide: EngagementGraph, useFactory: () => new EngagementGraph() },
    {
      provide: TrendingRanking,
      inject: [RecommendationsConfig, EngagementRepository],
      useFactory: (config: RecommendationsConfig, engagement: EngagementRepository) => {
        const log = new Logger('TrendingRanking');
        return new TrendingRanking(
          () => engagement.ranking({ since: new Date(Date.now() - config.TRENDING_WINDOW_DAYS * DAY_MS), halfLifeHours: config.TRENDING_HALF_LIFE_HOURS }),
          { refreshMs: config.TRENDING_REFRESH_MS, onError: (error) => log.error(`ranking trending failed; the last ranking is served: ${String(error)}`) },
        );
      },
    },
    ArticleRepository,
    AuthorRepository,
    AuthorLookups,
    EngagementRepository,
    FollowRepository,
    IndexChangeNotifier,
    IndexProjection,
    IndexSync,
    RecommendationService,
  ],
})
export class RecommendationsModule {}
