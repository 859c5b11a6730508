import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging';
import { AUTH_MODE, type AuthMode } from './auth.decorators';
import { TokenVerifier } from './token.verifier';

/** `Authorization: Token <jwt>` (RealWorld) or `Bearer <jwt>`. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  const match = header?.match(/^(?:Token|Bearer)\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Global guard: a request with a token is verified on every route (a bad token is 401 even
 * where anonymous reads are allowed); routes marked `@Authenticated()` also need one.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor; token?: string }>();
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
    request.actor = await this.verifier.verify(token);
    request.token = token;
    return true;
  }
}
