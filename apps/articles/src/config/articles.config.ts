import { DomainServiceConfig } from '@broadsheet/messaging';

/** The articles service's settings: the shared bus and database ones, plus its own. */
export class ArticlesConfig extends DomainServiceConfig {}
