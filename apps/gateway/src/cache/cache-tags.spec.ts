import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL, cachePolicyFor, COMMENTS, LISTS, tagsForEvent, TRENDING } from './cache-tags';
import { tagsForWrite } from './http-cache';

describe('cache policy by path', () => {
  it('caches public reads and never the feed, the current user or the docs', () => {
    assert.deepEqual(cachePolicyFor('/api/articles'), { tags: [ALL, LISTS] });
    assert.deepEqual(cachePolicyFor('/api/tags'), { tags: [ALL, LISTS] });
    assert.deepEqual(cachePolicyFor('/api/articles/hello'), { tags: [ALL, 'slug:hello'] });
    assert.deepEqual(cachePolicyFor('/api/articles/hello/comments'), { tags: [ALL, COMMENTS, 'comments:hello'] });
    assert.equal(cachePolicyFor('/api/articles/feed'), null);
    assert.equal(cachePolicyFor('/api/user'), null);
    assert.equal(cachePolicyFor('/api/health'), null);
    assert.equal(cachePolicyFor('/api/articles/hello/revisions'), null);
  });

  it('gives views derived by the recommendations service a short TTL', () => {
    assert.ok(cachePolicyFor('/api/articles/trending')?.ttlMs);
    assert.ok(cachePolicyFor('/api/articles/hello/related')?.ttlMs);
    assert.ok(cachePolicyFor('/api/articles/hello/page')?.ttlMs);
  });
});

describe('what each event makes stale', () => {
  const noSlug = () => undefined;
  it('empties the cache on article content changes', () => {
    for (const type of ['articles.article.published.v1', 'articles.article.updated.v1', 'articles.article.unpublished.v1', 'articles.article.deleted.v1'] as const) {
      assert.deepEqual(tagsForEvent(type, {} as never, noSlug), [ALL]);
    }
  });

  it('drops one article and the lists on a favorite', () => {
    const data = { articleId: 'a1', slug: 'hello', userId: 'u', favoritesCount: 1, favoritedAt: '' };
    assert.deepEqual(tagsForEvent('articles.article.favorited.v1', data, noSlug), [LISTS, 'slug:hello']);
  });

  it('drops one thread when the slug is known, every thread otherwise', () => {
    const created = { commentId: 1, articleId: 'a1', articleSlug: 'hello', authorId: 'u', parentId: null, body: 'b', visibility: 'visible', createdAt: '' } as const;
    assert.deepEqual(tagsForEvent('comments.comment.created.v1', created, noSlug), [TRENDING, 'comments:hello']);
    const liked = { commentId: 1, articleId: 'a1', userId: 'u', likesCount: 1, likedAt: '' };
    assert.deepEqual(tagsForEvent('comments.comment.liked.v1', liked, () => 'hello'), [TRENDING, 'comments:hello']);
    assert.deepEqual(tagsForEvent('comments.comment.liked.v1', liked, noSlug), [TRENDING, COMMENTS]);
  });

  it('ignores events that change no anonymous view', () => {
    assert.deepEqual(tagsForEvent('users.user.followed.v1', { followerId: 'a', followeeId: 'b', followedAt: '' }, noSlug), []);
  });
});

describe('what a write through the gateway makes stale', () => {
  it('drops the article, its thread and the lists', () => {
    assert.deepEqual(tagsForWrite('POST', '/api/articles/hello/comments'), [LISTS, 'slug:hello', 'comments:hello']);
    assert.deepEqual(tagsForWrite('POST', '/api/articles'), [LISTS]);
    assert.deepEqual(tagsForWrite('PUT', '/api/user'), [ALL]);
  });
});
