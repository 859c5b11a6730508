import type { DomainServiceDefinition } from '@broadsheet/messaging';
import { RECOMMENDATIONS_ENTITIES } from './database/entities';
import { RECOMMENDATIONS_MIGRATIONS } from './database/migrations';
import { RecommendationsModule } from './recommendations.module';

export const RECOMMENDATIONS_SERVICE: DomainServiceDefinition = {
  name: 'recommendations',
  module: RecommendationsModule,
  entities: RECOMMENDATIONS_ENTITIES,
  migrations: RECOMMENDATIONS_MIGRATIONS,
};
