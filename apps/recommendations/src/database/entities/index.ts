import { AuthorEntity } from './author.entity';
import { EngagementEntity } from './engagement.entity';
import { FollowEntity } from './follow.entity';
import { IndexedArticleEntity } from './indexed-article.entity';

export { AuthorEntity, EngagementEntity, FollowEntity, IndexedArticleEntity };
export type { EngagementKind } from './engagement.entity';
export type { IndexedArticleStatus } from './indexed-article.entity';

/** Every entity of the recommendations schema. */
export const RECOMMENDATIONS_ENTITIES: Function[] = [IndexedArticleEntity, AuthorEntity, EngagementEntity, FollowEntity];
