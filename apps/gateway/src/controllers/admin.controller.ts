import { Body, Controller, Param, Put } from '@nestjs/common';
import type { Actor } from '@broadsheet/contracts';
import { BusClient } from '@broadsheet/messaging/client';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { SessionRegistry } from '../auth/session.registry';
import { Doc } from '../openapi/doc.decorator';

/** Account administration (admins only; the users service decides who is one). */
@Controller('users/:username')
export class AdminController {
  constructor(
    private readonly client: BusClient,
    private readonly sessions: SessionRegistry,
  ) {}

  /** `{"roles": ["author", ...]}`: replaces the account's roles. */
  @Put('roles')
  @Doc({ summary: 'Replace an account\'s roles (admins)', status: 200, auth: 'required', body: { roles: ['reader', 'author'] }, example: { account: { username: 'jane_doe', roles: ['reader', 'author'], status: 'active', suspendedUntil: null } }, errors: [403, 404, 422] })
  @Authenticated()
  setRoles(@CurrentActor() actor: Actor, @Param('username') username: string, @Body() body: unknown) {
    return this.manage('users.set-roles', actor, username, body);
  }

  /** `{"status": "suspended", "until": "...", "reason": "..."}`, `{"status": "banned"}` or `{"status": "active"}`. */
  @Put('status')
  @Doc({ summary: 'Suspend, ban or reinstate an account (admins)', status: 200, auth: 'required', body: { status: 'suspended', until: '2026-04-01T00:00:00.000Z', reason: 'spam' }, example: { account: { username: 'jane_doe', roles: ['reader'], status: 'suspended', suspendedUntil: '2026-04-01T00:00:00.000Z' } }, errors: [403, 404, 422] })
  @Authenticated()
  setStatus(@CurrentActor() actor: Actor, @Param('username') username: string, @Body() body: unknown) {
    return this.manage('users.set-status', actor, username, body);
  }

  /** This replica forgets what it cached about the account; the others hear the event. */
  private async manage(pattern: 'users.set-roles' | 'users.set-status', actor: Actor, username: string, body: unknown) {
    const { userId, account } = await this.client.request(pattern, { actor, username, body });
    this.sessions.forget(userId);
    return { account };
  }
}
