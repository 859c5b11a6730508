/** The comments schema's migrations, oldest first (the messaging tables are added before them). */
export const COMMENTS_MIGRATIONS: Function[] = [];
