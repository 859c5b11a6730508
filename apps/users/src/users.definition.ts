import type { DomainServiceDefinition } from '@broadsheet/messaging';
import { USERS_ENTITIES } from './database/entities';
import { USERS_MIGRATIONS } from './database/migrations';
import { UsersModule } from './users.module';

export const USERS_SERVICE: DomainServiceDefinition = {
  name: 'users',
  module: UsersModule,
  entities: USERS_ENTITIES,
  migrations: USERS_MIGRATIONS,
};
