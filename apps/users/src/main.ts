import '@broadsheet/platform/source-maps';
import 'reflect-metadata';
import '@broadsheet/platform/preload';
import { runDomainService } from '@broadsheet/messaging';
import { UsersConfig } from './config/users.config';
import { USERS_SERVICE } from './users.definition';

void runDomainService(USERS_SERVICE, UsersConfig);
