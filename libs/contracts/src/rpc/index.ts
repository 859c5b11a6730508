import type { HealthReport } from './common.rpc';
import type { UsersRpc } from './users.rpc';
import type { ArticlesRpc } from './articles.rpc';
import type { CommentsRpc } from './comments.rpc';
import type { RecommendationsRpc } from './recommendations.rpc';

export * from './common.rpc';
export * from './users.rpc';
export * from './articles.rpc';
export * from './comments.rpc';
export * from './recommendations.rpc';

/**
 * Every request/reply pattern, `<service>.<verb-noun>`, with its request and response types.
 * The RPC client is typed by this map, so a caller and a handler cannot disagree silently.
 */
export type RpcMap = UsersRpc &
  ArticlesRpc &
  CommentsRpc &
  RecommendationsRpc & {
    'users.health': { request: void; response: HealthReport };
    'articles.health': { request: void; response: HealthReport };
    'comments.health': { request: void; response: HealthReport };
    'recommendations.health': { request: void; response: HealthReport };
  };

export type RpcPattern = keyof RpcMap;
export type RpcRequest<P extends RpcPattern> = RpcMap[P]['request'];
export type RpcResponse<P extends RpcPattern> = RpcMap[P]['response'];
