import { ArticleReplicaEntity, ArticleSlugEntity } from './article-replica.entity';
import { CommentEntity, CommentLikeEntity, CommentReportEntity, CommentRevisionEntity } from './comment.entity';
import { MemberEntity, ModerationAuditEntity, PostThrottleEntity, SanctionEntity } from './moderation.entity';

/** Every entity of the comments schema. */
export const COMMENTS_ENTITIES: Function[] = [
  ArticleReplicaEntity,
  ArticleSlugEntity,
  CommentEntity,
  CommentRevisionEntity,
  CommentLikeEntity,
  CommentReportEntity,
  MemberEntity,
  SanctionEntity,
  PostThrottleEntity,
  ModerationAuditEntity,
];
