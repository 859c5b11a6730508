import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDomainService, Outbox } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { COMMENTS_SERVICE } from '../src/comments.definition';
import { CommentsConfig } from '../src/config/comments.config';
import { CommentRepository } from '../src/repositories/comment.repository';
import type { CommentCursor } from '../src/services/cursor.codec';
import { readsOn, rowsRead } from '@broadsheet/testing';
import { actor, startComments, type CommentsHarness } from './support/comments.harness';

describe('comments: each article\'s count, and reads that stay small on a long conversation (real Postgres)', () => {
  let h: CommentsHarness;
  const moderator = actor(['reader', 'moderator']);

  before(async () => {
    h = await startComments('counts', { COMMENTS_SUSPECT_WORDS: 'casino', COMMENTS_REPORTS_TO_HIDE: '2' });
  });
  after(() => h.close());

  const post = (slug: string, body: string, who = actor(), parentId?: number) =>
    h.request('comments.create', { actor: who, slug, comment: parentId ? { body, parentId } : { body } }).then((r) => r.comment);
  /** The count as every read reports it, checked against the rows themselves. */
  async function count(article: { articleId: string; slug: string }): Promise<number> {
    const [{ n }] = await h.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM comments WHERE article_id = $1 AND visibility = 'visible' AND deleted_at IS NULL`,
      [article.articleId],
    );
    const listed = await h.request('comments.list', { actor: null, slug: article.slug });
    const paged = await h.request('comments.list', { actor: null, slug: article.slug, sort: 'top', limit: 5 });
    const { counts } = await h.request('comments.count', { articleIds: [article.articleId] });
    assert.deepEqual([listed.commentsCount, paged.commentsCount, counts[article.articleId]], [n, n, n], 'list, page and comments.count agree with the rows');
    return n;
  }

  it('follows every change that adds or removes a visible comment, and no other', async () => {
    const article = await h.publishArticle();
    const other = await h.publishArticle();
    const author = actor();
    assert.equal(await count(article), 0);

    const first = await post(article.slug, 'first', author);
    const reply = await post(article.slug, 'a reply', actor(), first.id);
    assert.equal(await count(article), 2, 'a comment and a reply');

    // Posts arriving together are written in one statement: each article counts its own.
    await Promise.all([...Array.from({ length: 6 }, (_, i) => post(article.slug, `together ${i}`)), ...Array.from({ length: 4 }, (_, i) => post(other.slug, `elsewhere ${i}`))]);
    assert.equal(await count(article), 8);
    assert.equal(await count(other), 4);

    const queued = await post(article.slug, 'casino tonight');
    assert.equal(queued.status, 'pending');
    assert.equal(await count(article), 8, 'a pending comment is not counted');
    await h.request('comments.moderate', { actor: moderator, id: queued.id, action: 'approve', decision: {} });
    assert.equal(await count(article), 9, 'approved: counted');

    const doomed = await post(article.slug, 'casino again');
    await h.request('comments.moderate', { actor: moderator, id: doomed.id, action: 'reject', decision: { reasonCode: 'spam' } });
    assert.equal(await count(article), 9, 'a rejected pending comment never counted');

    await h.request('comments.like', { actor: actor(), slug: article.slug, id: first.id });
    await h.request('comments.moderate', { actor: moderator, id: first.id, action: 'feature', decision: {} });
    assert.equal(await count(article), 9, 'likes and featuring change nothing');

    await h.request('comments.edit', { actor: author, slug: article.slug, id: first.id, comment: { body: 'first, now about the casino' } });
    assert.equal(await count(article), 8, 'an edit sent back to review leaves the count');

    const reported = await post(article.slug, 'a fine opinion');
    for (const reporter of [actor(), actor()]) {
      await h.request('comments.report', { actor: reporter, slug: article.slug, id: reported.id, report: { reason: 'spam' } });
    }
    assert.equal(await count(article), 8, 'hidden by reports: posted (+1) then hidden (-1)');

    await h.request('comments.delete', { actor: author, slug: article.slug, id: first.id });
    assert.equal(await count(article), 8, 'deleting an uncounted (pending) comment');
    const mine = actor();
    const gone = await post(article.slug, 'regret', mine);
    await h.request('comments.delete', { actor: mine, slug: article.slug, id: gone.id });
    assert.equal(await count(article), 8, 'posted then deleted');
    assert.equal(await count(other), 4, 'the other article untouched throughout');

    // A write from a session whose search path does not name the schema (an operator's psql).
    const runner = h.service.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL search_path = public`);
      await runner.query(`UPDATE comments.comments SET visibility = 'hidden' WHERE id = $1`, [reply.id]);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    assert.equal(await count(article), 7, 'hidden from another search path');
  });

  it('keeps every count exact when two replicas write batches across the same articles at once', async () => {
    const [first, second] = await Promise.all([h.publishArticle(), h.publishArticle()]);
    // A second replica on the same database and stream, answering the same requests.
    const replica = await createDomainService(COMMENTS_SERVICE, loadConfig(CommentsConfig, { ...h.env, INSTANCE_ID: 'comments-counts-b' }));
    await replica.app.listen();
    try {
      // Each post goes to whichever replica NATS picks; each replica batches what arrives together,
      // so batches of both touch both articles.
      const posts = Array.from({ length: 120 }, (_, i) => post(i % 2 === 0 ? first.slug : second.slug, `at once ${i}`));
      const written = await Promise.all(posts);
      assert.equal(written.length, 120);
      assert.equal(await count(first), 60);
      assert.equal(await count(second), 60);
    } finally {
      await replica.close();
    }
  });

  it('reads a page and the next one of a conversation without reading the rest of it, long or short', async () => {
    const long = await h.publishArticle();
    const short = await h.publishArticle();
    const others = await Promise.all(Array.from({ length: 40 }, () => h.publishArticle()));
    const LONG = 5_000;
    // Straight into the table, as years of posts would leave it: the long conversation, then 100
    // comments under each other article, the short one's among them. The insert trigger counts them.
    const insertRoots = (articleIds: string[], each: number) =>
      h.query(
        `WITH ids AS (SELECT a.id AS article_id, nextval(pg_get_serial_sequence('comments', 'id'))::int AS id
                        FROM unnest($1::text[]) a(id), generate_series(1, $2::int))
         INSERT INTO comments (id, article_id, author_id, root_id, path, depth, body, visibility, likes_count)
         SELECT id, article_id, gen_random_uuid(), id, ARRAY[id], 0, 'comment ' || id, 'visible', id % 7 FROM ids`,
        [articleIds, each],
      );
    await insertRoots([long.articleId], LONG);
    await insertRoots([short.articleId, ...others.map((a) => a.articleId)], 100);
    await h.query(`ANALYZE comments`);
    assert.equal(await count(long), LONG);
    assert.equal(await count(short), 100);

    // The repository's own statements, on a connection of their own, so that Postgres' counters
    // of the rows they read are theirs alone.
    const runner = h.service.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const repository = new CommentRepository(readsOn(runner), h.service.app.get(Outbox));
      for (const [name, article] of [['long', long], ['short', short]] as const) {
        for (const sort of ['newest', 'oldest', 'top'] as const) {
          const first = await repository.threads(article.slug, null, sort, null, 21);
          assert.equal(first?.roots.length, 21);
          const last = first!.roots[20];
          const cursor: CommentCursor = sort === 'top' ? { sort, id: last.id, featured: last.featured, likes: last.likesCount } : { sort, id: last.id };
          const next = await repository.threads(article.slug, null, sort, cursor, 21);
          assert.ok(next!.roots[0].id !== last.id && next!.roots.length === 21, `${sort}: the next page follows on`);
          for (const [page, after] of [['first', null], ['next', cursor]] as const) {
            const read = await rowsRead(runner, 'comments', () => repository.threads(article.slug, null, sort, after, 21));
            assert.ok(read <= 100, `${name} conversation, ${sort}, ${page} page: read ${read} rows of comments for 21 threads`);
          }
        }
      }
    } finally {
      await runner.release();
    }
  });
});
