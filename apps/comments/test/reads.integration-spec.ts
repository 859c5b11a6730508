import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CommentView } from '@broadsheet/contracts';
import { CommentReads } from '../src/repositories/comment.reads';
import { CommentRepository, type ListingLookup, type ThreadsLookup } from '../src/repositories/comment.repository';
import { actor, startComments, type CommentsHarness } from './support/comments.harness';

describe('comments: reads that arrive together share a statement (real Postgres and JetStream)', () => {
  let h: CommentsHarness;
  const alice = actor();
  const bob = actor();
  const carol = actor();
  before(async () => {
    h = await startComments('reads');
  });
  after(() => h.close());

  const post = (who = alice, slug: string, body: string, parentId?: number) =>
    h.request('comments.create', { actor: who, slug, comment: parentId ? { body, parentId } : { body } }).then((r) => r.comment);
  const ids = (comments: CommentView[] | undefined) => comments?.map((c) => c.id);

  it('answers each list and page of threads for its own article, viewer and page', async () => {
    const quiet = await h.publishArticle();
    const busy = await h.publishArticle();
    const lone = await post(alice, quiet.slug, 'the only one');
    const first = await post(alice, busy.slug, 'first');
    const second = await post(bob, busy.slug, 'second');
    const reply = await post(carol, busy.slug, 'a reply', first.id);
    await h.request('comments.like', { actor: bob, slug: busy.slug, id: first.id });

    const repository = h.service.app.get(CommentRepository);
    const { listings, threadPages } = { listings: repository.listings.bind(repository), threadPages: repository.threadPages.bind(repository) };
    const batches = { listings: [] as number[], threadPages: [] as string[][] };
    repository.listings = (lookups: ListingLookup[]) => {
      batches.listings.push(lookups.length);
      return listings(lookups);
    };
    repository.threadPages = (lookups: ThreadsLookup[]) => {
      batches.threadPages.push(lookups.map((l) => `${l.sort}${l.cursor ? ' after' : ''}`));
      return threadPages(lookups);
    };
    try {
      const reads = h.service.app.get(CommentReads);
      const lists = await Promise.all([
        reads.listing({ slug: busy.slug, viewerId: bob.userId, limit: 10 }),
        reads.listing({ slug: quiet.slug, viewerId: null, limit: 10 }),
        reads.listing({ slug: 'no-such-article', viewerId: null, limit: 10 }),
        reads.listing({ slug: busy.slug, viewerId: null, limit: 2 }),
        reads.listing({ slug: 'a "quoted", {braced} \\ slug', viewerId: null, limit: 10 }),
      ]);
      assert.deepEqual(lists.map((l) => ids(l?.comments)), [[reply.id, second.id, first.id], [lone.id], undefined, [reply.id, second.id], undefined]);
      assert.deepEqual(lists.map((l) => l?.comments.filter((c) => c.liked).map((c) => c.id)), [[first.id], [], undefined, [], undefined], 'each viewer\'s own likes');
      assert.deepEqual(lists.map((l) => l?.article.commentsCount), [3, 1, undefined, 3, undefined]);
      assert.deepEqual(batches.listings, [1, 4], 'the first ran at once, the others queued behind it as one statement');

      const pages = await Promise.all([
        reads.threads({ slug: busy.slug, viewerId: bob.userId, sort: 'newest', cursor: null, limit: 10 }),
        reads.threads({ slug: busy.slug, viewerId: null, sort: 'oldest', cursor: null, limit: 1 }),
        reads.threads({ slug: quiet.slug, viewerId: null, sort: 'newest', cursor: null, limit: 10 }),
        reads.threads({ slug: busy.slug, viewerId: null, sort: 'newest', cursor: { sort: 'newest', id: second.id }, limit: 10 }),
        reads.threads({ slug: 'no-such-article', viewerId: null, sort: 'newest', cursor: null, limit: 10 }),
      ]);
      assert.deepEqual(
        pages.map((p) => p && [ids(p.roots), ids(p.replies)]),
        [[[second.id, first.id], [reply.id]], [[first.id], [reply.id]], [[lone.id], []], [[first.id], [reply.id]], null],
      );
      assert.equal(pages[0]!.roots.find((c) => c.id === first.id)!.liked, true);
      assert.equal(pages[3]!.roots[0].liked, false);
      assert.deepEqual(
        batches.threadPages,
        [['newest'], ['oldest'], ['newest', 'newest'], ['newest after']],
        'pages share a statement only with pages of the same sort and cursor or none',
      );
    } finally {
      Object.assign(repository, { listings, threadPages });
    }
  });
});
