import { ArticleRevisionEntity } from './article-revision.entity';
import { ArticleSlugEntity } from './article-slug.entity';
import { ArticleEntity } from './article.entity';
import { AuthorEntity } from './author.entity';
import { FavoriteEntity } from './favorite.entity';
import { FollowEntity } from './follow.entity';
import { TagEntity } from './tag.entity';

/** Every entity of the articles schema. */
export const ARTICLES_ENTITIES: Function[] = [
  ArticleEntity,
  ArticleSlugEntity,
  ArticleRevisionEntity,
  FavoriteEntity,
  TagEntity,
  AuthorEntity,
  FollowEntity,
];
