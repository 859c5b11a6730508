/** The users schema's migrations, oldest first (the messaging tables are added before them). */
export const USERS_MIGRATIONS: Function[] = [];
