import { Injectable } from '@nestjs/common';
import {
  COMMENT_CREATED_V1,
  COMMENT_DELETED_V1,
  COMMENT_EDITED_V1,
  COMMENT_LIKED_V1,
  COMMENT_UNLIKED_V1,
  COMMENT_REPORTED_V1,
  type Actor,
  type CommentView,
  type ReportView,
} from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { DomainError, Outbox } from '@broadsheet/messaging';
import { CommentsConfig } from '../config/comments.config';
import type { ReplicaStatus } from '../database/entities/article-replica.entity';
import type { CommentEntity } from '../database/entities/comment.entity';
import {
  DEFAULT_PAGE_SIZE,
  parseCommentId,
  toCommentCreated,
  toCommentView,
  type CreateCommentDto,
  type EditCommentDto,
  type ListQueryDto,
  type ReportDto,
} from '../dtos/comment.dtos';
import { CommentReads } from '../repositories/comment.reads';
import { CommentRepository, type CommentInArticle, type PostingContext } from '../repositories/comment.repository';
import { ModerationRepository } from '../repositories/moderation.repository';
import { PostBatches } from '../repositories/post.batches';
import { Clock } from './clock';
import { closedReason, initialVisibility, secondsUntil, UNLISTED_STATUSES } from './conversation.policy';
import { decodeCursor, encodeCursor, type CommentCursor } from './cursor.codec';
import { articleNotFound, commentNotFound, isModerator, ModerationService } from './moderation.service';
import { assembleThreads, placeReply } from './thread.policy';
import { WordRules, type Screening } from './word.rules';

export interface CommentPage {
  comments: CommentView[];
  commentsCount: number;
  nextCursor: string | null;
  closed: boolean;
}

/** The conversation under an article: reading, posting, editing, deleting, likes and reports. */
@Injectable()
export class CommentService {
  constructor(
    private readonly config: CommentsConfig,
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly comments: CommentRepository,
    private readonly reads: CommentReads,
    private readonly posts: PostBatches,
    private readonly audit: ModerationRepository,
    private readonly moderation: ModerationService,
    private readonly rules: WordRules,
    private readonly clock: Clock,
  ) {}

  /**
   * The RealWorld list (every listable comment, newest first) when no paging parameter is
   * given; otherwise one page of threads in the asked order with the cursor of the next.
   */
  async list(viewer: Actor | null, slug: string, query: ListQueryDto): Promise<CommentPage> {
    const viewerId = viewer?.userId ?? null;
    if (query.sort === undefined && query.limit === undefined && query.cursor === undefined) {
      // The busiest read: article, count, comments and the viewer's likes in one round trip.
      const listing = await this.reads.listing({ slug, viewerId, limit: this.config.COMMENTS_UNPAGED_LIMIT });
      const article = this.listable(listing?.article);
      return this.page(article, listing!.comments, null);
    }
    const sort = query.sort ?? 'newest';
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
    // One round trip: the article, one root more than the page (to know if another follows), their replies.
    const threads = await this.reads.threads({ slug, viewerId, sort, cursor, limit: limit + 1 });
    const article = this.listable(threads?.article);
    const page = threads!.roots.slice(0, limit);
    const nextCursor = threads!.roots.length > limit ? encodeCursor(cursorAfter(page[page.length - 1], sort)) : null;
    return this.page(article, assembleThreads(page, threads!.replies), nextCursor);
  }

  private listable<A extends { status: ReplicaStatus }>(article: A | null | undefined): A {
    if (!article || UNLISTED_STATUSES.includes(article.status)) throw articleNotFound();
    return article;
  }

  private page(
    article: { status: ReplicaStatus; publishedAt: Date | null; commentsCount: number },
    rows: CommentView[],
    nextCursor: string | null,
  ): CommentPage {
    return {
      comments: rows.map(listedView),
      commentsCount: article.commentsCount,
      nextCursor,
      closed: closedReason(article, this.clock.now(), this.config.COMMENTS_CLOSE_AFTER_DAYS) !== null,
    };
  }

