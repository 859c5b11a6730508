import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticlePublishedV1, CommentView } from '@broadsheet/contracts';
import { actor, startComments, type CommentsHarness } from './support/comments.harness';

describe('comments: moderation (real Postgres and JetStream)', () => {
  let h: CommentsHarness;
  let article: ArticlePublishedV1;
  const moderator = actor(['reader', 'moderator']);
  const admin = actor(['admin']);
  const reader = () => actor();
  const post = (who: ReturnType<typeof actor>, body: string, slug = article.slug) =>
    h.request('comments.create', { actor: who, slug, comment: { body } }).then((r) => r.comment);
  const listed = async (viewer: ReturnType<typeof actor> | null, id: number, slug = article.slug) =>
    (await h.request('comments.list', { actor: viewer, slug })).comments.find((c) => c.id === id);
  const queue = (name: 'pending' | 'reported', who = moderator) => h.request('comments.moderation-queue', { actor: who, queue: name });
  const audit = (commentId: number) =>
    h.query<{ action: string; actor_id: string | null; reason_code: string | null }>(
      `SELECT action, actor_id, reason_code FROM moderation_audit WHERE comment_id = $1 ORDER BY id`,
      [commentId],
    );
  const decisions = (commentId: number) =>
    h
      .query<{ decision: string }>(
        `SELECT envelope::jsonb #>> '{data,decision}' AS decision FROM outbox WHERE type = 'comments.comment.moderated.v1'
          AND envelope::jsonb #>> '{data,commentId}' = $1 ORDER BY seq`,
        [String(commentId)],
      )
      .then((rows) => rows.map((r) => r.decision));

  before(async () => {
    h = await startComments('moderation', { COMMENTS_BANNED_WORDS: 'darn,total scam', COMMENTS_SUSPECT_WORDS: 'casino', COMMENTS_REPORTS_TO_HIDE: '2' });
    article = await h.publishArticle();
  });
  after(() => h.close());

  it('refuses a banned word with 422 naming the rule, and stores nothing', async () => {
    const error = await h.failure('comments.create', { actor: reader(), slug: article.slug, comment: { body: 'What a TOTAL scam.' } });
    assert.equal(error.code, 'COMMENT.REJECTED');
    assert.match(error.fields!.body[0], /banned-word/);
    assert.match(error.fields!.body[0], /total scam/);
    const [{ n }] = await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE body ILIKE '%scam%'`);
    assert.equal(n, 0);
  });

  it('queues suspect words and links: pending, seen by the author alone, audited with the rule', async () => {
    const author = reader();
    const suspect = await post(author, 'Best casino in town');
    const link = await post(author, 'read https://example.test/more');
    for (const c of [suspect, link]) assert.equal(c.status, 'pending');
    assert.equal((await listed(author, suspect.id))?.status, 'pending');
    assert.equal(await listed(null, suspect.id), undefined);
    assert.equal(await listed(reader(), link.id), undefined);
    assert.equal((await h.request('comments.list', { actor: null, slug: article.slug })).commentsCount, 0);
    const pending = await queue('pending');
    assert.deepEqual(pending.comments.map((c) => c.id), [suspect.id, link.id]);
    assert.equal(pending.comments[0].articleSlug, article.slug);
    assert.deepEqual(await audit(suspect.id), [{ action: 'queued', actor_id: null, reason_code: 'suspect-word' }]);
    assert.deepEqual(await audit(link.id), [{ action: 'queued', actor_id: null, reason_code: 'link' }]);
  });

  it('approves a pending comment: visible to all, out of the queue, event and audit row', async () => {
    const c = await post(reader(), 'casino night was fun');
    const approved = await h.request('comments.moderate', { actor: moderator, id: c.id, action: 'approve', decision: {} });
    assert.equal(approved.comment.status, 'visible');
    assert.equal((await listed(null, c.id))?.status, 'visible');
    assert.ok(!(await queue('pending')).comments.some((x) => x.id === c.id));
    assert.deepEqual(await decisions(c.id), ['approved']);
    assert.deepEqual((await audit(c.id)).map((a) => [a.action, a.actor_id]), [['queued', null], ['approved', moderator.userId]]);
  });

  it('rejects with a reason code (required), hiding the comment for good', async () => {
    const c = await post(reader(), 'casino casino casino');
    const missing = await h.failure('comments.moderate', { actor: moderator, id: c.id, action: 'reject', decision: {} });
    assert.equal(missing.code, 'REQUEST.INVALID');
    assert.ok(missing.fields?.reasonCode);
    const bad = await h.failure('comments.moderate', { actor: moderator, id: c.id, action: 'reject', decision: { reasonCode: 'boring' } });
    assert.ok(bad.fields?.reasonCode);
    const rejected = await h.request('comments.moderate', { actor: admin, id: c.id, action: 'reject', decision: { reasonCode: 'spam', note: 'bot' } });
    assert.equal(rejected.comment.status, 'rejected');
    assert.equal(await listed(null, c.id), undefined);
    assert.deepEqual(await decisions(c.id), ['rejected']);
    assert.deepEqual((await audit(c.id)).at(-1), { action: 'rejected', actor_id: admin.userId, reason_code: 'spam' });
  });

  it('features a visible comment (first in "top"), and refuses to feature a pending one', async () => {
    const fresh = await h.publishArticle();
    const plain = await post(reader(), 'plain', fresh.slug);
    const liked = await post(reader(), 'liked', fresh.slug);
    await h.request('comments.like', { actor: reader(), slug: fresh.slug, id: liked.id });
    const featured = await h.request('comments.moderate', { actor: moderator, id: plain.id, action: 'feature', decision: {} });
    assert.equal(featured.comment.featured, true);
    const top = await h.request('comments.list', { actor: null, slug: fresh.slug, sort: 'top' });
    assert.deepEqual(top.comments.map((c) => c.id), [plain.id, liked.id]);
    assert.deepEqual(await decisions(plain.id), ['featured']);
    const pending = await post(reader(), 'casino', fresh.slug);
    const error = await h.failure('comments.moderate', { actor: moderator, id: pending.id, action: 'feature', decision: {} });
    assert.equal(error.code, 'REQUEST.INVALID');
  });

  it('takes reports with a reason, hides a comment at the threshold until a moderator approves it', async () => {
    const author = reader();
    const c = await post(author, 'a contested opinion');
    const first = reader();
    const badReason = await h.failure('comments.report', { actor: first, slug: article.slug, id: c.id, report: { reason: 'meh' } });
    assert.ok(badReason.fields?.reason);
    const longDetails = await h.failure('comments.report', { actor: first, slug: article.slug, id: c.id, report: { reason: 'other', details: 'x'.repeat(501) } });
    assert.ok(longDetails.fields?.details);
    const own = await h.failure('comments.report', { actor: author, slug: article.slug, id: c.id, report: { reason: 'spam' } });
    assert.equal(own.code, 'COMMENT.FORBIDDEN');

    const report = await h.request('comments.report', { actor: first, slug: article.slug, id: c.id, report: { reason: 'misinformation', details: 'x'.repeat(500) } });
    assert.equal(report.report.reason, 'misinformation');
    const twice = await h.failure('comments.report', { actor: first, slug: article.slug, id: c.id, report: { reason: 'spam' } });
    assert.equal(twice.code, 'COMMENT.FORBIDDEN');
    assert.equal((await listed(null, c.id))?.status, 'visible', 'one report is below the threshold');

    await h.request('comments.report', { actor: reader(), slug: article.slug, id: c.id, report: { reason: 'abusive' } });
    assert.equal(await listed(null, c.id), undefined, 'hidden once the threshold is reached');
    assert.equal(await listed(author, c.id), undefined, 'hidden from its author too');
    const reported = await queue('reported');
    const item = reported.comments.find((x) => x.id === c.id)!;
    assert.equal(item.status, 'hidden');
    assert.equal(item.reportsCount, 2);
    assert.deepEqual(item.reportReasons, { misinformation: 1, abusive: 1 });
    assert.deepEqual((await audit(c.id))[0], { action: 'hidden', actor_id: null, reason_code: 'reports-threshold' });

    await h.request('comments.moderate', { actor: moderator, id: c.id, action: 'approve', decision: { note: 'fair comment' } });
    assert.equal((await listed(null, c.id))?.status, 'visible');
    assert.ok(!(await queue('reported')).comments.some((x) => x.id === c.id));
    assert.deepEqual(await decisions(c.id), ['hidden', 'approved']);
    const reportEvents = await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE type = 'comments.comment.reported.v1'`);
    assert.equal(reportEvents[0].n, 2);
  });

  it('switches one article to pre-moderation and back to the global mode', async () => {
    const fresh = await h.publishArticle();
    const set = await h.request('comments.set-article-moderation', { actor: moderator, slug: fresh.slug, settings: { moderationMode: 'pre' } });
    assert.deepEqual(set.article, { slug: fresh.slug, moderationMode: 'pre', inherited: false, closed: false });
    assert.equal((await post(reader(), 'held for review', fresh.slug)).status, 'pending');
    assert.equal((await post(reader(), 'elsewhere')).status, 'visible', 'other articles keep the global mode');
    const unset = await h.request('comments.set-article-moderation', { actor: moderator, slug: fresh.slug, settings: { moderationMode: null } });
    assert.deepEqual(unset.article, { slug: fresh.slug, moderationMode: 'post', inherited: true, closed: false });
    assert.equal((await post(reader(), 'straight through', fresh.slug)).status, 'visible');
    const [row] = await h.query<{ action: string; reason_code: string }>(`SELECT action, reason_code FROM moderation_audit WHERE action = 'article-moderation' ORDER BY id LIMIT 1`);
    assert.deepEqual(row, { action: 'article-moderation', reason_code: 'pre' });
    const modes = await h.query<{ mode: string | null }>(
      `SELECT envelope::jsonb #>> '{data,moderationMode}' AS mode FROM outbox
        WHERE type = 'comments.article.moderation-changed.v1' AND envelope::jsonb #>> '{data,slug}' = $1 ORDER BY seq`,
      [fresh.slug],
    );
    assert.deepEqual(modes.map((m) => m.mode), ['pre', null]);
    const bad = await h.failure('comments.set-article-moderation', { actor: moderator, slug: fresh.slug, settings: { moderationMode: 'later' } });
    assert.ok(bad.fields?.moderationMode);
  });

  it('keeps every moderator route from readers (403)', async () => {
    const someone = reader();
    const c = await post(reader(), 'casino');
    const attempts = [
      h.failure('comments.moderation-queue', { actor: someone, queue: 'pending' }),
      h.failure('comments.moderate', { actor: someone, id: c.id, action: 'approve', decision: {} }),
      h.failure('comments.set-article-moderation', { actor: someone, slug: article.slug, settings: { moderationMode: 'pre' } }),
      h.failure('comments.sanction', { actor: someone, username: 'anyone', sanction: { status: 'banned' } }),
    ];
    for (const error of await Promise.all(attempts)) assert.equal(error.code, 'AUTH.FORBIDDEN');
  });

  it('pages a queue with a cursor', async () => {
    const all = (await queue('pending')).comments.map((c: CommentView) => c.id);
    assert.ok(all.length >= 3);
    const first = await h.request('comments.moderation-queue', { actor: moderator, queue: 'pending', limit: 2 });
    const second = await h.request('comments.moderation-queue', { actor: moderator, queue: 'pending', limit: 2, cursor: first.nextCursor! });
    assert.deepEqual([...first.comments, ...second.comments].map((c) => c.id), all.slice(0, first.comments.length + second.comments.length));
  });
});

describe('comments: global pre-moderation', () => {
  let h: CommentsHarness;
  before(async () => {
    h = await startComments('premod', { COMMENTS_MODERATION_MODE: 'pre' });
  });
  after(() => h.close());

  it('holds every comment for a moderator when the site runs in pre mode', async () => {
    const article = await h.publishArticle();
    const c = (await h.request('comments.create', { actor: actor(), slug: article.slug, comment: { body: 'hello' } })).comment;
    assert.equal(c.status, 'pending');
    const [row] = await h.query<{ reason_code: string }>(`SELECT reason_code FROM moderation_audit WHERE comment_id = $1`, [c.id]);
    assert.equal(row.reason_code, 'pre-moderation');
    const approved = await h.request('comments.moderate', { actor: actor(['moderator']), id: c.id, action: 'approve', decision: {} });
    assert.equal(approved.comment.status, 'visible');
  });
});
