import { DomainServiceConfig } from '@broadsheet/messaging';

/** The recommendations service's settings: the shared bus and database ones, plus its own. */
export class RecommendationsConfig extends DomainServiceConfig {}
