import { Module } from '@nestjs/common';
import { UserEventsConsumer } from './consumers/user-events.consumer';
import { ArticlesController } from './controllers/articles.controller';
import { ArticleReads } from './repositories/article.reads';
import { ArticleRepository } from './repositories/article.repository';
import { FavoriteRepository } from './repositories/favorite.repository';
import { ReplicaRepository } from './repositories/replica.repository';
import { RevisionRepository } from './repositories/revision.repository';
import { SlugRepository } from './repositories/slug.repository';
import { TagRepository } from './repositories/tag.repository';
import { ArticleAccessPolicy } from './services/article-access.policy';
import { ArticleQueryService } from './services/article-query.service';
import { ArticleService } from './services/article.service';
import { Clock } from './services/clock';
import { FavoriteService } from './services/favorite.service';
import { PublishingScheduler } from './services/publishing.scheduler';
import { SlugAllocator } from './services/slug.allocator';

@Module({
  controllers: [ArticlesController, UserEventsConsumer],
  providers: [
    ArticleService,
    ArticleQueryService,
    FavoriteService,
    PublishingScheduler,
    SlugAllocator,
    ArticleAccessPolicy,
    Clock,
    ArticleRepository,
    ArticleReads,
    SlugRepository,
    TagRepository,
    FavoriteRepository,
    RevisionRepository,
    ReplicaRepository,
  ],
})
export class ArticlesModule {}
