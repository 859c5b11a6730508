import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sleep, waitFor } from '@broadsheet/testing';
import { actor, startComments, type CommentsHarness } from './support/comments.harness';

const DAY_MS = 86_400_000;

describe('comments: closing, rate limits, edits, permissions and sanctions (real Postgres and JetStream)', () => {
  let h: CommentsHarness;
  const moderator = actor(['moderator']);
  const post = (who: ReturnType<typeof actor>, slug: string, body = `words ${randomUUID()}`) =>
    h.request('comments.create', { actor: who, slug, comment: { body } }).then((r) => r.comment);
  /** Waits until the replica has closed (or withdrawn) the article, then tries to post. */
  const untilPostFails = async (slug: string, code: string) => {
    await waitFor(`${slug} to close`, () =>
      h.request('comments.list', { actor: null, slug }).then(
        (list) => list.closed,
        (error: { code?: string }) => error.code === 'ARTICLE.NOT_FOUND',
      ),
    );
    const error = await h.failure('comments.create', { actor: actor(), slug, comment: { body: randomUUID() } });
    assert.equal(error.code, code);
    return error;
  };

  before(async () => {
    h = await startComments('conversation', {
      COMMENTS_POST_INTERVAL_MS: '1000',
      COMMENTS_DUPLICATE_WINDOW_SECONDS: '60',
      COMMENTS_EDIT_WINDOW_SECONDS: '2',
      COMMENTS_CLOSE_AFTER_DAYS: '30',
    });
  });
  after(() => h.close());

  it('closes comments when the article is archived, with 403 saying so, but keeps them readable', async () => {
    const article = await h.publishArticle();
    const c = await post(actor(), article.slug);
    await h.publish('articles', 'articles.article.unpublished.v1', article.articleId, {
      articleId: article.articleId,
      slug: article.slug,
      status: 'archived',
      unpublishedAt: new Date().toISOString(),
    });
    const error = await untilPostFails(article.slug, 'COMMENT.CLOSED');
    assert.match(error.message, /closed.*archived/);
    const list = await h.request('comments.list', { actor: null, slug: article.slug });
    assert.equal(list.closed, true);
    assert.deepEqual(list.comments.map((x) => x.id), [c.id]);
    const edit = await h.failure('comments.edit', { actor: actor(), slug: article.slug, id: c.id, comment: { body: 'late edit' } });
    assert.equal(edit.code, 'COMMENT.FORBIDDEN', 'someone else still may not edit');
  });

  it('closes comments when the article goes back to draft or is deleted, and hides them', async () => {
    for (const withdrawal of ['draft', 'deleted'] as const) {
      const article = await h.publishArticle();
      if (withdrawal === 'draft') {
        await h.publish('articles', 'articles.article.unpublished.v1', article.articleId, {
          articleId: article.articleId,
          slug: article.slug,
          status: 'draft',
          unpublishedAt: new Date().toISOString(),
        });
      } else {
        await h.publish('articles', 'articles.article.deleted.v1', article.articleId, { articleId: article.articleId, slug: article.slug, deletedAt: new Date().toISOString() });
      }
      const error = await untilPostFails(article.slug, 'COMMENT.CLOSED');
      assert.match(error.message, withdrawal === 'draft' ? /not published/ : /deleted/);
      assert.equal((await h.failure('comments.list', { actor: null, slug: article.slug })).code, 'ARTICLE.NOT_FOUND');
    }
  });

  it('follows a renamed article under its old and new slugs, and ignores a stale event', async () => {
    const article = await h.publishArticle();
    const renamed = `${article.slug}-renamed`;
    await h.publish('articles', 'articles.article.updated.v1', article.articleId, { ...article, slug: renamed, previousSlug: article.slug });
    await waitFor('the new slug', () => h.request('comments.list', { actor: null, slug: renamed }).then(() => true));
    const viaOld = await post(actor(), article.slug);
    const viaNew = await h.request('comments.list', { actor: null, slug: renamed });
    assert.deepEqual(viaNew.comments.map((c) => c.id), [viaOld.id]);
    // An unpublish stamped before the rename arrives late: it must not close the article.
    await h.publish(
      'articles',
      'articles.article.unpublished.v1',
      article.articleId,
      { articleId: article.articleId, slug: article.slug, status: 'archived', unpublishedAt: new Date(0).toISOString() },
      new Date(Date.now() - DAY_MS),
    );
    const marker = await h.publishArticle();
    assert.ok(marker, 'a later event was applied, so the stale one was too');
    assert.equal((await post(actor(), renamed)).status, 'visible');
  });

  it('closes comments a configured number of days after publication', async () => {
    const old = await h.publishArticle({ publishedAt: new Date(Date.now() - 31 * DAY_MS).toISOString() });
    const error = await h.failure('comments.create', { actor: actor(), slug: old.slug, comment: { body: 'too late' } });
    assert.equal(error.code, 'COMMENT.CLOSED');
    assert.match(error.message, /30 days after publication/);
    const recent = await h.publishArticle({ publishedAt: new Date(Date.now() - 29 * DAY_MS).toISOString() });
    assert.equal((await post(actor(), recent.slug)).status, 'visible');
    for (const query of [{}, { sort: 'newest' as const }]) {
      assert.equal((await h.request('comments.list', { actor: null, slug: old.slug, ...query })).closed, true, JSON.stringify(query));
      assert.equal((await h.request('comments.list', { actor: null, slug: recent.slug, ...query })).closed, false, JSON.stringify(query));
    }
  });

  it('allows one comment per interval per user with Retry-After, and refuses the same body twice', async () => {
    const article = await h.publishArticle();
    const writer = actor();
    await post(writer, article.slug, 'first thought');
    const tooSoon = await h.failure('comments.create', { actor: writer, slug: article.slug, comment: { body: 'second thought' } });
    assert.equal(tooSoon.code, 'COMMENT.RATE_LIMITED');
    assert.equal(tooSoon.retryAfter, 1);
    assert.equal((await post(actor(), article.slug, 'someone else')).status, 'visible', 'the limit is per user');
    await sleep(1050);
    await post(writer, article.slug, 'second thought');
    await sleep(1050);
    const duplicate = await h.failure('comments.create', { actor: writer, slug: article.slug, comment: { body: 'first thought' } });
    assert.equal(duplicate.code, 'COMMENT.RATE_LIMITED');
    assert.ok(duplicate.retryAfter! > 50 && duplicate.retryAfter! <= 60, `retryAfter ${duplicate.retryAfter}`);
    assert.equal((await post(writer, article.slug, 'a third, new thought')).status, 'visible', 'a refused post does not use the slot');
  });

  it('lets exactly one of many simultaneous posts by one user through', async () => {
    const article = await h.publishArticle();
    const writer = actor();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => h.request('comments.create', { actor: writer, slug: article.slug, comment: { body: `burst ${i}` } })),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { code: string }).code, 'COMMENT.RATE_LIMITED');
  });

  it('lets the author edit within the window, keeping revisions and setting editedAt', async () => {
    const article = await h.publishArticle();
    const author = actor();
    const c = await post(author, article.slug, 'teh first draft');
    const other = await h.failure('comments.edit', { actor: moderator, slug: article.slug, id: c.id, comment: { body: 'moderator rewrite' } });
    assert.equal(other.code, 'COMMENT.FORBIDDEN', 'not even a moderator edits someone else');
    const edited = (await h.request('comments.edit', { actor: author, slug: article.slug, id: c.id, comment: { body: 'the first draft' } })).comment;
    assert.equal(edited.body, 'the first draft');
    assert.ok(edited.editedAt);
    await h.request('comments.edit', { actor: author, slug: article.slug, id: c.id, comment: { body: 'the final draft' } });
    const revisions = await h.query<{ body: string }>(`SELECT body FROM comment_revisions WHERE comment_id = $1 ORDER BY id`, [c.id]);
    assert.deepEqual(revisions.map((r) => r.body), ['teh first draft', 'the first draft']);
    const events = await h.query<{ body: string }>(
      `SELECT envelope::jsonb #>> '{data,body}' AS body FROM outbox WHERE type = 'comments.comment.edited.v1' AND envelope::jsonb #>> '{data,commentId}' = $1 ORDER BY seq`,
      [String(c.id)],
    );
    assert.deepEqual(events.map((e) => e.body), ['the first draft', 'the final draft']);
    const suspect = (await h.request('comments.edit', { actor: author, slug: article.slug, id: c.id, comment: { body: 'now with a casino' } })).comment;
    assert.equal(suspect.status, 'pending', 'an edit passes the word rules again');
    await sleep(2100);
    const late = await h.failure('comments.edit', { actor: author, slug: article.slug, id: c.id, comment: { body: 'too late' } });
    assert.equal(late.code, 'COMMENT.EDIT_WINDOW_CLOSED');
  });

  it("lets the comment's author, the article's author and moderators delete; nobody else", async () => {
    const articleAuthor = actor();
    const article = await h.publishArticle({ authorId: articleAuthor.userId });
    const byAuthor = await post(actor(), article.slug);
    const stranger = await h.failure('comments.delete', { actor: actor(), slug: article.slug, id: byAuthor.id });
    assert.equal(stranger.code, 'COMMENT.FORBIDDEN');
    await h.request('comments.delete', { actor: articleAuthor, slug: article.slug, id: byAuthor.id });
    const another = await post(actor(), article.slug);
    await h.request('comments.delete', { actor: moderator, slug: article.slug, id: another.id });
    const rows = await h.query<{ comment_id: number; actor_id: string }>(
      `SELECT comment_id, actor_id FROM moderation_audit WHERE action = 'deleted' AND comment_id = ANY($1::int[]) ORDER BY id`,
      [[byAuthor.id, another.id]],
    );
    assert.deepEqual(rows, [
      { comment_id: byAuthor.id, actor_id: articleAuthor.userId },
      { comment_id: another.id, actor_id: moderator.userId },
    ]);
    const wrongArticle = await h.failure('comments.delete', { actor: moderator, slug: (await h.publishArticle()).slug, id: another.id });
    assert.equal(wrongArticle.code, 'COMMENT.NOT_FOUND');
    assert.equal((await h.failure('comments.delete', { actor: moderator, slug: article.slug, id: 'abc' })).code, 'COMMENT.NOT_FOUND');
  });

  it('applies bans and timed suspensions from users events, and lifts them', async () => {
    const article = await h.publishArticle();
    const member = actor();
    const standing = (status: 'active' | 'suspended' | 'banned', until: string | null = null) =>
      h.publish('users', 'users.user.suspended.v1', member.userId, { userId: member.userId, status, until, reason: 'test', changedBy: moderator.userId, changedAt: new Date().toISOString() });
    const until = new Date(Date.now() + 3600_000).toISOString();
    await standing('suspended', until);
    const suspended = await waitFor('the suspension', async () => {
      const e = await h.failure('comments.create', { actor: member, slug: article.slug, comment: { body: randomUUID() } }).catch(() => null);
      return e?.code === 'COMMENT.AUTHOR_SANCTIONED' ? e : null;
    });
    assert.match(suspended.message, new RegExp(`suspended.*until ${until.slice(0, 16)}`));
    await standing('active');
    await waitFor('the lift', () => post(member, article.slug).then(() => true, () => false));
    await standing('banned');
    const banned = await waitFor('the ban', async () => {
      const e = await h.failure('comments.create', { actor: member, slug: article.slug, comment: { body: randomUUID() } }).catch(() => null);
      return e?.code === 'COMMENT.AUTHOR_SANCTIONED' ? e : null;
    });
    assert.match(banned.message, /banned/);
    await standing('suspended', new Date(Date.now() - 1000).toISOString());
    await waitFor('an expired suspension to allow posting', () => sleep(1000).then(() => post(member, article.slug)).then(() => true, () => false));
    const audit = await h.query<{ action: string }>(`SELECT action FROM moderation_audit WHERE subject_user_id = $1 ORDER BY id`, [member.userId]);
    assert.deepEqual(audit.map((a) => a.action), ['sanctioned', 'sanction-lifted', 'sanctioned', 'sanctioned']);
  });

  it('lets a moderator ban, suspend and reinstate a member by username', async () => {
    const article = await h.publishArticle();
    const member = actor();
    await h.publish('users', 'users.user.registered.v1', member.userId, {
      userId: member.userId,
      username: member.username,
      bio: null,
      image: null,
      roles: ['reader'],
      registeredAt: new Date().toISOString(),
    });
    const sanction = (body: Record<string, unknown>) => h.request('comments.sanction', { actor: moderator, username: member.username.toUpperCase(), sanction: body });
    const suspended = await waitFor('the member directory', () => sanction({ status: 'suspended', until: new Date(Date.now() + 60_000).toISOString(), reason: 'cool off' }).catch(() => null));
    assert.equal(suspended.sanction.status, 'suspended');
    assert.equal((await h.failure('comments.create', { actor: member, slug: article.slug, comment: { body: 'hi' } })).code, 'COMMENT.AUTHOR_SANCTIONED');
    await sanction({ status: 'active' });
    await post(member, article.slug);
    await sanction({ status: 'banned', reason: 'spam ring' });
    await sleep(1050);
    assert.equal((await h.failure('comments.create', { actor: member, slug: article.slug, comment: { body: 'again' } })).code, 'COMMENT.AUTHOR_SANCTIONED');
    const past = await h.failure('comments.sanction', { actor: moderator, username: member.username, sanction: { status: 'suspended', until: '2001-01-01T00:00:00Z' } });
    assert.ok(past.fields?.until);
    const unknown = await h.failure('comments.sanction', { actor: moderator, username: 'nobody_here', sanction: { status: 'banned' } });
    assert.equal(unknown.code, 'COMMENT.MEMBER_NOT_FOUND');
    const audit = await h.query<{ action: string; actor_id: string }>(`SELECT action, actor_id FROM moderation_audit WHERE subject_user_id = $1 ORDER BY id`, [member.userId]);
    assert.deepEqual(audit.map((a) => a.action), ['sanctioned', 'sanction-lifted', 'sanctioned']);
    assert.ok(audit.every((a) => a.actor_id === moderator.userId));
    const events = await h.query<{ status: string; reason: string | null; moderator: string }>(
      `SELECT envelope::jsonb #>> '{data,status}' AS status, envelope::jsonb #>> '{data,reason}' AS reason,
              envelope::jsonb #>> '{data,moderatorId}' AS moderator
         FROM outbox WHERE type = 'comments.member.sanctioned.v1' AND envelope::jsonb #>> '{data,userId}' = $1 ORDER BY seq`,
      [member.userId],
    );
    assert.deepEqual(events, [
      { status: 'suspended', reason: 'cool off', moderator: moderator.userId },
      { status: 'active', reason: null, moderator: moderator.userId },
      { status: 'banned', reason: 'spam ring', moderator: moderator.userId },
    ]);
  });
});
