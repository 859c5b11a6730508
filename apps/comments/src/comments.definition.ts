import type { DomainServiceDefinition } from '@broadsheet/messaging';
import { COMMENTS_ENTITIES } from './database/entities';
import { COMMENTS_MIGRATIONS } from './database/migrations';
import { CommentsModule } from './comments.module';

export const COMMENTS_SERVICE: DomainServiceDefinition = {
  name: 'comments',
  module: CommentsModule,
  entities: COMMENTS_ENTITIES,
  migrations: COMMENTS_MIGRATIONS,
};
