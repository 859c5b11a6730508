import { Module } from '@nestjs/common';

/** The gateway's routes onto the articles service. */
@Module({ controllers: [], providers: [] })
export class ArticlesHttpModule {}
