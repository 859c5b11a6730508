import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ARTICLE_DELETED_V1, ARTICLE_PUBLISHED_V1, ARTICLE_UNPUBLISHED_V1, ARTICLE_UPDATED_V1, type Envelope, type EventMap } from '@broadsheet/contracts';
import { ArticleReplicaService } from '../services/article-replica.service';

type Event<T extends keyof EventMap> = Envelope<T, EventMap[T]>;

/** Articles events into the local replica that opens and closes conversations. */
@Controller()
export class ArticleEventsConsumer {
  constructor(private readonly replica: ArticleReplicaService) {}

  @EventPattern<string>(ARTICLE_PUBLISHED_V1)
  onPublished(@Payload() event: Event<typeof ARTICLE_PUBLISHED_V1>) {
    return this.replica.published(event);
  }

  @EventPattern<string>(ARTICLE_UPDATED_V1)
  onUpdated(@Payload() event: Event<typeof ARTICLE_UPDATED_V1>) {
    return this.replica.updated(event);
  }

  @EventPattern<string>(ARTICLE_UNPUBLISHED_V1)
  onUnpublished(@Payload() event: Event<typeof ARTICLE_UNPUBLISHED_V1>) {
    return this.replica.unpublished(event);
  }

  @EventPattern<string>(ARTICLE_DELETED_V1)
  onDeleted(@Payload() event: Event<typeof ARTICLE_DELETED_V1>) {
    return this.replica.deleted(event);
  }
}
