import { Module } from '@nestjs/common';
import { AdminController } from './controllers/admin.controller';
import { UsersController } from './controllers/users.controller';
import { FollowRepository } from './repositories/follow.repository';
import { RateLimitRepository } from './repositories/rate-limit.repository';
import { UserRepository } from './repositories/user.repository';
import { AccountService } from './services/account.service';
import { AdminService } from './services/admin.service';
import { PasswordHasher } from './services/password.hasher';
import { PasswordPolicy } from './services/password.policy';
import { ProfileService } from './services/profile.service';
import { AuthRateLimiter, RATE_LIMIT_STORE } from './services/rate.limiter';
import { SessionService } from './services/session.service';
import { TokenIssuer } from './services/token.issuer';

@Module({
  controllers: [UsersController, AdminController],
  providers: [
    AccountService,
    AdminService,
    ProfileService,
    SessionService,
    UserRepository,
    FollowRepository,
    RateLimitRepository,
    { provide: RATE_LIMIT_STORE, useExisting: RateLimitRepository },
    AuthRateLimiter,
    PasswordHasher,
    PasswordPolicy,
    TokenIssuer,
  ],
})
export class UsersModule {}
