import { CreateUsers1764100001000 } from './1764100001000-create-users';
import { AccountSecurity1764100002000 } from './1764100002000-account-security';

/** The users schema's migrations, oldest first (the messaging tables are added before them). */
export const USERS_MIGRATIONS: Function[] = [CreateUsers1764100001000, AccountSecurity1764100002000];
