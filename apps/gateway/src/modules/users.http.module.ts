import { Module } from '@nestjs/common';
import { SessionRegistry } from '../auth/session.registry';
import { AdminController } from '../controllers/admin.controller';
import { ProfilesController, UsersController } from '../controllers/users.controller';

/**
 * The gateway's routes onto the users service, and the session registry that the global auth
 * guard (provided by GatewayModule, which imports this module) checks every token against.
 */
@Module({
  controllers: [UsersController, ProfilesController, AdminController],
  providers: [SessionRegistry],
  exports: [SessionRegistry],
})
export class UsersHttpModule {}
