import type { AccountStatus, UserRole } from '../events/users.events';
import type { Actor } from './common.rpc';

/** A RealWorld profile as the viewer sees it. */
export interface ProfileView {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

/** A RealWorld user: the signed-in account with a fresh or current token. */
export interface UserView {
  email: string;
  token: string;
  username: string;
  bio: string | null;
  image: string | null;
}

/** An account's roles and standing, as an admin sees and sets them. */
export interface AccountView {
  username: string;
  roles: UserRole[];
  status: AccountStatus;
  /** End of a timed suspension (ISO 8601), or null. */
  suspendedUntil: string | null;
  suspensionReason: string | null;
}

/** What the gateway needs, beyond a valid signature, to accept an account's tokens. */
export interface TokenStatus {
  /** False when the account no longer exists: every token of it is refused. */
  exists: boolean;
  /** Tokens issued before this instant (epoch milliseconds) are revoked. */
  validAfterMs: number;
  /** The standing in force now (a timed suspension that has ended reads `active`). */
  status: AccountStatus;
  suspendedUntil: string | null;
  suspensionReason: string | null;
}

/** Request/reply patterns answered by the users service. */
export interface UsersRpc {
  'users.register': {
    request: { user: { username?: unknown; email?: unknown; password?: unknown }; clientIp: string | null };
    response: { user: UserView };
  };
  'users.login': {
    request: { user: { email?: unknown; password?: unknown }; clientIp: string | null };
    response: { user: UserView };
  };
  /** Revokes every token of the caller issued up to now (sign out everywhere). */
  'users.logout': { request: { actor: Actor }; response: { validAfterMs: number } };
  /** Asked by the gateway when its revocation cache has no fresh entry for the account. */
  'users.token-status': { request: { userId: string }; response: TokenStatus };
  /** Admin only: replaces an account's roles (`reader` is always kept). */
  'users.set-roles': {
    request: { actor: Actor; username: string; body: unknown };
    response: { userId: string; account: AccountView };
  };
  /** Admin only: suspends (optionally until a time), bans or reinstates an account. */
  'users.set-status': {
    request: { actor: Actor; username: string; body: unknown };
    response: { userId: string; account: AccountView };
  };
  'users.get-current': { request: { actor: Actor; token: string }; response: { user: UserView } };
  'users.update-current': {
    request: { actor: Actor; token: string; user: Record<string, unknown> };
    response: { user: UserView };
  };
  'users.get-profile': { request: { actor: Actor | null; username: string }; response: { profile: ProfileView } };
  'users.follow': { request: { actor: Actor; username: string }; response: { profile: ProfileView } };
  'users.unfollow': { request: { actor: Actor; username: string }; response: { profile: ProfileView } };
  /**
   * Many profiles in one call (article lists, comment threads), keyed by user id, with
   * `following` for the viewer. Unknown ids are left out.
   */
  'users.get-profiles': {
    request: { viewerId: string | null; userIds: string[] };
    response: { profiles: Record<string, ProfileView> };
  };
}