  /**
   * Posts a comment or reply: one read (article by slug, sanction, last post, parent, duplicate,
   * and the new id), then one statement that claims the posting slot and writes the comment with
   * its outbox event (and audit entry when it is queued); both shared with the posts that arrive
   * alongside (PostBatches). A single statement is a single transaction, so the event exists
   * exactly when the comment does, and a refused post writes nothing.
   */
  async create(actor: Actor, slug: string, input: CreateCommentDto): Promise<CommentView> {
    const screening = this.screen(input.body);
    const context = await this.posts.context({ slug, userId: actor.userId, parentId: input.parentId ?? null, body: input.body });
    if (!context) throw articleNotFound();
    this.checkMayPost(context);
    let placement = { parentPath: [] as number[], parentId: null as number | null, depth: 0 };
    if (input.parentId !== undefined) {
      const parentOk =
        context.parentPath && context.parentArticleId === context.articleId && !context.parentDeletedAt && context.parentVisibility === 'visible';
      if (!parentOk) throw new DomainError('COMMENT.NOT_FOUND', 'parent comment not found', { parentId: ['is not a comment you can reply to on this article'] });
      placement = placeReply(context.parentPath!);
    }
    const visibility = initialVisibility(screening, context.moderationMode ?? this.config.COMMENTS_MODERATION_MODE);
    const comment = {
      id: context.commentId,
      articleId: context.articleId,
      authorId: actor.userId,
      ...placement,
      body: input.body,
      visibility,
      createdAt: context.now,
    };
    const event = this.outbox.entry(COMMENT_CREATED_V1, String(comment.id), toCommentCreated(comment, slug));
    const queued =
      visibility === 'pending'
        ? screening.outcome === 'review'
          ? { reasonCode: screening.rule, details: screening.match }
          : { reasonCode: 'pre-moderation', details: null }
        : null;
    const row = await this.posts.write({ comment, event, queued });
    // A concurrent post by the same author took the slot between the read and the write.
    if (!row) throw this.tooSoon(context.lastPostedAt ?? context.now, context.now);
    return toCommentView(row, false);
  }

  /** The author rewrites their comment within the edit window; the old body is kept as a revision. */
  async edit(actor: Actor, slug: string, rawId: unknown, input: EditCommentDto): Promise<CommentView> {
    const id = parseCommentId(rawId);
    const screening = this.screen(input.body);
    return this.tx.run(async () => {
      const found = await this.mustFind(slug, id, true);
      const { comment } = found;
      if (comment.authorId !== actor.userId) throw forbidden('only its author can edit a comment');
      this.checkOpen(found);
      if (comment.visibility !== 'visible' && comment.visibility !== 'pending') throw forbidden('a comment under review cannot be edited');
      const windowMs = this.config.COMMENTS_EDIT_WINDOW_SECONDS * 1000;
      if (this.clock.now().getTime() - comment.createdAt.getTime() > windowMs) {
        throw new DomainError('COMMENT.EDIT_WINDOW_CLOSED', `comments can be edited for ${this.config.COMMENTS_EDIT_WINDOW_SECONDS} seconds after posting`, {
          comment: ['can no longer be edited'],
        });
      }
      const liked = (await this.comments.likedAmong(actor.userId, [id])).has(id);
      if (input.body === comment.body) return toCommentView(comment, liked);
      const visibility = screening.outcome === 'review' ? 'pending' : comment.visibility;
      const row = await this.comments.edit(id, input.body, visibility);
      await this.outbox.add(COMMENT_EDITED_V1, String(id), { commentId: id, articleId: row.articleId, body: row.body, editedAt: row.editedAt!.toISOString() });
      if (visibility !== comment.visibility && screening.outcome === 'review') {
        await this.audit.audit({ action: 'queued', commentId: id, articleId: row.articleId, subjectUserId: actor.userId, actorId: null, reasonCode: screening.rule, details: screening.match });
      }
      return toCommentView(row, liked);
    });
  }

