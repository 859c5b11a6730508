import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commentsCountOf, commentsOnly } from './comments.controller';

/** A page's JSON as the gateway receives it from the service: bytes. */
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('commentsOnly', () => {
  it('keeps the comments member of a page and drops the paging members', () => {
    const comments = [{ id: 2, body: 'says ],"commentsCount":9 in its text' }, { id: 1, body: 'plain' }];
    const page = bytes({ comments, commentsCount: 2, nextCursor: null, closed: false });
    assert.deepEqual(JSON.parse(commentsOnly(page)!.toString()), { comments });
    const empty = bytes({ comments: [], commentsCount: 0, nextCursor: 'abc', closed: true });
    assert.deepEqual(JSON.parse(commentsOnly(empty)!.toString()), { comments: [] });
    const typographic = [{ id: 3, body: '“Quoted” — and 😀 ],"commentsCount":1' }];
    assert.deepEqual(JSON.parse(commentsOnly(bytes({ comments: typographic, commentsCount: 1, nextCursor: null, closed: false }))!.toString()), { comments: typographic });
    assert.equal(commentsCountOf(bytes({ comments: typographic, commentsCount: 7, nextCursor: null, closed: false })), 7);
  });

  it('answers null for text in another form, so the caller parses it instead', () => {
    assert.equal(commentsOnly(bytes({ commentsCount: 0, comments: [] })), null);
    assert.equal(commentsOnly(bytes('{"comments":[]}')), null);
  });
});

describe('commentsCountOf', () => {
  it('reads the count of a page of threads, whatever the comments say', () => {
    const comments = [{ id: 2, body: 'says ],"commentsCount":9 in its text' }, { id: 1, body: 'plain' }];
    assert.equal(commentsCountOf(bytes({ comments, commentsCount: 12, nextCursor: 'abc', closed: false })), 12);
    assert.equal(commentsCountOf(bytes({ comments: [], commentsCount: 0, nextCursor: null, closed: true })), 0);
  });

  it('answers null for text in another form, so the page marks its comments unavailable', () => {
    assert.equal(commentsCountOf(bytes({ commentsCount: 3, comments: [] })), null);
    assert.equal(commentsCountOf(bytes({ comments: [], commentsCount: null })), null);
    assert.equal(commentsCountOf(bytes('{"comments":[]}')), null);
  });
});
