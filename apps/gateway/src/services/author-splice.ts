import type { ProfileView } from '@broadsheet/contracts';

/**
 * An author reference in the JSON a service rendered: `"authorId":"<uuid>"` (or `null`),
 * followed for articles by `,"authorUsername":"<name>"`. Every `"` inside a JSON string is
 * escaped, so `"authorId":` only ever starts a member, never text that quotes one; and in UTF-8
 * the bytes of `"` and `\` never occur inside another character, so the bytes can be searched as
 * they came off the wire.
 */
const ID_KEY = Buffer.from('"authorId":');
const NULL_VALUE = Buffer.from('null');
const USERNAME_KEY = Buffer.from(',"authorUsername":"');
const AUTHOR_KEY = Buffer.from('"author":');
const ID_LENGTH = 36;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

interface AuthorRef {
  /** Where the reference starts and ends in the bytes. */
  start: number;
  end: number;
  id: string | undefined;
  /** The username as JSON text, quotes included, when the service sent one. */
  usernameJson: string | undefined;
}

/**
 * The author references in one service reply, found in one pass over its bytes: the gateway
 * splices profiles in without decoding the reply into a string, parsing it, or encoding it again
 * (on text with typographic quotes and dashes, a string the engine holds two bytes a character,
 * decoding, searching, hashing and re-encoding cost about three times what the bytes do).
 */
export class AuthorRefs {
  private readonly refs: AuthorRef[] = [];

  constructor(readonly json: Buffer) {
    for (let at = json.indexOf(ID_KEY); at !== -1; ) {
      const ref = refAt(json, at);
      if (ref) this.refs.push(ref);
      at = json.indexOf(ID_KEY, ref ? ref.end : at + ID_KEY.length);
    }
  }

  /** The author ids referenced, each once. */
  ids(): string[] {
    const ids = new Set<string>();
    for (const { id } of this.refs) if (id !== undefined) ids.add(id);
    return [...ids];
  }

  /**
   * The bytes with every reference replaced by `"author":<profile>`, the RealWorld member, and
   * nothing else touched. `fallback` answers for a reference with no profile, given its username
   * as JSON text (if the service sent one).
   */
  splice(profiles: Record<string, ProfileView>, fallback: (usernameJson: string | undefined) => string): Buffer {
    if (this.refs.length === 0) return this.json;
    const rendered = new Map<string, Buffer>();
    const parts: Buffer[] = [];
    let from = 0;
    for (const { start, end, id, usernameJson } of this.refs) {
      const profile = id === undefined ? undefined : profiles[id];
      let author: Buffer | undefined;
      if (!profile) author = Buffer.from(fallback(usernameJson));
      else if (!(author = rendered.get(id!))) rendered.set(id!, (author = Buffer.from(JSON.stringify(profile))));
      parts.push(this.json.subarray(from, start), AUTHOR_KEY, author);
      from = end;
    }
    parts.push(this.json.subarray(from));
    return Buffer.concat(parts);
  }
}

/** The reference whose key starts at `at`, or undefined when its value is neither null nor an id. */
function refAt(json: Buffer, at: number): AuthorRef | undefined {
  const value = at + ID_KEY.length;
  let id: string | undefined;
  let end: number;
  if (startsWith(json, NULL_VALUE, value)) end = value + NULL_VALUE.length;
  else if (json[value] === QUOTE && json[value + ID_LENGTH + 1] === QUOTE && isIdText(json, value + 1)) {
    id = json.toString('latin1', value + 1, value + 1 + ID_LENGTH);
    end = value + ID_LENGTH + 2;
  } else return undefined;
  let usernameJson: string | undefined;
  if (startsWith(json, USERNAME_KEY, end)) {
    const open = end + USERNAME_KEY.length - 1;
    const close = closingQuote(json, open + 1);
    if (close !== -1) {
      usernameJson = json.toString('utf8', open, close + 1);
      end = close + 1;
    }
  }
  return { start: at, end, id, usernameJson };
}

function startsWith(json: Buffer, prefix: Buffer, at: number): boolean {
  return at + prefix.length <= json.length && json.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
}

/** The index of the `"` that ends the JSON string whose text starts at `from`, or -1. */
function closingQuote(json: Buffer, from: number): number {
  for (let i = from; i < json.length; i++) {
    if (json[i] === BACKSLASH) i++;
    else if (json[i] === QUOTE) return i;
  }
  return -1;
}

/** Whether the 36 bytes at `from` are lower-case hex digits and dashes, as ids are rendered. */
function isIdText(json: Buffer, from: number): boolean {
  for (let i = from; i < from + ID_LENGTH; i++) {
    const c = json[i];
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || c === 0x2d)) return false;
  }
  return true;
}
