import { Module } from '@nestjs/common';
import { CommentsConfig } from './config/comments.config';
import { ArticleEventsConsumer } from './consumers/article-events.consumer';
import { UserEventsConsumer } from './consumers/user-events.consumer';
import { CommentsController } from './controllers/comments.controller';
import { ModerationController } from './controllers/moderation.controller';
import { ArticleReplicaRepository } from './repositories/article-replica.repository';
import { CommentReads } from './repositories/comment.reads';
import { CommentRepository } from './repositories/comment.repository';
import { ModerationRepository } from './repositories/moderation.repository';
import { PostBatches } from './repositories/post.batches';
import { ArticleReplicaService } from './services/article-replica.service';
import { Clock } from './services/clock';
import { CommentService } from './services/comment.service';
import { ModerationService } from './services/moderation.service';
import { parseWordList, WordRules } from './services/word.rules';

@Module({
  controllers: [CommentsController, ModerationController, ArticleEventsConsumer, UserEventsConsumer],
  providers: [
    CommentService,
    ModerationService,
    ArticleReplicaService,
    CommentRepository,
    PostBatches,
    CommentReads,
    ArticleReplicaRepository,
    ModerationRepository,
    Clock,
    {
      provide: WordRules,
      inject: [CommentsConfig],
      useFactory: (config: CommentsConfig) =>
        new WordRules({
          banned: parseWordList(config.COMMENTS_BANNED_WORDS),
          suspect: parseWordList(config.COMMENTS_SUSPECT_WORDS),
          linksNeedReview: config.COMMENTS_LINKS_NEED_REVIEW === 'true',
        }),
    },
  ],
})
export class CommentsModule {}
