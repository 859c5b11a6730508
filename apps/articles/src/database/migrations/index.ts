/** The articles schema's migrations, oldest first (the messaging tables are added before them). */
export const ARTICLES_MIGRATIONS: Function[] = [];
