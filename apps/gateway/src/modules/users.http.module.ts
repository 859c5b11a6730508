import { Module } from '@nestjs/common';

/** The gateway's routes onto the users service. */
@Module({ controllers: [], providers: [] })
export class UsersHttpModule {}
