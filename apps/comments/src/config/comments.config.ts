import { DomainServiceConfig } from '@broadsheet/messaging';

/** The comments service's settings: the shared bus and database ones, plus its own. */
export class CommentsConfig extends DomainServiceConfig {}
