import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { USER_REGISTERED_V1, USER_SUSPENDED_V1, USER_UPDATED_V1, type Envelope, type EventMap } from '@broadsheet/contracts';
import { ModerationService } from '../services/moderation.service';

type Event<T extends keyof EventMap> = Envelope<T, EventMap[T]>;

/** Users events: the member directory and account standing (bans and suspensions). */
@Controller()
export class UserEventsConsumer {
  constructor(private readonly moderation: ModerationService) {}

  @EventPattern<string>(USER_REGISTERED_V1)
  onRegistered(@Payload() event: Event<typeof USER_REGISTERED_V1>) {
    return this.moderation.rememberMember(event.data.userId, event.data.username);
  }

  @EventPattern<string>(USER_UPDATED_V1)
  onUpdated(@Payload() event: Event<typeof USER_UPDATED_V1>) {
    return this.moderation.rememberMember(event.data.userId, event.data.username);
  }

  @EventPattern<string>(USER_SUSPENDED_V1)
  onStandingChanged(@Payload() event: Event<typeof USER_SUSPENDED_V1>) {
    return this.moderation.applyUserStanding(event.data);
  }
}
