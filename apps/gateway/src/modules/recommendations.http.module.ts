import { Module } from '@nestjs/common';

/** The gateway's routes onto the recommendations service. */
@Module({ controllers: [], providers: [] })
export class RecommendationsHttpModule {}
