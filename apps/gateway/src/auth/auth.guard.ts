import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { standingAt, type Actor, type TokenStatus } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging/client';
import { ALLOW_WHILE_SUSPENDED, AUTH_MODE, type AuthMode } from './auth.decorators';
import { SessionRegistry } from './session.registry';
import { TokenVerifier } from './token.verifier';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const REVOKED = () =>
  new DomainError('AUTH.TOKEN_REVOKED', 'token has been revoked: sign in again', { token: ['has been revoked: sign in again'] });

/** The 403 a suspended or banned account gets for a write, naming the standing and its end. */
export function standingError(status: Exclude<TokenStatus['status'], 'active'>, until: string | null, reason: string | null): DomainError {
  const term = status === 'banned' ? 'is banned' : until ? `is suspended until ${until}` : 'is suspended until further notice';
  const message = `${term}${reason ? ` (${reason})` : ''}: it can read but not write`;
  return new DomainError('USER.SUSPENDED', `account ${message}`, { account: [message] });
}

/** `Authorization: Token <jwt>` (RealWorld) or `Bearer <jwt>`. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  const match = header?.match(/^(?:Token|Bearer)\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Global guard: a request with a token is verified on every route (a bad or revoked token is
 * 401 even where anonymous reads are allowed); routes marked `@Authenticated()` also need one.
 * The actor's standing is the one in force now (from the session registry, not the token), and
 * a suspended or banned account's writes are refused with 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly sessions: SessionRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ method: string; headers: Record<string, string | undefined>; actor?: Actor; token?: string }>();
    const mode = this.reflector.getAllAndOverride<AuthMode>(AUTH_MODE, [context.getHandler(), context.getClass()]) ?? 'optional';
    const header = request.headers.authorization;
    const token = tokenFromHeader(header);
    if (header && !token) {
      throw new DomainError('AUTH.INVALID_TOKEN', 'authorization header must be "Token <jwt>"', {
        token: ['must be sent as "Authorization: Token <jwt>"'],
      });
    }
    if (!token) {
      if (mode === 'required') {
        throw new DomainError('AUTH.REQUIRED', 'sign in to do this: send Authorization: Token <jwt>', {
          token: ['is missing: sign in to join the conversation'],
        });
      }
      return true;
    }
    const claims = await this.verifier.verify(token);
    const session = await this.sessions.statusOf(claims.userId);
    if (!session.exists || claims.issuedAtMs < session.validAfterMs) throw REVOKED();
    const status = standingAt(session.status, session.suspendedUntil);
    if (status !== 'active' && !READ_METHODS.has(request.method.toUpperCase())) {
      const allowed = this.reflector.getAllAndOverride<boolean>(ALLOW_WHILE_SUSPENDED, [context.getHandler(), context.getClass()]);
      if (!allowed) throw standingError(status, session.suspendedUntil, session.suspensionReason);
    }
    request.actor = { userId: claims.userId, username: claims.username, roles: claims.roles, status };
    request.token = token;
    return true;
  }
}