  /** Deleted by its author, the article's author or a moderator; a comment with replies leaves a placeholder. */
  async delete(actor: Actor, slug: string, rawId: unknown): Promise<void> {
    const id = parseCommentId(rawId);
    await this.tx.run(async () => {
      const { comment, articleAuthorId } = await this.mustFind(slug, id, true);
      const own = comment.authorId === actor.userId;
      if (!own && articleAuthorId !== actor.userId && !isModerator(actor)) {
        throw forbidden("only the comment's author, the article's author or a moderator can delete it");
      }
      const row = await this.comments.softDelete(id, actor.userId);
      await this.outbox.add(COMMENT_DELETED_V1, String(id), { commentId: id, articleId: row.articleId, deletedBy: actor.userId, deletedAt: row.deletedAt!.toISOString() });
      if (!own) {
        await this.audit.audit({ action: 'deleted', commentId: id, articleId: row.articleId, subjectUserId: row.authorId, actorId: actor.userId });
      }
    });
  }

  /** One like per reader: liking twice changes nothing and emits nothing. */
  async like(actor: Actor, slug: string, rawId: unknown): Promise<CommentView> {
    const id = parseCommentId(rawId);
    return this.tx.run(async () => {
      const { comment } = await this.mustFindVisible(slug, id);
      const likesCount = await this.comments.like(id, actor.userId);
      if (likesCount !== null) {
        await this.outbox.add(COMMENT_LIKED_V1, String(id), { commentId: id, articleId: comment.articleId, userId: actor.userId, likesCount, likedAt: new Date().toISOString() });
      }
      return toCommentView({ ...comment, likesCount: likesCount ?? comment.likesCount }, true);
    });
  }

  /** Takes a reader's like back; taking back a like never given changes nothing and emits nothing. */
  async unlike(actor: Actor, slug: string, rawId: unknown): Promise<CommentView> {
    const id = parseCommentId(rawId);
    return this.tx.run(async () => {
      const { comment } = await this.mustFindVisible(slug, id);
      const likesCount = await this.comments.unlike(id, actor.userId);
      if (likesCount !== null) {
        await this.outbox.add(COMMENT_UNLIKED_V1, String(id), { commentId: id, articleId: comment.articleId, userId: actor.userId, likesCount, unlikedAt: new Date().toISOString() });
      }
      return toCommentView({ ...comment, likesCount: likesCount ?? comment.likesCount }, false);
    });
  }

  /** One report per reader per comment; enough open reports hide the comment until reviewed. */
  async report(actor: Actor, slug: string, rawId: unknown, input: ReportDto): Promise<ReportView> {
    const id = parseCommentId(rawId);
    return this.tx.run(async () => {
      const { comment } = await this.mustFindVisible(slug, id, true);
      if (comment.authorId === actor.userId) throw forbidden('you cannot report your own comment');
      const details = input.details ?? null;
      const added = await this.comments.report(id, actor.userId, input.reason, details);
      if (!added) throw new DomainError('COMMENT.FORBIDDEN', 'you already reported this comment', { report: ['has already been sent'] });
      await this.outbox.add(COMMENT_REPORTED_V1, String(id), {
        commentId: id,
        articleId: comment.articleId,
        reporterId: actor.userId,
        reason: input.reason,
        reportsCount: added.openReports,
        reportedAt: added.createdAt.toISOString(),
      });
      if (added.openReports >= this.config.COMMENTS_REPORTS_TO_HIDE) {
        await this.moderation.hideReported({ ...comment, openReports: added.openReports });
      }
      return { commentId: id, reason: input.reason, details, createdAt: added.createdAt.toISOString() };
    });
  }

  /** Visible comments per article id. */
  async counts(articleIds: string[]): Promise<Record<string, number>> {
    const ids = [...new Set(articleIds.filter((id) => typeof id === 'string'))];
    const counts = await this.comments.countVisible(ids);
    return Object.fromEntries(ids.map((id) => [id, counts.get(id) ?? 0]));
  }

