/** What the word rules make of a body: publish it, queue it for a moderator, or refuse it. */
export type Screening =
  | { outcome: 'accept' }
  | { outcome: 'review'; rule: 'suspect-word' | 'link'; match: string }
  | { outcome: 'reject'; rule: 'banned-word'; match: string };

export interface WordLists {
  banned: readonly string[];
  suspect: readonly string[];
  linksNeedReview: boolean;
}

/** http(s) and www. links, and bare domains with a common top-level domain. */
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|info|biz|ru|xyz|top|ly|co|me)\b/iu;

/** Comma-separated configuration to a list of trimmed, lower-cased, non-empty terms. */
export function parseWordList(text: string): string[] {
  return [...new Set(text.split(',').map((w) => normalise(w.trim())).filter((w) => w.length > 0))];
}

/** Case and compatibility forms folded (NFKC), so "ＣＡＳＩＮＯ" matches "casino". */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** One regex per list: whole words or phrases only, so "class" never matches "ass". */
function compile(terms: readonly string[]): RegExp | null {
  if (terms.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

/** The site's word rules, compiled once; `screen` is pure and cheap enough for every post. */
export class WordRules {
  private readonly banned: RegExp | null;
  private readonly suspect: RegExp | null;

  constructor(private readonly lists: WordLists) {
    this.banned = compile(lists.banned.map(normalise));
    this.suspect = compile(lists.suspect.map(normalise));
  }

  screen(body: string): Screening {
    const text = normalise(body);
    const banned = this.banned?.exec(text);
    if (banned) return { outcome: 'reject', rule: 'banned-word', match: banned[0] };
    const suspect = this.suspect?.exec(text);
    if (suspect) return { outcome: 'review', rule: 'suspect-word', match: suspect[0] };
    if (this.lists.linksNeedReview) {
      const link = LINK.exec(text);
      if (link) return { outcome: 'review', rule: 'link', match: link[0] };
    }
    return { outcome: 'accept' };
  }
}
