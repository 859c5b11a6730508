import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@broadsheet/messaging';
import { decodeCursor, decodeIdCursor, encodeCursor, encodeIdCursor } from './cursor.codec';

describe('cursor codec', () => {
  it('round-trips each sort', () => {
    assert.deepEqual(decodeCursor(encodeCursor({ sort: 'newest', id: 42 }), 'newest'), { sort: 'newest', id: 42 });
    assert.deepEqual(decodeCursor(encodeCursor({ sort: 'oldest', id: 7 }), 'oldest'), { sort: 'oldest', id: 7 });
    const top = { sort: 'top', featured: true, likes: 12, id: 99 } as const;
    assert.deepEqual(decodeCursor(encodeCursor(top), 'top'), top);
    assert.equal(decodeIdCursor(encodeIdCursor(5)), 5);
  });

  it('is URL-safe text', () => {
    assert.match(encodeCursor({ sort: 'top', featured: false, likes: 1_000_000, id: 123_456 }), /^[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor made for another sort, tampered keys and garbage, naming the field', () => {
    const newest = encodeCursor({ sort: 'newest', id: 3 });
    for (const [text, sort] of [
      [newest, 'top'],
      [Buffer.from('{"s":"newest","k":[-1]}').toString('base64url'), 'newest'],
      [Buffer.from('{"s":"top","k":[2,1,1]}').toString('base64url'), 'top'],
      [Buffer.from('{"s":"newest","k":["1"]}').toString('base64url'), 'newest'],
      ['%%%not-base64', 'newest'],
    ] as const) {
      assert.throws(
        () => decodeCursor(text, sort),
        (error: unknown) => error instanceof DomainError && error.code === 'REQUEST.INVALID' && Boolean(error.fields?.cursor),
      );
    }
  });
});
