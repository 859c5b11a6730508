import { Body, Controller, Delete, Get, HttpCode, Injectable, Param, Post, Put, Query } from '@nestjs/common';
import type { Actor, CommentView, ModerationAction, ModerationItemView, ProfileView } from '@broadsheet/contracts';
import { BusClient } from '@broadsheet/messaging';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { unwrap } from '../http/body';

/** Who a deleted comment's placeholder (or a vanished account) shows as: RealWorld needs an author. */
export const DELETED_AUTHOR: ProfileView = { username: '[deleted]', bio: null, image: null, following: false };

type WithAuthor<T extends CommentView> = Omit<T, 'authorId'> & { author: ProfileView };

/** Turns author ids into RealWorld profiles with one batched `users.get-profiles` call per response. */
@Injectable()
export class CommentAuthors {
  constructor(private readonly client: BusClient) {}

  async attach<T extends CommentView>(viewer: Actor | null, comments: T[]): Promise<Array<WithAuthor<T>>> {
    const userIds = [...new Set(comments.map((c) => c.authorId).filter((id): id is string => id !== null))];
    const { profiles } = userIds.length
      ? await this.client.request('users.get-profiles', { viewerId: viewer?.userId ?? null, userIds })
      : { profiles: {} as Record<string, ProfileView> };
    return comments.map(({ authorId, ...comment }) => ({ ...comment, author: (authorId && profiles[authorId]) || DELETED_AUTHOR }));
  }

  /** `{"comment": ...}` with its author. */
  async one(viewer: Actor | null, comment: CommentView): Promise<{ comment: WithAuthor<CommentView> }> {
    return { comment: (await this.attach(viewer, [comment]))[0] };
  }
}

/**
 * RealWorld comments (`/articles/:slug/comments`) and the conversation around them: replies,
 * sorting and cursor paging, edits, likes and reports.
 */
@Controller('articles/:slug/comments')
export class CommentsController {
  constructor(
    private readonly client: BusClient,
    private readonly authors: CommentAuthors,
  ) {}

  /** Without `sort`, `limit` or `cursor`: the RealWorld `{comments}`; with any: a page of threads. */
  @Get()
  async list(
    @CurrentActor() actor: Actor | null,
    @Param('slug') slug: string,
    @Query('sort') sort?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    const page = await this.client.request('comments.list', { actor, slug, sort, limit, cursor });
    const comments = await this.authors.attach(actor, page.comments);
    if (sort === undefined && limit === undefined && cursor === undefined) return { comments };
    return { comments, commentsCount: page.commentsCount, nextCursor: page.nextCursor, closed: page.closed };
  }

  @Post()
  @HttpCode(200)
  @Authenticated()
  async create(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: unknown) {
    const { comment } = await this.client.request('comments.create', { actor, slug, comment: unwrap(body, 'comment') });
    return this.authors.one(actor, comment);
  }

  @Put(':id')
  @Authenticated()
  async edit(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string, @Body() body: unknown) {
    const { comment } = await this.client.request('comments.edit', { actor, slug, id, comment: unwrap(body, 'comment') });
    return this.authors.one(actor, comment);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  async delete(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string): Promise<void> {
    await this.client.request('comments.delete', { actor, slug, id });
  }

  @Post(':id/like')
  @HttpCode(200)
  @Authenticated()
  async like(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string) {
    const { comment } = await this.client.request('comments.like', { actor, slug, id });
    return this.authors.one(actor, comment);
  }

  @Delete(':id/like')
  @HttpCode(200)
  @Authenticated()
  async unlike(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string) {
    const { comment } = await this.client.request('comments.unlike', { actor, slug, id });
    return this.authors.one(actor, comment);
  }

  @Post(':id/report')
  @HttpCode(201)
  @Authenticated()
  report(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string, @Body() body: unknown) {
    return this.client.request('comments.report', { actor, slug, id, report: unwrap(body, 'report') });
  }
}

/** The moderation desk (`/moderation`): queues, decisions, per-article modes and sanctions. Moderators and admins only. */
@Controller('moderation')
export class ModerationController {
  constructor(
    private readonly client: BusClient,
    private readonly authors: CommentAuthors,
  ) {}

  @Get('comments')
  @Authenticated()
  async queue(@CurrentActor() actor: Actor, @Query('queue') queue?: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    const page = await this.client.request('comments.moderation-queue', { actor, queue, limit, cursor });
    const comments: Array<WithAuthor<ModerationItemView>> = await this.authors.attach(actor, page.comments);
    return { comments, nextCursor: page.nextCursor };
  }

  /** Shown to every reader; resolves its open reports. Body optional: `{"decision": {"note": "..."}}`. */
  @Post('comments/:id/approve')
  @HttpCode(200)
  @Authenticated()
  approve(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(actor, id, 'approve', body);
  }

  /** Needs `{"decision": {"reasonCode": "spam", "note": "..."}}`. */
  @Post('comments/:id/reject')
  @HttpCode(200)
  @Authenticated()
  reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(actor, id, 'reject', body);
  }

  @Post('comments/:id/feature')
  @HttpCode(200)
  @Authenticated()
  feature(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(actor, id, 'feature', body);
  }

  @Put('articles/:slug')
  @Authenticated()
  setArticleModeration(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: unknown) {
    return this.client.request('comments.set-article-moderation', { actor, slug, settings: unwrap(body, 'article') });
  }

  @Put('users/:username/sanction')
  @Authenticated()
  sanction(@CurrentActor() actor: Actor, @Param('username') username: string, @Body() body: unknown) {
    return this.client.request('comments.sanction', { actor, username, sanction: unwrap(body, 'sanction') });
  }

  private async decide(actor: Actor, id: string, action: ModerationAction, body: unknown) {
    const decision = body === undefined || body === null || body === '' ? {} : unwrap(body, 'decision');
    const { comment } = await this.client.request('comments.moderate', { actor, id, action, decision });
    return this.authors.one(actor, comment);
  }
}
