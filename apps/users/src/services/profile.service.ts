import { Injectable } from '@nestjs/common';
import { USER_FOLLOWED_V1, USER_UNFOLLOWED_V1, type Actor, type ProfileView } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { DomainError, Outbox } from '@broadsheet/messaging';
import type { UserEntity } from '../database/entities/user.entity';
import { toProfileView } from '../dtos/user.dtos';
import { FollowRepository } from '../repositories/follow.repository';
import { UserRepository } from '../repositories/user.repository';
import { assertMayWrite } from './standing.guard';

/** Public profiles and follows. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
  ) {}

  async get(viewer: Actor | null, username: string): Promise<ProfileView> {
    const user = await this.mustFind(username);
    const following = viewer ? (await this.follows.followedAmong(viewer.userId, [user.id])).has(user.id) : false;
    return toProfileView(user, following);
  }

  async follow(actor: Actor, username: string): Promise<ProfileView> {
    assertMayWrite(actor);
    const user = await this.mustFind(username);
    if (user.id === actor.userId) throw DomainError.invalid('username', 'is you: you cannot follow yourself');
    await this.tx.run(async () => {
      if (await this.follows.add(actor.userId, user.id)) {
        await this.outbox.add(USER_FOLLOWED_V1, actor.userId, {
          followerId: actor.userId,
          followeeId: user.id,
          followedAt: new Date().toISOString(),
        });
      }
    });
    return toProfileView(user, true);
  }

  async unfollow(actor: Actor, username: string): Promise<ProfileView> {
    assertMayWrite(actor);
    const user = await this.mustFind(username);
    await this.tx.run(async () => {
      if (await this.follows.remove(actor.userId, user.id)) {
        await this.outbox.add(USER_UNFOLLOWED_V1, actor.userId, {
          followerId: actor.userId,
          followeeId: user.id,
          unfollowedAt: new Date().toISOString(),
        });
      }
    });
    return toProfileView(user, false);
  }

  /** Profiles of many users at once, keyed by id, with `following` for the viewer. */
  async many(viewerId: string | null, userIds: string[]): Promise<Record<string, ProfileView>> {
    const ids = [...new Set(userIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const viewer = viewerId && /^[0-9a-f-]{36}$/i.test(viewerId) ? viewerId : null;
    const rows = await this.users.profilesWithFollowing(ids, viewer);
    return Object.fromEntries(rows.map((u) => [u.id, toProfileView(u, u.following)]));
  }

  private async mustFind(username: string): Promise<UserEntity> {
    const user = typeof username === 'string' ? await this.users.findByUsername(username) : null;
    if (!user) throw new DomainError('PROFILE.NOT_FOUND', 'profile not found', { profile: ['not found'] });
    return user;
  }
}
