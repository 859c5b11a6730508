/** The recommendations schema's migrations, oldest first (the messaging tables are added before them). */
export const RECOMMENDATIONS_MIGRATIONS: Function[] = [];
