import { CreateArticles1764100002000 } from './1764100002000-create-articles';
import { ArticleListing1764300000000 } from './1764300000000-article-listing';
import { ListCounts1764400000000 } from './1764400000000-list-counts';
import { TagLists1764500000000 } from './1764500000000-tag-lists';

/** The articles schema's migrations, oldest first (the messaging tables are added before them). */
export const ARTICLES_MIGRATIONS: Function[] = [CreateArticles1764100002000, ArticleListing1764300000000, ListCounts1764400000000, TagLists1764500000000];
