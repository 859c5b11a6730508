import { CreateComments1764100003000 } from './1764100003000-create-comments';
import { PageSizedReads1764400000000 } from './1764400000000-page-sized-reads';

/** The comments schema's migrations, oldest first (the messaging tables are added before them). */
export const COMMENTS_MIGRATIONS: Function[] = [CreateComments1764100003000, PageSizedReads1764400000000];
