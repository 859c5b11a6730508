import { Injectable } from '@nestjs/common';
import { errorKind, type Actor, type ProfileView } from '@broadsheet/contracts';
import { BusClient, DomainError } from '@broadsheet/messaging';

export interface LookupOptions {
  /** Answer `{}` instead of failing when the users service is down or slow. */
  tolerateUnavailable?: boolean;
  timeoutMs?: number;
}

/**
 * RealWorld author profiles for any number of user ids in ONE `users.get-profiles` call, with
 * `following` for the viewer: every list, thread and page goes through here.
 */
@Injectable()
export class ProfileLookup {
  constructor(private readonly client: BusClient) {}

  async byIds(viewer: Actor | null, ids: Iterable<string | null>, options: LookupOptions = {}): Promise<Record<string, ProfileView>> {
    const userIds = [...new Set([...ids].filter((id): id is string => typeof id === 'string'))];
    if (userIds.length === 0) return {};
    try {
      const { profiles } = await this.client.request(
        'users.get-profiles',
        { viewerId: viewer?.userId ?? null, userIds },
        { timeoutMs: options.timeoutMs },
      );
      return profiles;
    } catch (error) {
      if (options.tolerateUnavailable && error instanceof DomainError && errorKind(error.code) === 'unavailable') return {};
      throw error;
    }
  }
}
