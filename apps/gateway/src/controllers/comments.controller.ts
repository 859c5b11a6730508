import { Body, Controller, Delete, Get, Header, HttpCode, Injectable, Param, Post, Put, Query } from '@nestjs/common';
import type { Actor, CommentView, ModerationAction, ModerationItemView, ProfileView } from '@broadsheet/contracts';
import { BusClient, type JsonBytes } from '@broadsheet/messaging/client';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { JSON_CONTENT, unwrap } from '../http/body';
import { AuthorRefs } from '../services/author-splice';
import { ProfileLookup } from '../services/profile.lookup';
import { Doc } from '../openapi/doc.decorator';
import { COMMENT } from '../openapi/examples';

/** Who a deleted comment's placeholder (or a vanished account) shows as: RealWorld needs an author. */
export const DELETED_AUTHOR: ProfileView = { username: '[deleted]', bio: null, image: null, following: false };

export const DELETED_AUTHOR_JSON = JSON.stringify(DELETED_AUTHOR);

const PAGE_START = Buffer.from('{"comments":[');
const COUNT_MEMBER = Buffer.from('],"commentsCount":');
const CLOSE = Buffer.from('}');

/**
 * Where the comments array ends (the index of its `]`) in a page's JSON, which the comments
 * service writes as `{"comments":[...],"commentsCount":...}`: a `"` inside a string is always
 * escaped, so the last `],"commentsCount":` is the member. -1 if the JSON is not in that form.
 */
function endOfComments(page: Buffer): number {
  const end = page.lastIndexOf(COUNT_MEMBER);
  return end > 0 && page.subarray(0, PAGE_START.length).equals(PAGE_START) ? end : -1;
}

/** The RealWorld `{"comments": [...]}` from a page's JSON; `null` if it is not in that form. */
export function commentsOnly(page: Buffer): Buffer | null {
  const end = endOfComments(page);
  return end < 0 ? null : Buffer.concat([page.subarray(0, end + 1), CLOSE]);
}

/** `commentsCount` of a page's JSON; `null` if it is not in that form. */
export function commentsCountOf(page: Buffer): number | null {
  const end = endOfComments(page);
  const from = end + COUNT_MEMBER.length;
  const count = end < 0 ? null : /^\d+/.exec(page.toString('latin1', from, Math.min(page.length, from + 16)));
  return count ? Number(count[0]) : null;
}

export type WithAuthor<T extends CommentView> = Omit<T, 'authorId'> & { author: ProfileView };

/** The comment with its RealWorld `author` (the placeholder's for deleted comments and vanished accounts). */
export function withCommentAuthor<T extends CommentView>({ authorId, ...comment }: T, profiles: Record<string, ProfileView>): WithAuthor<T> {
  return { ...comment, author: (authorId && profiles[authorId]) || DELETED_AUTHOR };
}

/** Turns author ids into RealWorld profiles with one batched `users.get-profiles` call per response. */
@Injectable()
export class CommentAuthors {
  constructor(private readonly profiles: ProfileLookup) {}

  async attach<T extends CommentView>(viewer: Actor | null, comments: T[]): Promise<Array<WithAuthor<T>>> {
    const profiles = await this.profiles.byIds(viewer, comments.map((c) => c.authorId));
    return comments.map((comment) => withCommentAuthor(comment, profiles));
  }

