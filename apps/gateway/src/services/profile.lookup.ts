import { Injectable } from '@nestjs/common';
import { errorKind, type Actor, type ProfileView } from '@broadsheet/contracts';
import { BusClient, DomainError } from '@broadsheet/messaging';

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
 * For anonymous viewers (`following` is always false) it keeps the public fields it has seen,
 * a replica the CacheInvalidator keeps true with `users.user.updated.v1` and friends, so an
 * anonymous read asks the users service only about authors it has not met.
 */
@Injectable()
export class ProfileLookup {
  private readonly anonymous = new Map<string, ProfileView>();

  constructor(private readonly client: BusClient) {}

  /** Drops what is known of one user (their public profile changed). */
  forget(userId: string): void {
    this.anonymous.delete(userId);
  }

  clear(): void {
    this.anonymous.clear();
  }

  async byIds(viewer: Actor | null, ids: Iterable<string | null>, options: LookupOptions = {}): Promise<Record<string, ProfileView>> {
    const userIds = [...new Set([...ids].filter((id): id is string => typeof id === 'string'))];
    const known: Record<string, ProfileView> = {};
    const unknown = viewer ? userIds : userIds.filter((id) => !this.copyKnown(id, known));
    if (unknown.length === 0) return known;
    try {
      const { profiles } = await this.client.request(
        'users.get-profiles',
        { viewerId: viewer?.userId ?? null, userIds: unknown },
        { timeoutMs: options.timeoutMs },
      );
      if (!viewer) this.remember(profiles);
      return { ...known, ...profiles };
    } catch (error) {
      if (options.tolerateUnavailable && error instanceof DomainError && errorKind(error.code) === 'unavailable') return {};
      throw error;
    }
  }

  private copyKnown(id: string, into: Record<string, ProfileView>): boolean {
    const profile = this.anonymous.get(id);
    if (profile) into[id] = profile;
    return profile !== undefined;
  }

  private remember(profiles: Record<string, ProfileView>): void {
    for (const [id, profile] of Object.entries(profiles)) this.anonymous.set(id, profile);
    for (const id of this.anonymous.keys()) {
      if (this.anonymous.size <= ANONYMOUS_PROFILES_MAX) break;
      this.anonymous.delete(id);
    }
  }
}
