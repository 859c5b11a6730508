import { Injectable } from '@nestjs/common';
import { errorKind, type Actor, type ProfileView } from '@broadsheet/contracts';
import { BusClient, DomainError } from '@broadsheet/messaging/client';

export interface LookupOptions {
  /** Answer `{}` instead of failing when the users service is down or slow. */
  tolerateUnavailable?: boolean;
  timeoutMs?: number;
}

/** Public profiles kept for anonymous views; beyond this the oldest are dropped. */
export const ANONYMOUS_PROFILES_MAX = 50_000;

/**
 * RealWorld author profiles for any number of user ids in ONE `users.get-profiles` call, with
 * `following` for the viewer: every list, thread and page goes through here.
 *
 * It keeps the public fields it has seen (with `following` false), a replica the
 * CacheInvalidator keeps true with `users.user.updated.v1` and friends, so an anonymous read
 * asks the users service only about authors it has not met. A signed-in viewer's own profile
 * comes from it too, since nobody can follow themselves: a reader's own comment costs no call.
 */
@Injectable()
export class ProfileLookup {
  private readonly publicProfiles = new Map<string, ProfileView>();

  constructor(private readonly client: BusClient) {}

  /** Drops what is known of one user (their public profile changed). */
  forget(userId: string): void {
    this.publicProfiles.delete(userId);
  }

  clear(): void {
    this.publicProfiles.clear();
  }

  async byIds(viewer: Actor | null, ids: Iterable<string | null>, options: LookupOptions = {}): Promise<Record<string, ProfileView>> {
    const userIds = [...new Set([...ids].filter((id): id is string => typeof id === 'string'))];
    const known: Record<string, ProfileView> = {};
    const unknown = userIds.filter((id) => !((viewer === null || id === viewer.userId) && this.copyKnown(id, known)));
    if (unknown.length === 0) return known;
    try {
      const { profiles } = await this.client.request(
        'users.get-profiles',
        { viewerId: viewer?.userId ?? null, userIds: unknown },
        { timeoutMs: options.timeoutMs },
      );
      this.remember(profiles);
      return { ...known, ...profiles };
    } catch (error) {
      if (options.tolerateUnavailable && error instanceof DomainError && errorKind(error.code) === 'unavailable') return {};
      throw error;
    }
  }

  private copyKnown(id: string, into: Record<string, ProfileView>): boolean {
    const profile = this.publicProfiles.get(id);
    if (profile) into[id] = profile;
    return profile !== undefined;
  }

  /** Keeps the public fields: `following` is the viewer's, not part of the profile. */
  private remember(profiles: Record<string, ProfileView>): void {
    for (const [id, profile] of Object.entries(profiles)) this.publicProfiles.set(id, profile.following ? { ...profile, following: false } : profile);
    for (const id of this.publicProfiles.keys()) {
      if (this.publicProfiles.size <= ANONYMOUS_PROFILES_MAX) break;
      this.publicProfiles.delete(id);
    }
  }
}
