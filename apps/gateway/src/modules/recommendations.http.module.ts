import { Module } from '@nestjs/common';
import { RecommendationsController } from '../controllers/recommendations.controller';

/** The gateway's routes onto the recommendations service. */
@Module({ controllers: [RecommendationsController], providers: [] })
export class RecommendationsHttpModule {}
