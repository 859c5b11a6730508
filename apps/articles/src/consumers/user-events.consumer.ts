import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  USER_FOLLOWED_V1,
  USER_REGISTERED_V1,
  USER_UNFOLLOWED_V1,
  USER_UPDATED_V1,
  type Envelope,
  type UserFollowedV1,
  type UserRegisteredV1,
  type UserUnfollowedV1,
  type UserUpdatedV1,
} from '@broadsheet/contracts';
import { ReplicaRepository } from '../repositories/replica.repository';

/** Keeps the authors and follows replicas in step with the users service. */
@Controller()
export class UserEventsConsumer {
  constructor(private readonly replica: ReplicaRepository) {}

  @EventPattern<string>(USER_REGISTERED_V1)
  onRegistered(@Payload() event: Envelope<typeof USER_REGISTERED_V1, UserRegisteredV1>) {
    return this.replica.upsertAuthor(event.data.userId, event.data.username, new Date(event.data.registeredAt));
  }

  @EventPattern<string>(USER_UPDATED_V1)
  onUpdated(@Payload() event: Envelope<typeof USER_UPDATED_V1, UserUpdatedV1>) {
    return this.replica.upsertAuthor(event.data.userId, event.data.username, new Date(event.data.updatedAt));
  }

  @EventPattern<string>(USER_FOLLOWED_V1)
  onFollowed(@Payload() event: Envelope<typeof USER_FOLLOWED_V1, UserFollowedV1>) {
    return this.replica.follow(event.data.followerId, event.data.followeeId, new Date(event.data.followedAt));
  }

  @EventPattern<string>(USER_UNFOLLOWED_V1)
  onUnfollowed(@Payload() event: Envelope<typeof USER_UNFOLLOWED_V1, UserUnfollowedV1>) {
    return this.replica.unfollow(event.data.followerId, event.data.followeeId, new Date(event.data.unfollowedAt));
  }
}
