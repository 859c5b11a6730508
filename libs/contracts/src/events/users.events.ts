export const USER_REGISTERED_V1 = 'users.user.registered.v1' as const;
export const USER_UPDATED_V1 = 'users.user.updated.v1' as const;
export const USER_FOLLOWED_V1 = 'users.user.followed.v1' as const;
export const USER_UNFOLLOWED_V1 = 'users.user.unfollowed.v1' as const;
export const USER_ROLE_CHANGED_V1 = 'users.user.role-changed.v1' as const;
export const USER_SUSPENDED_V1 = 'users.user.suspended.v1' as const;
export const USER_SESSIONS_REVOKED_V1 = 'users.user.sessions-revoked.v1' as const;

export type UserRole = 'reader' | 'author' | 'editor' | 'moderator' | 'admin';
export const USER_ROLES: readonly UserRole[] = ['reader', 'author', 'editor', 'moderator', 'admin'];
export type AccountStatus = 'active' | 'suspended' | 'banned';

/** A public profile as other services replicate it: never an email or a password hash. */
export interface PublicProfileV1 {
  userId: string;
  username: string;
  bio: string | null;
  image: string | null;
}

export interface UserRegisteredV1 extends PublicProfileV1 {
  roles: UserRole[];
  registeredAt: string;
}

export interface UserUpdatedV1 extends PublicProfileV1 {
  updatedAt: string;
}

export interface UserFollowedV1 {
  followerId: string;
  followeeId: string;
  followedAt: string;
}

export interface UserUnfollowedV1 {
  followerId: string;
  followeeId: string;
  unfollowedAt: string;
}

export interface UserRoleChangedV1 {
  userId: string;
  roles: UserRole[];
  changedBy: string;
  changedAt: string;
}

/** Emitted whenever an account's standing changes, including its return to `active`. */
export interface UserSuspendedV1 {
  userId: string;
  status: AccountStatus;
  /** End of a timed suspension; null for bans, lifts and open-ended suspensions. */
  until: string | null;
  reason: string | null;
  changedBy: string;
  changedAt: string;
}

export type SessionRevocationReason = 'logout' | 'password-changed' | 'roles-removed';

/** Every token of the account issued before `validAfter` is revoked from now on. */
export interface UserSessionsRevokedV1 {
  userId: string;
  /** RFC 3339 with milliseconds; tokens carry `iat_ms` to compare against it. */
  validAfter: string;
  reason: SessionRevocationReason;
}

/** The standing in force at `now`: a timed suspension whose end has passed reads `active`. */
export function standingAt(status: AccountStatus, suspendedUntil: Date | string | null, now: Date = new Date()): AccountStatus {
  if (status === 'suspended' && suspendedUntil !== null && new Date(suspendedUntil).getTime() <= now.getTime()) return 'active';
  return status;
}
