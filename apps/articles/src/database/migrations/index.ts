import { CreateArticles1764100002000 } from './1764100002000-create-articles';

/** The articles schema's migrations, oldest first (the messaging tables are added before them). */
export const ARTICLES_MIGRATIONS: Function[] = [CreateArticles1764100002000];
