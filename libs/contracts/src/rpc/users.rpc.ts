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
