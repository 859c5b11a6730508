import anyAscii from 'any-ascii';

/** Relative weight of a term occurrence in each field: a title word says more than a body word. */
export const FIELD_WEIGHTS = { title: 3, description: 2, body: 1 } as const;

const MIN_TERM_LENGTH = 2;

// Function words and newsroom filler that say nothing about a story's topic.
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself
  his how i if in into is it its itself just let me more most my myself no nor not now of off on once only or other our ours
  ourselves out over own same she should so some such than that the their theirs them themselves then there these they this
  those through to too under until up very was we were what when where which while who whom why will with would you your
  yours yourself yourselves said says say one two three new year years week weeks day days time times many much may might
  must shall still yet ever even well back last first next like get got make made way since around per told according amp`
    .split(/\s+/)
    .filter(Boolean),
);

/** Folds accents and case, so "Élysée" and "elysee" are one term. */
export function fold(text: string): string {
  // any-ascii is the slow part of indexing; most text needs none of it.
  return (/^[\x00-\x7f]*$/.test(text) ? text : anyAscii(text)).toLowerCase();
}

/**
 * A light English suffix stripper (plurals, -ing, -ed, -ly): enough to join "sanctions" and
 * "sanction", cheap enough for 100,000 bodies, and predictable, which a ranking test needs.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4 && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.endsWith('ly') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** Text to index terms: folded, split on anything not a letter or digit, stop words dropped, stemmed. */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const word of fold(text).split(/[^a-z0-9]+/)) {
    if (word.length < MIN_TERM_LENGTH || STOP_WORDS.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}

export interface ArticleText {
  title: string;
  description: string;
  body: string;
}

/** Field-weighted term counts of one article: each occurrence counts its field's weight. */
export function weightedTermCounts(article: ArticleText): Map<string, number> {
  const counts = new Map<string, number>();
  for (const field of ['title', 'description', 'body'] as const) {
    const weight = FIELD_WEIGHTS[field];
    for (const term of tokenize(article[field])) counts.set(term, (counts.get(term) ?? 0) + weight);
  }
  return counts;
}

/** A tag as the index compares it: folded and trimmed, so "Diplomacy " and "diplomacy" match. */
export function normalizeTag(tag: string): string {
  return fold(tag).trim().replace(/\s+/g, '-');
}
