import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@broadsheet/contracts';

export const AUTH_MODE = 'broadsheet:auth-mode';
export type AuthMode = 'required' | 'optional';

/** The route needs a valid token; without one it answers 401. */
export const Authenticated = () => SetMetadata(AUTH_MODE, 'required' satisfies AuthMode);

/** The signed-in caller (verified token), or null on a route that allows anonymous readers. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | null => {
  return ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor ?? null;
});

/** The raw token of the current request (for logout), or null. */
export const CurrentToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => {
  return ctx.switchToHttp().getRequest<{ token?: string }>().token ?? null;
});

export const ALLOW_WHILE_SUSPENDED = 'broadsheet:allow-while-suspended';

/** A write a suspended or banned account may still make (signing out). */
export const AllowWhileSuspended = () => SetMetadata(ALLOW_WHILE_SUSPENDED, true);
