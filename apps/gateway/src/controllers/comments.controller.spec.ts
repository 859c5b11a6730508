import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commentsCountOf, commentsOnly } from './comments.controller';

describe('commentsOnly', () => {
  it('keeps the comments member of a page and drops the paging members', () => {
    const comments = [{ id: 2, body: 'says ],"commentsCount":9 in its text' }, { id: 1, body: 'plain' }];
    const page = JSON.stringify({ comments, commentsCount: 2, nextCursor: null, closed: false });
    assert.deepEqual(JSON.parse(commentsOnly(page)!), { comments });
    const empty = JSON.stringify({ comments: [], commentsCount: 0, nextCursor: 'abc', closed: true });
    assert.deepEqual(JSON.parse(commentsOnly(empty)!), { comments: [] });
  });

  it('answers null for text in another form, so the caller parses it instead', () => {
    assert.equal(commentsOnly(JSON.stringify({ commentsCount: 0, comments: [] })), null);
    assert.equal(commentsOnly('{"comments":[]}'), null);
  });
});

describe('commentsCountOf', () => {
  it('reads the count of a page of threads, whatever the comments say', () => {
    const comments = [{ id: 2, body: 'says ],"commentsCount":9 in its text' }, { id: 1, body: 'plain' }];
    assert.equal(commentsCountOf(JSON.stringify({ comments, commentsCount: 12, nextCursor: 'abc', closed: false })), 12);
    assert.equal(commentsCountOf(JSON.stringify({ comments: [], commentsCount: 0, nextCursor: null, closed: true })), 0);
  });

  it('answers null for text in another form, so the page marks its comments unavailable', () => {
    assert.equal(commentsCountOf(JSON.stringify({ commentsCount: 3, comments: [] })), null);
    assert.equal(commentsCountOf(JSON.stringify({ comments: [], commentsCount: null })), null);
    assert.equal(commentsCountOf('{"comments":[]}'), null);
  });
});
