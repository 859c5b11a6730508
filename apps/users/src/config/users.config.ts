import { DomainServiceConfig } from '@broadsheet/messaging';

/** The users service's settings: the shared bus and database ones, plus its own. */
export class UsersConfig extends DomainServiceConfig {}
