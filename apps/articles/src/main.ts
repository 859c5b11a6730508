import '@broadsheet/platform/source-maps';
import 'reflect-metadata';
import '@broadsheet/platform/preload';
import { runDomainService } from '@broadsheet/messaging';
import { ArticlesConfig } from './config/articles.config';
import { ARTICLES_SERVICE } from './articles.definition';

void runDomainService(ARTICLES_SERVICE, ArticlesConfig);
