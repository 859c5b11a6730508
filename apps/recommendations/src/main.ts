import '@broadsheet/platform/source-maps';
import 'reflect-metadata';
import '@broadsheet/platform/preload';
import { runDomainService } from '@broadsheet/messaging';
import { RecommendationsConfig } from './config/recommendations.config';
import { RECOMMENDATIONS_SERVICE } from './recommendations.definition';

void runDomainService(RECOMMENDATIONS_SERVICE, RecommendationsConfig);
