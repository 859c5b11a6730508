import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticlePublishedV1, CommentView } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { Outbox } from '@broadsheet/messaging';
import { toCommentCreated } from '../src/dtos/comment.dtos';
import { CommentRepository, type PostWrite } from '../src/repositories/comment.repository';
import { actor, startComments, type CommentsHarness } from './support/comments.harness';

describe('comments: threads, sorting and paging (real Postgres and JetStream)', () => {
  let h: CommentsHarness;
  let article: ArticlePublishedV1;
  const alice = actor();
  const bob = actor();
  const carol = actor();
  const post = (who = alice, body = `words ${Math.random()}`, parentId?: number) =>
    h.request('comments.create', { actor: who, slug: article.slug, comment: parentId ? { body, parentId } : { body } }).then((r) => r.comment);
  const ids = (comments: CommentView[]) => comments.map((c) => c.id);

  before(async () => {
    h = await startComments('threads');
    article = await h.publishArticle();
  });
  after(() => h.close());

  it('posts a comment with an integer id and returns the RealWorld list newest first', async () => {
    const first = await post(alice, 'First!');
    const second = await post(bob, 'Second.');
    assert.equal(typeof first.id, 'number');
    assert.equal(first.body, 'First!');
    assert.equal(first.authorId, alice.userId);
    assert.equal(first.status, 'visible');
    assert.equal(first.editedAt, null);
    const list = await h.request('comments.list', { actor: null, slug: article.slug });
    assert.deepEqual(ids(list.comments), [second.id, first.id]);
    assert.equal(list.commentsCount, 2);
    assert.equal(list.nextCursor, null);
    assert.equal(list.closed, false);
  });

  it('lists each comment exactly as the comment view has it, edited, liked, deleted or not', async () => {
    // An article of its own: the edit's event would show in another test's outbox check.
    const { slug } = await h.publishArticle();
    const parent = (await h.request('comments.create', { actor: alice, slug, comment: { body: 'to be edited' } })).comment;
    const reply = (await h.request('comments.create', { actor: bob, slug, comment: { body: 'a reply', parentId: parent.id } })).comment;
    const edited = (await h.request('comments.edit', { actor: alice, slug, id: parent.id, comment: { body: 'edited "once"\nwith a line' } })).comment;
    const liked = (await h.request('comments.like', { actor: carol, slug, id: reply.id })).comment;
    await h.request('comments.delete', { actor: alice, slug, id: parent.id });
    for (const query of [{}, { sort: 'newest' as const, limit: 50 }]) {
      const listed = (await h.request('comments.list', { actor: carol, slug, ...query })).comments;
      const placeholder = listed.find((c) => c.id === parent.id)!;
      assert.deepEqual(placeholder, { ...edited, body: '', authorId: null, deleted: true, repliesCount: 1, updatedAt: placeholder.updatedAt }, JSON.stringify(query));
      assert.ok(edited.editedAt && placeholder.editedAt === edited.editedAt);
      assert.deepEqual(listed.find((c) => c.id === reply.id), liked, JSON.stringify(query));
      assert.deepEqual(Object.keys(listed[0]), Object.keys(liked), 'the view\'s fields, in its order, and nothing else');
    }
  });

  it('nests replies to depth 3 and attaches deeper ones to the deepest allowed ancestor', async () => {
    const root = await post(alice, 'root');
    const r1 = await post(bob, 'r1', root.id);
    const r2 = await post(carol, 'r2', r1.id);
    const r3 = await post(alice, 'r3', r2.id);
    const r4 = await post(bob, 'r4', r3.id);
    assert.deepEqual([r1.depth, r2.depth, r3.depth], [1, 2, 3]);
    assert.equal(r3.parentId, r2.id);
    assert.equal(r4.depth, 3);
    assert.equal(r4.parentId, r2.id, 'a reply to a depth-3 comment attaches to its depth-2 parent');
    const page = await h.request('comments.list', { actor: null, slug: article.slug, sort: 'newest', limit: 1 });
    assert.deepEqual(ids(page.comments), [root.id, r1.id, r2.id, r3.id, r4.id]);
    assert.ok(page.nextCursor);
  });

  it('refuses a reply to a comment of another article or one that does not exist', async () => {
    const other = await h.publishArticle();
    const foreign = (await h.request('comments.create', { actor: bob, slug: other.slug, comment: { body: 'elsewhere' } })).comment;
    for (const parentId of [foreign.id, 999_999]) {
      const error = await h.failure('comments.create', { actor: alice, slug: article.slug, comment: { body: 'reply', parentId } });
      assert.equal(error.code, 'COMMENT.NOT_FOUND');
      assert.ok(error.fields?.parentId);
    }
  });

  it('pages through threads with a cursor in each sort, without repeats or gaps', async () => {
    const fresh = await h.publishArticle();
    const made: CommentView[] = [];
    for (let i = 0; i < 5; i++) made.push((await h.request('comments.create', { actor: alice, slug: fresh.slug, comment: { body: `c${i}` } })).comment);
    // Likes make "top" differ from "newest": c1 gets 2, c3 gets 1.
    for (const [who, target] of [[bob, made[1]], [carol, made[1]], [bob, made[3]]] as const) {
      await h.request('comments.like', { actor: who, slug: fresh.slug, id: target.id });
    }
    const walk = async (sort: string) => {
      const seen: number[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await h.request('comments.list', { actor: null, slug: fresh.slug, sort, limit: 2, cursor });
        assert.ok(page.comments.length <= 2);
        seen.push(...ids(page.comments));
        assert.equal(page.commentsCount, 5);
        if (!page.nextCursor) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('did not finish');
    };
    const [c0, c1, c2, c3, c4] = ids(made);
    assert.deepEqual(await walk('newest'), [c4, c3, c2, c1, c0]);
    assert.deepEqual(await walk('oldest'), [c0, c1, c2, c3, c4]);
    assert.deepEqual(await walk('top'), [c1, c3, c4, c2, c0]);
  });

  it('refuses a cursor from another sort and a bad limit with 422 naming the field', async () => {
    const page = await h.request('comments.list', { actor: null, slug: article.slug, sort: 'oldest', limit: 1 });
    const wrong = await h.failure('comments.list', { actor: null, slug: article.slug, sort: 'top', cursor: page.nextCursor! });
    assert.equal(wrong.code, 'REQUEST.INVALID');
    assert.ok(wrong.fields?.cursor);
    const big = await h.failure('comments.list', { actor: null, slug: article.slug, limit: '1000' });
    assert.ok(big.fields?.limit);
    const sort = await h.failure('comments.list', { actor: null, slug: article.slug, sort: 'random' });
    assert.ok(sort.fields?.sort);
  });

  it('counts one like per reader, idempotently, and takes it back', async () => {
    const target = await post(carol, 'likeable');
    const once = await h.request('comments.like', { actor: alice, slug: article.slug, id: target.id });
    const twice = await h.request('comments.like', { actor: alice, slug: article.slug, id: String(target.id) });
    assert.equal(once.comment.likesCount, 1);
    assert.equal(twice.comment.likesCount, 1);
    assert.equal(twice.comment.liked, true);
    await h.request('comments.like', { actor: bob, slug: article.slug, id: target.id });
    const seenByAlice = await h.request('comments.list', { actor: alice, slug: article.slug });
    const mine = seenByAlice.comments.find((c) => c.id === target.id)!;
    assert.equal(mine.likesCount, 2);
    assert.equal(mine.liked, true);
    const threadsForAlice = await h.request('comments.list', { actor: alice, slug: article.slug, sort: 'top', limit: 50 });
    assert.equal(threadsForAlice.comments.find((c) => c.id === target.id)!.liked, true, 'in a page of threads too');
    const seenByCarol = await h.request('comments.list', { actor: carol, slug: article.slug });
    assert.equal(seenByCarol.comments.find((c) => c.id === target.id)!.liked, false, "another reader's like is not the viewer's");
    const anonymous = await h.request('comments.list', { actor: null, slug: article.slug });
    assert.equal(anonymous.comments.find((c) => c.id === target.id)!.liked, false);
    const events = await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE type = 'comments.comment.liked.v1' AND envelope::jsonb #>> '{data,commentId}' = $1`, [String(target.id)]);
    assert.equal(events[0].n, 2, 'a repeated like emits nothing');
    const unliked = await h.request('comments.unlike', { actor: alice, slug: article.slug, id: target.id });
    assert.equal(unliked.comment.likesCount, 1);
    assert.equal(unliked.comment.liked, false);
    const again = await h.request('comments.unlike', { actor: alice, slug: article.slug, id: target.id });
    assert.equal(again.comment.likesCount, 1, 'a like taken back twice counts once');
    const withdrawals = await h.query<{ data: Record<string, unknown> }>(
      `SELECT envelope::jsonb -> 'data' AS data FROM outbox WHERE type = 'comments.comment.unliked.v1' AND envelope::jsonb #>> '{data,commentId}' = $1`,
      [String(target.id)],
    );
    assert.equal(withdrawals.length, 1, 'taking back a like never given emits nothing');
    const { unlikedAt, ...withdrawal } = withdrawals[0].data;
    assert.deepEqual(withdrawal, { commentId: target.id, articleId: article.articleId, userId: alice.userId, likesCount: 1 });
    assert.ok(!Number.isNaN(Date.parse(String(unlikedAt))));
  });

  it('keeps a deleted comment with replies as a placeholder, and drops one without', async () => {
    const parent = await post(alice, 'parent to delete');
    const child = await post(bob, 'child', parent.id);
    const lonely = await post(alice, 'lonely');
    await h.request('comments.delete', { actor: alice, slug: article.slug, id: parent.id });
    await h.request('comments.delete', { actor: alice, slug: article.slug, id: lonely.id });
    const list = await h.request('comments.list', { actor: null, slug: article.slug });
    const placeholder = list.comments.find((c) => c.id === parent.id)!;
    assert.equal(placeholder.deleted, true);
    assert.equal(placeholder.body, '');
    assert.equal(placeholder.authorId, null);
    assert.ok(list.comments.some((c) => c.id === child.id));
    assert.ok(!list.comments.some((c) => c.id === lonely.id));
    await h.request('comments.delete', { actor: bob, slug: article.slug, id: child.id });
    const after = await h.request('comments.list', { actor: null, slug: article.slug });
    assert.ok(!after.comments.some((c) => c.id === parent.id), 'the placeholder goes with its last reply');
    const again = await h.failure('comments.delete', { actor: alice, slug: article.slug, id: parent.id });
    assert.equal(again.code, 'COMMENT.NOT_FOUND');
  });

  it('stores markup as plain text, exactly as sent, and bounds the body', async () => {
    const body = '<script>alert("x")</script> & <b>bold</b>\n  ';
    const made = await post(alice, body);
    assert.equal(made.body, body);
    const [row] = await h.query<{ body: string }>(`SELECT body FROM comments WHERE id = $1`, [made.id]);
    assert.equal(row.body, body);
    for (const bad of ['', '   ', 'x'.repeat(5001), 'nul\u0000byte', 42]) {
      const error = await h.failure('comments.create', { actor: alice, slug: article.slug, comment: { body: bad } });
      assert.equal(error.code, 'REQUEST.INVALID');
      assert.ok(error.fields?.body, JSON.stringify(error.fields));
    }
    assert.equal((await post(bob, '🙂'.repeat(5000))).body.length, 10_000, '5,000 characters even when each is two UTF-16 units');
  });

  it('answers 404 for an unknown article', async () => {
    const error = await h.failure('comments.create', { actor: alice, slug: 'no-such-story', comment: { body: 'hello' } });
    assert.equal(error.code, 'ARTICLE.NOT_FOUND');
    const list = await h.failure('comments.list', { actor: null, slug: 'no-such-story' });
    assert.equal(list.code, 'ARTICLE.NOT_FOUND');
  });

  it('posts with one read and one write statement, the comment and its event written together', async () => {
    await post(); // warms the once-per-process lookups
    const tx = h.service.app.get(TransactionHost);
    const statements: string[] = [];
    const query = tx.query.bind(tx);
    const run = tx.run.bind(tx);
    tx.query = ((text: string, values?: unknown[]) => {
      statements.push(text);
      return query(text, values);
    }) as typeof tx.query;
    tx.run = ((work: Parameters<typeof run>[0]) => {
      statements.push('transaction');
      return run(work);
    }) as typeof tx.run;
    let reply: CommentView;
    try {
      reply = await post(bob, 'Counted.', (await post(alice, 'Parent.')).id);
    } finally {
      tx.query = query;
      tx.run = run;
    }
    assert.equal(statements.length, 4, `two posts took ${statements.length} statements:\n${statements.join('\n')}`);
    const [row] = await h.query<{ envelope: { subject: string; data: Record<string, unknown> } }>(
      `SELECT envelope FROM outbox WHERE type = 'comments.comment.created.v1' AND envelope->>'subject' = $1`,
      [String(reply.id)],
    );
    assert.deepEqual(row.envelope.data, {
      commentId: reply.id,
      articleId: article.articleId,
      articleSlug: article.slug,
      authorId: bob.userId,
      parentId: reply.parentId,
      body: 'Counted.',
      visibility: 'visible',
      createdAt: reply.createdAt,
    });
    const [parent] = await h.query<{ replies: number }>(`SELECT replies_count AS replies FROM comments WHERE id = $1`, [reply.parentId]);
    assert.equal(parent.replies, 1);
  });

  it('reads and writes a group of posts in one statement each: each comment with its event, replies counted, queued ones audited', async () => {
    const comments = h.service.app.get(CommentRepository);
    const outbox = h.service.app.get(Outbox);
    const parent = await post(alice, 'Group parent.');
    const writes = await Promise.all(
      [alice, bob, carol].map(async (who, i): Promise<PostWrite> => {
        const [context] = await comments.postingContexts([{ slug: article.slug, userId: who.userId, parentId: parent.id, body: `group ${i}` }], 0, 0);
        const comment = {
          id: context!.commentId,
          articleId: article.articleId,
          authorId: who.userId,
          parentId: parent.id,
          parentPath: [parent.id],
          depth: 1,
          body: `group ${i}`,
          visibility: i === 2 ? ('pending' as const) : ('visible' as const),
          createdAt: context!.now,
        };
        const event = outbox.entry('comments.comment.created.v1', String(comment.id), toCommentCreated(comment, article.slug));
        return { comment, event, queued: i === 2 ? { reasonCode: 'link', details: 'http' } : null };
      }),
    );
    const written = await comments.postMany(writes, 0);
    assert.deepEqual([...written.keys()].sort(), writes.map((w) => w.comment.id).sort());
    for (const { comment, event } of writes) {
      assert.deepEqual(written.get(comment.id)!.path, [parent.id, comment.id]);
      const [row] = await h.query<{ id: string }>(`SELECT id FROM outbox WHERE envelope->>'subject' = $1`, [String(comment.id)]);
      assert.equal(row.id, event.envelope.id);
    }
    const [counted] = await h.query<{ replies: number }>(`SELECT replies_count AS replies FROM comments WHERE id = $1`, [parent.id]);
    assert.equal(counted.replies, 3);
    const audit = await h.query<{ comment_id: number; reason_code: string }>(`SELECT comment_id, reason_code FROM moderation_audit WHERE comment_id = ANY($1::int[])`, [
      writes.map((w) => w.comment.id),
    ]);
    assert.deepEqual(audit, [{ comment_id: writes[2].comment.id, reason_code: 'link' }]);
  });

  it('publishes created, deleted, liked and unliked events through the outbox', async () => {
    await h.service.relay.flush();
    const rows = await h.query<{ type: string }>(`SELECT DISTINCT type FROM outbox WHERE published_at IS NOT NULL ORDER BY type`);
    const published = rows.map((r) => r.type);
    for (const type of ['comments.comment.created.v1', 'comments.comment.deleted.v1', 'comments.comment.liked.v1', 'comments.comment.unliked.v1']) assert.ok(published.includes(type), `${type} in ${published}`);
    assert.equal((await h.query(`SELECT 1 FROM outbox WHERE published_at IS NULL`)).length, 0, 'every event published');
  });
});
