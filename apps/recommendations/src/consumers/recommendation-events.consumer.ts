import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IndexProjection, PROJECTED_EVENTS, type ProjectedEnvelope } from '../services/index-projection.service';

/** Feeds the recommendations replicas from the event stream (one transaction and inbox mark per event). */
@Controller()
export class RecommendationEventsConsumer {
  constructor(private readonly projection: IndexProjection) {}

  @EventPattern<string[]>([...PROJECTED_EVENTS])
  onEvent(@Payload() event: ProjectedEnvelope) {
    return this.projection.apply(event);
  }
}
