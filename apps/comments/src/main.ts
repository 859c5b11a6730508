import '@broadsheet/platform/source-maps';
import 'reflect-metadata';
import '@broadsheet/platform/preload';
import { runDomainService } from '@broadsheet/messaging';
import { CommentsConfig } from './config/comments.config';
import { COMMENTS_SERVICE } from './comments.definition';

void runDomainService(COMMENTS_SERVICE, CommentsConfig);
