import type { CommentSort } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging';

/** Where the last page ended: the sort keys of its last top-level comment. */
export type CommentCursor =
  | { sort: 'newest' | 'oldest'; id: number }
  | { sort: 'top'; featured: boolean; likes: number; id: number };

const INVALID = () => DomainError.invalid('cursor', 'is not a cursor this list gave out');

/** Opaque to clients: base64url JSON, so the keys can change without breaking links. */
export function encodeCursor(cursor: CommentCursor): string {
  const keys = cursor.sort === 'top' ? [cursor.featured ? 1 : 0, cursor.likes, cursor.id] : [cursor.id];
  return Buffer.from(JSON.stringify({ s: cursor.sort, k: keys })).toString('base64url');
}

/** Reads a cursor back; one made for another sort, or not made by us, is a 422 on `cursor`. */
export function decodeCursor(text: string, sort: CommentSort): CommentCursor {
  let parsed: { s?: unknown; k?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw INVALID();
  }
  const keys = parsed?.k;
  if (parsed?.s !== sort || !Array.isArray(keys) || !keys.every((k) => Number.isSafeInteger(k) && k >= 0)) throw INVALID();
  if (sort === 'top') {
    if (keys.length !== 3 || keys[0] > 1) throw INVALID();
    return { sort, featured: keys[0] === 1, likes: keys[1], id: keys[2] };
  }
  if (keys.length !== 1) throw INVALID();
  return { sort, id: keys[0] };
}

/** A queue cursor: the id of the last item shown (queues are oldest first). */
export function encodeIdCursor(id: number): string {
  return encodeCursor({ sort: 'oldest', id });
}

export function decodeIdCursor(text: string): number {
  return (decodeCursor(text, 'oldest') as { id: number }).id;
}
