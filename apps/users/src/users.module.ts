import { Module } from '@nestjs/common';
import { UsersController } from './controllers/users.controller';
import { FollowRepository } from './repositories/follow.repository';
import { UserRepository } from './repositories/user.repository';
import { AccountService } from './services/account.service';
import { PasswordHasher } from './services/password.hasher';
import { PasswordPolicy } from './services/password.policy';
import { ProfileService } from './services/profile.service';
import { TokenIssuer } from './services/token.issuer';

@Module({
  controllers: [UsersController],
  providers: [AccountService, ProfileService, UserRepository, FollowRepository, PasswordHasher, PasswordPolicy, TokenIssuer],
})
export class UsersModule {}
