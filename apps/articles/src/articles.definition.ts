import type { DomainServiceDefinition } from '@broadsheet/messaging';
import { ARTICLES_ENTITIES } from './database/entities';
import { ARTICLES_MIGRATIONS } from './database/migrations';
import { ArticlesModule } from './articles.module';

export const ARTICLES_SERVICE: DomainServiceDefinition = {
  name: 'articles',
  module: ArticlesModule,
  entities: ARTICLES_ENTITIES,
  migrations: ARTICLES_MIGRATIONS,
};
