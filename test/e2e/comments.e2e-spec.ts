import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sleep, waitFor } from '@broadsheet/testing';
import type { ArticlePublishedV1 } from '@broadsheet/contracts';
import { signUp, withRoles, type TestAccount } from './support/accounts';
import { publishArticle, publishEvent, userIdOf } from './support/events';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

const POST_INTERVAL_MS = 1000;

describe('comments through the gateway (RealWorld)', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;
  let article: ArticlePublishedV1;
  let alice: TestAccount;
  let bob: TestAccount;
  let moderator: TestAccount;
  const path = (slug = article.slug) => `/articles/${slug}/comments`;

  before(async () => {
    suite = await startSuite({
      label: 'comments',
      env: { COMMENTS_POST_INTERVAL_MS: String(POST_INTERVAL_MS), COMMENTS_BANNED_WORDS: 'darn', COMMENTS_REPORTS_TO_HIDE: '1' },
    });
    api = apiClient(suite.api);
    [alice, bob] = await Promise.all([signUp(api, 'alice'), signUp(api, 'bob')]);
    moderator = await withRoles(suite.env, await signUp(api, 'mod'), ['reader', 'moderator']);
    article = await publishArticle(suite, api, { authorId: await userIdOf(alice) });
  });
  after(() => suite.close());

  it('asks a reader without a token to sign in (401), and answers 404 for an unknown article', async () => {
    const res = await api.post(path(), { comment: { body: 'hello' } });
    assert.equal(res.status, 401);
    assert.match(res.body.errors.token[0], /sign in/);
    assert.equal((await api.post(path('no-such-story'), { comment: { body: 'hello' } }, { token: bob.token })).status, 404);
    assert.equal((await api.get(path('no-such-story'))).status, 404);
  });

  it('creates a comment with 200, an integer id and the author profile', async () => {
    const res = await api.post(path(), { comment: { body: 'Thank you for this.' } }, { token: bob.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { comment } = res.body;
    assert.ok(Number.isInteger(comment.id));
    assert.equal(comment.body, 'Thank you for this.');
    assert.deepEqual(comment.author, { username: bob.username, bio: null, image: null, following: false });
    assert.equal(new Date(comment.createdAt).toISOString(), comment.createdAt);
    assert.equal('authorId' in comment, false);
    const missing = await api.post(path(), { body: 'unwrapped' }, { token: bob.token });
    assert.equal(missing.status, 422);
    assert.ok(missing.body.errors.comment);
  });

  it('returns markup verbatim as a JSON string, never as markup', async () => {
    const body = '<script>alert("hi")</script><img src=x onerror=alert(1)>';
    await sleep(POST_INTERVAL_MS);
    const res = await api.post(path(), { comment: { body } }, { token: alice.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.comment.body, body);
    const list = await api.get(path());
    assert.match(list.headers.get('content-type') ?? '', /^application\/json/);
    assert.ok(list.body.comments.some((c: { body: string }) => c.body === body));
  });

  it('lists the RealWorld shape newest first, with `following` for the viewer', async () => {
    await api.post(`/profiles/${bob.username}/follow`, undefined, { token: alice.token });
    const res = await api.get(path(), { token: alice.token });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['comments']);
    const [newest, older] = res.body.comments;
    assert.ok(newest.id > older.id);
    assert.equal(older.author.username, bob.username);
    assert.equal(older.author.following, true);
    assert.ok(res.body.comments.every((c: object) => !('authorId' in c)), "the service's author id stays inside");
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const anonymous = await api.get(path());
    assert.equal(anonymous.body.comments[1].author.following, false);
  });

  it('pages threads with sort, limit and cursor, and reports the count', async () => {
    const fresh = await publishArticle(suite, api);
    const root = await api.post(path(fresh.slug), { comment: { body: 'root' } }, { token: bob.token });
    await sleep(POST_INTERVAL_MS);
    const reply = await api.post(path(fresh.slug), { comment: { body: 'reply', parentId: root.body.comment.id } }, { token: bob.token });
    assert.equal(reply.body.comment.parentId, root.body.comment.id);
    assert.equal(reply.body.comment.depth, 1);
    const second = await api.post(path(fresh.slug), { comment: { body: 'second root' } }, { token: alice.token });
    const first = await api.get(`${path(fresh.slug)}?sort=oldest&limit=1`);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.comments.map((c: { id: number }) => c.id), [root.body.comment.id, reply.body.comment.id]);
    assert.equal(first.body.commentsCount, 3);
    assert.equal(first.body.closed, false);
    const next = await api.get(`${path(fresh.slug)}?sort=oldest&limit=1&cursor=${first.body.nextCursor}`);
    assert.deepEqual(next.body.comments.map((c: { id: number }) => c.id), [second.body.comment.id]);
    assert.equal(next.body.nextCursor, null);
    assert.equal((await api.get(`${path(fresh.slug)}?limit=0`)).status, 422);
  });

  it('edits by the author only, likes once per reader', async () => {
    const fresh = await publishArticle(suite, api);
    await sleep(POST_INTERVAL_MS); // bob posted in the test before
    const made = (await api.post(path(fresh.slug), { comment: { body: 'tpyo' } }, { token: bob.token })).body.comment;
    const byOther = await api.put(`${path(fresh.slug)}/${made.id}`, { comment: { body: 'vandalised' } }, { token: alice.token });
    assert.equal(byOther.status, 403);
    const edited = await api.put(`${path(fresh.slug)}/${made.id}`, { comment: { body: 'typo' } }, { token: bob.token });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.comment.body, 'typo');
    assert.ok(edited.body.comment.editedAt);
    const like = await api.post(`${path(fresh.slug)}/${made.id}/like`, undefined, { token: alice.token });
    const again = await api.post(`${path(fresh.slug)}/${made.id}/like`, undefined, { token: alice.token });
    assert.equal(like.status, 200);
    assert.equal(again.body.comment.likesCount, 1);
    assert.equal(again.body.comment.liked, true);
    const unlike = await api.delete(`${path(fresh.slug)}/${made.id}/like`, { token: alice.token });
    assert.equal(unlike.body.comment.likesCount, 0);
  });

  it('deletes with 204 for the author, the article author and moderators; 403 for others', async () => {
    const fresh = await publishArticle(suite, api, { authorId: await userIdOf(alice) });
    const reader = await signUp(api, 'carol');
    const made = async () => (await api.post(path(fresh.slug), { comment: { body: `to delete ${Math.random()}` } }, { token: reader.token })).body.comment;
    const one = await made();
    assert.equal((await api.delete(`${path(fresh.slug)}/${one.id}`, { token: bob.token })).status, 403);
    assert.equal((await api.delete(`${path(fresh.slug)}/${one.id}`)).status, 401);
    const own = await api.delete(`${path(fresh.slug)}/${one.id}`, { token: reader.token });
    assert.equal(own.status, 204);
    assert.equal(own.body, null);
    await sleep(POST_INTERVAL_MS);
    const two = await made();
    assert.equal((await api.delete(`${path(fresh.slug)}/${two.id}`, { token: alice.token })).status, 204, "the article's author");
    await sleep(POST_INTERVAL_MS);
    const three = await made();
    assert.equal((await api.delete(`${path(fresh.slug)}/${three.id}`, { token: moderator.token })).status, 204);
    assert.equal((await api.delete(`${path(fresh.slug)}/${three.id}`, { token: moderator.token })).status, 404);
  });

  it('answers 429 with Retry-After to a second comment within the interval', async () => {
    const writer = await signUp(api, 'quick');
    assert.equal((await api.post(path(), { comment: { body: 'one' } }, { token: writer.token })).status, 200);
    const res = await api.post(path(), { comment: { body: 'two' } }, { token: writer.token });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal(res.headers.get('x-error-code'), 'COMMENT.RATE_LIMITED');
  });

  it('refuses a banned word with 422 naming the rule', async () => {
    const writer = await signUp(api, 'rude');
    const res = await api.post(path(), { comment: { body: 'Darn it' } }, { token: writer.token });
    assert.equal(res.status, 422);
    assert.match(res.body.errors.body[0], /banned-word/);
  });

  it('hides a reported comment until a moderator approves it; readers cannot moderate', async () => {
    const writer = await signUp(api, 'hot');
    const made = (await api.post(path(), { comment: { body: 'a hot take' } }, { token: writer.token })).body.comment;
    const report = await api.post(`${path()}/${made.id}/report`, { report: { reason: 'abusive', details: 'name-calling' } }, { token: bob.token });
    assert.equal(report.status, 201);
    assert.equal(report.body.report.reason, 'abusive');
    assert.ok(!(await api.get(path())).body.comments.some((c: { id: number }) => c.id === made.id));
    assert.equal((await api.get('/moderation/comments?queue=reported', { token: bob.token })).status, 403);
    const queue = await api.get('/moderation/comments?queue=reported', { token: moderator.token });
    assert.equal(queue.status, 200);
    const item = queue.body.comments.find((c: { id: number }) => c.id === made.id);
    assert.equal(item.author.username, writer.username);
    assert.equal(item.reportsCount, 1);
    const approve = await api.post(`/moderation/comments/${made.id}/approve`, undefined, { token: moderator.token });
    assert.equal(approve.status, 200);
    assert.equal(approve.body.comment.status, 'visible');
    assert.ok((await api.get(path())).body.comments.some((c: { id: number }) => c.id === made.id));
    const reject = await api.post(`/moderation/comments/${made.id}/reject`, { decision: { reasonCode: 'abusive' } }, { token: moderator.token });
    assert.equal(reject.body.comment.status, 'rejected');
  });

  it('puts an article in pre-moderation on a moderator’s word', async () => {
    const fresh = await publishArticle(suite, api);
    const set = await api.put(`/moderation/articles/${fresh.slug}`, { article: { moderationMode: 'pre' } }, { token: moderator.token });
    assert.equal(set.status, 200);
    assert.equal(set.body.article.moderationMode, 'pre');
    const held = await api.post(path(fresh.slug), { comment: { body: 'waiting' } }, { token: bob.token });
    assert.equal(held.body.comment.status, 'pending');
    assert.deepEqual((await api.get(path(fresh.slug))).body.comments, []);
  });

  it('stops a member a moderator banned, by username', async () => {
    const member = await signUp(api, 'troll');
    const ban = async () => api.put(`/moderation/users/${member.username}/sanction`, { sanction: { status: 'banned', reason: 'spam' } }, { token: moderator.token });
    // The member directory learns the username from users.user.registered.v1.
    const res = await waitFor('the member directory', async () => ((await ban()).status === 200 ? true : null));
    assert.ok(res);
    const post = await api.post(path(), { comment: { body: 'let me in' } }, { token: member.token });
    assert.equal(post.status, 403);
    assert.match(post.body.errors.author[0], /banned/);
  });

  it('closes comments with 403 once the article is archived', async () => {
    const fresh = await publishArticle(suite, api);
    await publishEvent(suite, 'articles', 'articles.article.unpublished.v1', fresh.articleId, {
      articleId: fresh.articleId,
      slug: fresh.slug,
      status: 'archived',
      unpublishedAt: new Date().toISOString(),
    });
    await waitFor('the article to close', async () => (await api.get(`${path(fresh.slug)}?limit=1`)).body.closed === true);
    const res = await api.post(path(fresh.slug), { comment: { body: 'late' } }, { token: moderator.token });
    assert.equal(res.status, 403);
    assert.match(res.body.errors.article[0], /closed/);
  });
});
