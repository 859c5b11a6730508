import { Module } from '@nestjs/common';

/** The gateway's routes onto the comments service. */
@Module({ controllers: [], providers: [] })
export class CommentsHttpModule {}
