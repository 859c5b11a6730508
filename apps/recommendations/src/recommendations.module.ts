import { Module } from '@nestjs/common';
import { RecommendationEventsConsumer } from './consumers/recommendation-events.consumer';
import { RecommendationsController } from './controllers/recommendations.controller';
import { ArticleRepository } from './repositories/article.repository';
import { AuthorRepository } from './repositories/author.repository';
import { EngagementRepository } from './repositories/engagement.repository';
import { FollowRepository } from './repositories/follow.repository';
import { IndexChangeNotifier } from './repositories/index-change.notifier';
import { EngagementGraph } from './services/engagement.graph';
import { IndexProjection } from './services/index-projection.service';
import { IndexSync } from './services/index-sync.service';
import { RecommendationService } from './services/recommendation.service';
import { RelatedIndex } from './services/related.index';

/** Related articles, trending and "for you", from the service's own replicas fed by events. */
@Module({
  controllers: [RecommendationsController, RecommendationEventsConsumer],
  providers: [
    // Factories, not values: each replica (even two in one process) holds its own index.
    { provide: RelatedIndex, useFactory: () => new RelatedIndex() },
    { provide: EngagementGraph, useFactory: () => new EngagementGraph() },
    ArticleRepository,
    AuthorRepository,
    EngagementRepository,
    FollowRepository,
    IndexChangeNotifier,
    IndexProjection,
    IndexSync,
    RecommendationService,
  ],
})
export class RecommendationsModule {}
