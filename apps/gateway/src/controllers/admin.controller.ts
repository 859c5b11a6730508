import { Body, Controller, Param, Put } from '@nestjs/common';
import type { Actor } from '@broadsheet/contracts';
import { BusClient } from '@broadsheet/messaging';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { SessionRegistry } from '../auth/session.registry';

/** Account administration (admins only; the users service decides who is one). */
@Controller('users/:username')
export class AdminController {
  constructor(
    private readonly client: BusClient,
    private readonly sessions: SessionRegistry,
  ) {}

  /** `{"roles": ["author", ...]}`: replaces the account's roles. */
  @Put('roles')
  @Authenticated()
  async setRoles(@CurrentActor() actor: Actor, @Param('username') username: string, @Body() body: unknown) {
    const { userId, account } = await this.client.request('users.set-roles', { actor, username, body });
    this.sessions.forget(userId);
    return { account };
  }

  /** `{"status": "suspended", "until": "...", "reason": "..."}`, `{"status": "banned"}` or `{"status": "active"}`. */
  @Put('status')
  @Authenticated()
  async setStatus(@CurrentActor() actor: Actor, @Param('username') username: string, @Body() body: unknown) {
    const { userId, account } = await this.client.request('users.set-status', { actor, username, body });
    this.sessions.forget(userId);
    return { account };
  }
}
