import { Injectable } from '@nestjs/common';
import {
  ARTICLE_MODERATION_CHANGED_V1,
  MEMBER_SANCTIONED_V1,
  COMMENT_MODERATED_V1,
  type Actor,
  type ArticleModerationView,
  type CommentView,
  type ModerationAction,
  type ModerationDecision,
  type ModerationItemView,
  type SanctionView,
  type UserSuspendedV1,
} from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { DomainError, Outbox } from '@broadsheet/messaging';
import { CommentsConfig } from '../config/comments.config';
import type { CommentEntity } from '../database/entities/comment.entity';
import { DEFAULT_PAGE_SIZE, parseCommentId, toCommentView } from '../dtos/comment.dtos';
import { REJECT_REASONS, type ArticleModerationDto, type DecisionDto, type QueueQueryDto, type SanctionDto } from '../dtos/moderation.dtos';
import { ArticleReplicaRepository } from '../repositories/article-replica.repository';
import { CommentRepository } from '../repositories/comment.repository';
import { ModerationRepository, type AuditAction } from '../repositories/moderation.repository';
import { Clock } from './clock';
import { closedReason, UNLISTED_STATUSES } from './conversation.policy';
import { decodeIdCursor, encodeIdCursor } from './cursor.codec';

const MODERATOR_ROLES = ['moderator', 'admin'];

/** Whether the caller's token carries a moderating role. */
export function isModerator(actor: Actor | null): boolean {
  return Boolean(actor?.roles.some((role) => MODERATOR_ROLES.includes(role)));
}

export const commentNotFound = () => new DomainError('COMMENT.NOT_FOUND', 'comment not found', { comment: ['not found'] });
export const articleNotFound = () => new DomainError('ARTICLE.NOT_FOUND', 'article not found', { article: ['not found'] });

