import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcRequest } from '@broadsheet/contracts';
import { parseDto } from '@broadsheet/messaging';
import { LoginDto, RegisterDto, UpdateUserDto } from '../dtos/user.dtos';
import { AccountService } from '../services/account.service';
import { ProfileService } from '../services/profile.service';
import { SessionService } from '../services/session.service';

const clientIpOf = (req: { clientIp?: unknown }): string | null => (typeof req.clientIp === 'string' && req.clientIp ? req.clientIp : null);

@Controller()
export class UsersController {
  constructor(
    private readonly accounts: AccountService,
    private readonly profiles: ProfileService,
    private readonly sessions: SessionService,
  ) {}

  @MessagePattern('users.register')
  async register(@Payload() req: RpcRequest<'users.register'>) {
    return { user: await this.accounts.register(await parseDto(RegisterDto, req.user), clientIpOf(req)) };
  }

  @MessagePattern('users.login')
  async login(@Payload() req: RpcRequest<'users.login'>) {
    return { user: await this.accounts.login(await parseDto(LoginDto, req.user), clientIpOf(req)) };
  }

  @MessagePattern('users.logout')
  logout(@Payload() req: RpcRequest<'users.logout'>) {
    return this.accounts.logout(req.actor);
  }

  @MessagePattern('users.token-status')
  tokenStatus(@Payload() req: RpcRequest<'users.token-status'>) {
    return this.sessions.status(req.userId);
  }

  @MessagePattern('users.get-current')
  async current(@Payload() req: RpcRequest<'users.get-current'>) {
    return { user: await this.accounts.current(req.actor, req.token) };
  }

  @MessagePattern('users.update-current')
  async update(@Payload() req: RpcRequest<'users.update-current'>) {
    return { user: await this.accounts.update(req.actor, req.token, await parseDto(UpdateUserDto, req.user)) };
  }

  @MessagePattern('users.get-profile')
  async profile(@Payload() req: RpcRequest<'users.get-profile'>) {
    return { profile: await this.profiles.get(req.actor, req.username) };
  }

  @MessagePattern('users.follow')
  async follow(@Payload() req: RpcRequest<'users.follow'>) {
    return { profile: await this.profiles.follow(req.actor, req.username) };
  }

  @MessagePattern('users.unfollow')
  async unfollow(@Payload() req: RpcRequest<'users.unfollow'>) {
    return { profile: await this.profiles.unfollow(req.actor, req.username) };
  }

  @MessagePattern('users.get-profiles')
  async profilesOf(@Payload() req: RpcRequest<'users.get-profiles'>) {
    return { profiles: await this.profiles.many(req.viewerId, Array.isArray(req.userIds) ? req.userIds : []) };
  }
}