  /** The same for comments in the JSON the service sent (`requestJson`), spliced into its bytes without parsing. */
  async attachJson<T>(viewer: Actor | null, json: JsonBytes<T>): Promise<Buffer> {
    const refs = new AuthorRefs(json);
    const profiles = await this.profiles.byIds(viewer, refs.ids());
    return refs.splice(profiles, () => DELETED_AUTHOR_JSON);
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
  @Header(...JSON_CONTENT)
  @Doc({ summary: 'Comments on an article. Plain: the RealWorld list, newest first. With sort (newest, oldest, top), limit or cursor: a page of threads with commentsCount, nextCursor and closed', status: 200, auth: 'optional', example: { comments: [COMMENT] }, errors: [404, 422] })
  async list(
    @CurrentActor() actor: Actor | null,
    @Param('slug') slug: string,
    @Query('sort') sort?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    const page = await this.authors.attachJson(actor, await this.client.requestJson('comments.list', { actor, slug, sort, limit, cursor }));
    if (sort !== undefined || limit !== undefined || cursor !== undefined) return page;
    return commentsOnly(page) ?? JSON.stringify({ comments: (JSON.parse(page.toString()) as { comments: unknown[] }).comments });
  }

  @Post()
  @Doc({ summary: 'Share your thoughts: post a comment or a reply (parentId). Sign in to join the conversation', status: 200, auth: 'required', body: { comment: { body: 'Thanks for linking the original reports.', parentId: null } }, example: { comment: COMMENT }, errors: [403, 404, 422, 429] })
  @HttpCode(200)
  @Authenticated()
  async create(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: unknown) {
    const { comment } = await this.client.request('comments.create', { actor, slug, comment: unwrap(body, 'comment') });
    return this.authors.one(actor, comment);
  }

  @Put(':id')
  @Doc({ summary: 'Edit your comment within the edit window', status: 200, auth: 'required', body: { comment: { body: 'Thanks for linking the original reports!' } }, example: { comment: { ...COMMENT, editedAt: '2026-03-01T10:04:00.000Z' } }, errors: [403, 404, 422] })
  @Authenticated()
  async edit(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string, @Body() body: unknown) {
    const { comment } = await this.client.request('comments.edit', { actor, slug, id, comment: unwrap(body, 'comment') });
    return this.authors.one(actor, comment);
  }

  @Delete(':id')
  @Doc({ summary: 'Delete a comment (its author, the article\'s author or a moderator); one with replies leaves a placeholder', status: 204, auth: 'required', errors: [403, 404] })
  @HttpCode(204)
  @Authenticated()
  async delete(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string): Promise<void> {
    await this.client.request('comments.delete', { actor, slug, id });
  }

  @Post(':id/like')
  @Doc({ summary: 'Like a comment (once per reader)', status: 200, auth: 'required', example: { comment: { ...COMMENT, liked: true, likesCount: 4 } }, errors: [403, 404] })
  @HttpCode(200)
  @Authenticated()
  async like(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string) {
    const { comment } = await this.client.request('comments.like', { actor, slug, id });
    return this.authors.one(actor, comment);
  }

  @Delete(':id/like')
  @Doc({ summary: 'Remove your like', status: 200, auth: 'required', example: { comment: COMMENT }, errors: [403, 404] })
  @HttpCode(200)
  @Authenticated()
  async unlike(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string) {
    const { comment } = await this.client.request('comments.unlike', { actor, slug, id });
    return this.authors.one(actor, comment);
  }

  @Post(':id/report')
  @Doc({ summary: 'Report a comment (offensive, abusive, spam, misinformation, other)', status: 201, auth: 'required', body: { report: { reason: 'spam', details: 'Same link posted on every article.' } }, example: { report: { commentId: 42, reason: 'spam', details: 'Same link posted on every article.', createdAt: '2026-03-01T10:10:00.000Z' } }, errors: [403, 404, 422] })
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
  @Doc({ summary: 'Moderation queue: pending or reported comments (moderators)', status: 200, auth: 'required', example: { comments: [{ ...COMMENT, status: 'pending', articleSlug: 'port-strike-enters-third-day', reportsCount: 0, reportReasons: {} }], nextCursor: null }, errors: [403, 422] })
  @Authenticated()
  async queue(@CurrentActor() actor: Actor, @Query('queue') queue?: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    const page = await this.client.request('comments.moderation-queue', { actor, queue, limit, cursor });
    const comments: Array<WithAuthor<ModerationItemView>> = await this.authors.attach(actor, page.comments);
    return { comments, nextCursor: page.nextCursor };
  }

  /** Shown to every reader; resolves its open reports. Body optional: `{"decision": {"note": "..."}}`. */
  @Post('comments/:id/approve')
  @Doc({ summary: 'Approve a comment (moderators)', status: 200, auth: 'required', example: { comment: COMMENT }, errors: [403, 404] })
  @HttpCode(200)
  @Authenticated()
  approve(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(actor, id, 'approve', body);
  }

  /** Needs `{"decision": {"reasonCode": "spam", "note": "..."}}`. */
  @Post('comments/:id/reject')
  @Doc({ summary: 'Reject a comment with a reason code (moderators)', status: 200, auth: 'required', body: { decision: { reasonCode: 'spam', note: 'link farm' } }, example: { comment: { ...COMMENT, status: 'rejected' } }, errors: [403, 404, 422] })
  @HttpCode(200)
  @Authenticated()
  reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(actor, id, 'reject', body);
  }

  @Post('comments/:id/feature')
  @Doc({ summary: 'Feature a comment (moderators)', status: 200, auth: 'required', example: { comment: { ...COMMENT, featured: true } }, errors: [403, 404] })
  @HttpCode(200)
  @Authenticated()
  feature(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(actor, id, 'feature', body);
  }

  @Put('articles/:slug')
  @Doc({ summary: 'Set an article\'s moderation mode, pre or post (moderators)', status: 200, auth: 'required', body: { article: { moderationMode: 'pre' } }, example: { slug: 'port-strike-enters-third-day', moderationMode: 'pre', inherited: false, closed: false }, errors: [403, 404, 422] })
  @Authenticated()
  setArticleModeration(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: unknown) {
    return this.client.request('comments.set-article-moderation', { actor, slug, settings: unwrap(body, 'article') });
  }

  @Put('users/:username/sanction')
  @Doc({ summary: 'Ban, suspend or reinstate a commenter (moderators)', status: 200, auth: 'required', body: { sanction: { status: 'suspended', until: '2026-03-08T00:00:00.000Z', reason: 'abuse' } }, example: { sanction: { username: 'jane_doe', status: 'suspended', until: '2026-03-08T00:00:00.000Z', reason: 'abuse' } }, errors: [403, 404, 422] })
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