/** The moderation desk: queues, decisions, per-article modes, sanctions, and the audit trail of each. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly config: CommentsConfig,
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly comments: CommentRepository,
    private readonly articles: ArticleReplicaRepository,
    private readonly moderation: ModerationRepository,
    private readonly clock: Clock,
  ) {}

  async queue(actor: Actor, query: QueueQueryDto): Promise<{ comments: ModerationItemView[]; nextCursor: string | null }> {
    requireModerator(actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.comments.queue(query.queue, query.cursor ? decodeIdCursor(query.cursor) : 0, limit + 1);
    const page = rows.slice(0, limit);
    const liked = await this.comments.likedAmong(actor.userId, page.map((c) => c.id));
    return {
      comments: page.map((c) => ({
        ...toCommentView(c, liked.has(c.id)),
        articleSlug: c.articleSlug,
        reportsCount: c.openReports,
        reportReasons: c.reportReasons ?? {},
      })),
      nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
    };
  }

  /** Approve (shown, reports resolved), reject with a reason code, or feature a comment. */
  async decide(actor: Actor, rawId: unknown, action: ModerationAction, input: DecisionDto): Promise<CommentView> {
    requireModerator(actor);
    const id = parseCommentId(rawId);
    if (action === 'reject' && !input.reasonCode) {
      throw DomainError.invalid('reasonCode', `can't be blank: one of ${REJECT_REASONS.join(', ')}`);
    }
    return this.tx.run(async () => {
      const comment = await this.comments.findForModeration(id);
      if (!comment || comment.deletedAt) throw commentNotFound();
      let updated: CommentEntity;
      let decision: ModerationDecision;
      if (action === 'approve') {
        updated = await this.comments.setVisibility(id, { visibility: 'visible', rejectReason: null, clearReports: true });
        decision = 'approved';
      } else if (action === 'reject') {
        updated = await this.comments.setVisibility(id, { visibility: 'rejected', rejectReason: input.reasonCode, clearReports: true });
        decision = 'rejected';
      } else {
        if (comment.visibility !== 'visible') throw DomainError.invalid('comment', 'must be visible to be featured: approve it first');
        updated = await this.comments.setVisibility(id, { featured: true });
        decision = 'featured';
      }
      await this.record(updated, decision, actor.userId, input.reasonCode ?? null, input.note ?? null);
      const liked = await this.comments.likedAmong(actor.userId, [id]);
      return toCommentView(updated, liked.has(id));
    });
  }

  /** Hides a comment that reached the report threshold, until a moderator reviews it. Joins the caller's transaction. */
  async hideReported(comment: CommentEntity): Promise<CommentEntity> {
    const hidden = await this.comments.setVisibility(comment.id, { visibility: 'hidden' });
    await this.record(hidden, 'hidden', null, 'reports-threshold', `${hidden.openReports} open reports`);
    return hidden;
  }

  async setArticleMode(actor: Actor, slug: string, input: ArticleModerationDto): Promise<ArticleModerationView> {
    requireModerator(actor);
    return this.tx.run(async () => {
      const article = await this.articles.findBySlug(slug);
      if (!article || UNLISTED_STATUSES.includes(article.status)) throw articleNotFound();
      await this.articles.setModerationMode(article.id, input.moderationMode);
      await this.moderation.audit({
        action: 'article-moderation',
        articleId: article.id,
        actorId: actor.userId,
        reasonCode: input.moderationMode ?? 'inherit',
      });
      await this.outbox.add(ARTICLE_MODERATION_CHANGED_V1, article.id, {
        articleId: article.id,
        slug: article.slug,
        moderationMode: input.moderationMode ?? null,
        moderatorId: actor.userId,
        decidedAt: this.clock.now().toISOString(),
      });
      return {
        slug: article.slug,
        moderationMode: input.moderationMode ?? this.config.COMMENTS_MODERATION_MODE,
        inherited: input.moderationMode === null,
        closed: closedReason(article, this.clock.now(), this.config.COMMENTS_CLOSE_AFTER_DAYS) !== null,
      };
    });
  }

  /** A moderator bans, suspends (until a time, or until lifted) or reinstates a member by username. */
  async sanction(actor: Actor, username: string, input: SanctionDto): Promise<SanctionView> {
    requireModerator(actor);
    const until = input.status === 'suspended' && input.until ? new Date(input.until) : null;
    if (until && until.getTime() <= this.clock.now().getTime()) throw DomainError.invalid('until', 'must be in the future');
    return this.tx.run(async () => {
      const member = typeof username === 'string' ? await this.moderation.findMemberByUsername(username) : null;
      if (!member) throw new DomainError('COMMENT.MEMBER_NOT_FOUND', 'member not found', { username: ['not found'] });
      await this.applyStanding(member.userId, input.status, until, input.reason ?? null, 'moderator', actor.userId);
      await this.outbox.add(MEMBER_SANCTIONED_V1, member.userId, {
        userId: member.userId,
        status: input.status,
        until: until?.toISOString() ?? null,
        reason: input.reason ?? null,
        moderatorId: actor.userId,
        decidedAt: this.clock.now().toISOString(),
      });
      return { username: member.username, status: input.status, until: until?.toISOString() ?? null, reason: input.reason ?? null };
    });
  }

  /** Applies an account's standing as the users service announced it. Runs in the consumer's transaction. */
  async applyUserStanding(event: UserSuspendedV1): Promise<void> {
    const until = event.status === 'suspended' && event.until ? new Date(event.until) : null;
    await this.applyStanding(event.userId, event.status, until, event.reason, 'users', event.changedBy);
  }

  /** Keeps the member directory (id to username) that moderator sanctions look names up in. */
  async rememberMember(userId: string, username: string): Promise<void> {
    await this.moderation.upsertMember(userId, username);
  }

  private async applyStanding(
    userId: string,
    status: SanctionView['status'],
    until: Date | null,
    reason: string | null,
    source: 'users' | 'moderator',
    changedBy: string | null,
  ): Promise<void> {
    let action: AuditAction = 'sanctioned';
    if (status === 'active') {
      await this.moderation.liftSanction(userId);
      action = 'sanction-lifted';
    } else {
      await this.moderation.setSanction({ userId, status, until, reason, source, changedBy, changedAt: this.clock.now() });
    }
    await this.moderation.audit({
      action,
      subjectUserId: userId,
      actorId: changedBy,
      reasonCode: status,
      details: [source, until ? `until ${until.toISOString()}` : null, reason].filter(Boolean).join('; '),
    });
  }

  private async record(comment: CommentEntity, decision: ModerationDecision, moderatorId: string | null, reasonCode: string | null, note: string | null): Promise<void> {
    await this.outbox.add(COMMENT_MODERATED_V1, String(comment.id), {
      commentId: comment.id,
      articleId: comment.articleId,
      decision,
      reasonCode,
      moderatorId,
      decidedAt: comment.updatedAt.toISOString(),
    });
    await this.moderation.audit({
      action: decision,
      commentId: comment.id,
      articleId: comment.articleId,
      subjectUserId: comment.authorId,
      actorId: moderatorId,
      reasonCode,
      details: note,
    });
  }
}

function requireModerator(actor: Actor): void {
  if (!isModerator(actor)) {
    throw new DomainError('AUTH.FORBIDDEN', 'moderators only', { moderation: ['needs the moderator or admin role'] });
  }
}
