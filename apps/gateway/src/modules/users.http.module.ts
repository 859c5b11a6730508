import { Module } from '@nestjs/common';
import { ProfilesController, UsersController } from '../controllers/users.controller';

/** The gateway's routes onto the users service. */
@Module({ controllers: [UsersController, ProfilesController] })
export class UsersHttpModule {}