  private screen(body: string): Screening {
    const screening = this.rules.screen(body);
    if (screening.outcome === 'reject') {
      throw new DomainError('COMMENT.REJECTED', `comment refused by rule ${screening.rule}`, {
        body: [`contains "${screening.match}", which rule ${screening.rule} does not allow`],
      });
    }
    return screening;
  }

  private checkMayPost(context: PostingContext): void {
    const closed = closedReason(context, context.now, this.config.COMMENTS_CLOSE_AFTER_DAYS);
    if (closed) throw new DomainError('COMMENT.CLOSED', closed, { article: [closed] });
    if (context.sanction) {
      const until = context.sanctionUntil ? ` until ${context.sanctionUntil.toISOString()}` : '';
      const message = context.sanction === 'banned' ? 'you are banned from commenting' : `you are suspended from commenting${until}`;
      throw new DomainError('COMMENT.AUTHOR_SANCTIONED', message, { author: [message] });
    }
    const intervalMs = this.config.COMMENTS_POST_INTERVAL_MS;
    if (intervalMs > 0 && context.lastPostedAt && context.now.getTime() - context.lastPostedAt.getTime() < intervalMs) {
      throw this.tooSoon(context.lastPostedAt, context.now);
    }
    if (context.duplicateAt) {
      const wait = secondsUntil(context.duplicateAt, this.config.COMMENTS_DUPLICATE_WINDOW_SECONDS * 1000, context.now);
      throw rateLimited('you just posted this same comment', wait);
    }
  }

  /** The refusal of a post within the interval after `since` (the author's last post). */
  private tooSoon(since: Date, now: Date): DomainError {
    const intervalMs = this.config.COMMENTS_POST_INTERVAL_MS;
    const wait = secondsUntil(since, intervalMs, now);
    return rateLimited(`one comment every ${intervalMs / 1000} seconds: try again in ${wait} s`, wait);
  }

  private checkOpen(found: CommentInArticle): void {
    const closed = closedReason({ status: found.articleStatus, publishedAt: found.articlePublishedAt }, this.clock.now(), this.config.COMMENTS_CLOSE_AFTER_DAYS);
    if (closed) throw new DomainError('COMMENT.CLOSED', closed, { article: [closed] });
  }

  private async mustFind(slug: string, id: number, lock = false): Promise<CommentInArticle> {
    const found = await this.comments.findInArticle(slug, id, lock);
    if (!found || found.comment.deletedAt) throw commentNotFound();
    return found;
  }

  /** Likes and reports only reach comments every reader can see. */
  private async mustFindVisible(slug: string, id: number, lock = false): Promise<CommentInArticle> {
    const found = await this.mustFind(slug, id, lock);
    if (found.comment.visibility !== 'visible') throw commentNotFound();
    return found;
  }
}

/** The view's fields of a listed row, without what the list read for threading and its article. */
function listedView(c: CommentView): CommentView {
  return {
    id: c.id,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    body: c.body,
    authorId: c.authorId,
    parentId: c.parentId,
    depth: c.depth,
    status: c.status,
    deleted: c.deleted,
    editedAt: c.editedAt,
    featured: c.featured,
    likesCount: c.likesCount,
    liked: c.liked,
    repliesCount: c.repliesCount,
  };
}

function cursorAfter(last: Pick<CommentView, 'id' | 'featured' | 'likesCount'>, sort: CommentCursor['sort']): CommentCursor {
  return sort === 'top' ? { sort, featured: last.featured, likes: last.likesCount, id: last.id } : { sort, id: last.id };
}

function forbidden(message: string): DomainError {
  return new DomainError('COMMENT.FORBIDDEN', message, { comment: [message] });
}

function rateLimited(message: string, retryAfter: number): DomainError {
  return new DomainError('COMMENT.RATE_LIMITED', message, { comment: [message] }, retryAfter);
}
