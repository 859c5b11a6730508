import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@broadsheet/contracts';
import { BusClient } from '@broadsheet/messaging/client';
import { AllowWhileSuspended, Authenticated, CurrentActor, CurrentToken } from '../auth/auth.decorators';
import { SessionRegistry } from '../auth/session.registry';
import { unwrap } from '../http/body';
import { Doc } from '../openapi/doc.decorator';
import { PROFILE, USER } from '../openapi/examples';

/** Registration, sign-in and the current user (RealWorld `/users`, `/user`). */
@Controller()
export class UsersController {
  constructor(
    private readonly client: BusClient,
    private readonly sessions: SessionRegistry,
  ) {}

  @Post('users')
  @Doc({ summary: 'Register', status: 201, body: { user: { username: 'jane_doe', email: 'jane@example.com', password: 'a long pass phrase' } }, example: { user: USER }, errors: [422, 429] })
  @HttpCode(201)
  register(@Body() body: unknown, @Req() request: FastifyRequest) {
    return this.client.request('users.register', { user: unwrap(body, 'user'), clientIp: request.ip ?? null });
  }

  @Post('users/login')
  @Doc({ summary: 'Sign in', status: 200, body: { user: { email: 'jane@example.com', password: 'a long pass phrase' } }, example: { user: USER }, errors: [422, 429] })
  @HttpCode(200)
  login(@Body() body: unknown, @Req() request: FastifyRequest) {
    return this.client.request('users.login', { user: unwrap(body, 'user'), clientIp: request.ip ?? null });
  }

  @Get('user')
  @Doc({ summary: 'The current user', status: 200, auth: 'required', example: { user: USER } })
  @Authenticated()
  current(@CurrentActor() actor: Actor, @CurrentToken() token: string) {
    return this.client.request('users.get-current', { actor, token });
  }

  @Put('user')
  @Doc({ summary: 'Update the current user (a new password revokes older tokens and returns a new one)', status: 200, auth: 'required', body: { user: { bio: 'Covers the port.', image: 'https://images.example.com/jane.png' } }, example: { user: USER }, errors: [403, 422] })
  @Authenticated()
  async update(@CurrentActor() actor: Actor, @CurrentToken() token: string, @Body() body: unknown) {
    const answer = await this.client.request('users.update-current', { actor, token, user: unwrap(body, 'user') });
    // A new password revoked the caller's earlier tokens: don't serve them from the cache here.
    if (answer.user.token !== token) this.sessions.forget(actor.userId);
    return answer;
  }

  /** Signs out everywhere: every token of the caller issued so far stops working. */
  @Post('user/logout')
  @Doc({ summary: 'Sign out everywhere: revokes every token issued so far', status: 204, auth: 'required' })
  @HttpCode(204)
  @Authenticated()
  @AllowWhileSuspended()
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    const { validAfterMs } = await this.client.request('users.logout', { actor });
    this.sessions.revokedNow(actor.userId, validAfterMs);
  }
}

/** Public profiles and follows (RealWorld `/profiles`). */
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly client: BusClient) {}

  @Get(':username')
  @Doc({ summary: 'A profile', status: 200, auth: 'optional', example: { profile: PROFILE }, errors: [404] })
  profile(@CurrentActor() actor: Actor | null, @Param('username') username: string) {
    return this.client.request('users.get-profile', { actor, username });
  }

  @Post(':username/follow')
  @Doc({ summary: 'Follow a user', status: 200, auth: 'required', example: { profile: { ...PROFILE, following: true } }, errors: [403, 404, 422] })
  @HttpCode(200)
  @Authenticated()
  follow(@CurrentActor() actor: Actor, @Param('username') username: string) {
    return this.client.request('users.follow', { actor, username });
  }

  @Delete(':username/follow')
  @Doc({ summary: 'Unfollow a user', status: 200, auth: 'required', example: { profile: PROFILE }, errors: [403, 404] })
  @HttpCode(200)
  @Authenticated()
  unfollow(@CurrentActor() actor: Actor, @Param('username') username: string) {
    return this.client.request('users.unfollow', { actor, username });
  }
}
