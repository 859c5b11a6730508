import type { ArticleContentV1 } from '@broadsheet/contracts';
import { normalizeTag, weightedTermCounts, fold } from './text.analyzer';

/** Terms kept per article ("more like this" signature); the rest only count toward document frequency. */
export const MAX_TERMS_PER_ARTICLE = 48;
/** BM25 term-frequency saturation and length normalisation. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** A posting list longer than this share of the index is skipped when gathering candidates: too common to discriminate. */
export const MAX_POSTING_SHARE = 0.05;
/** Below this many articles every posting list is walked (the share rule would starve a small index). */
const POSTING_SHARE_MIN_INDEX = 1000;
/** Tags on more articles than this gather no candidates themselves; they still score the ones text found. */
export const MAX_TAG_SCAN = 2000;
/** Text neighbours passed on for full scoring: the strongest ones by cosine (tag neighbours always are). */
export const MAX_TEXT_CANDIDATES = 400;
/**
 * Query terms walked per related query: the source's strongest. Strong terms are rare, with
 * short posting lists; the weak tail is what makes a walk slow and adds little to the cosine.
 */
export const MAX_QUERY_TERMS = 24;
/** Resolution of the histogram that finds the cosine cut-off for MAX_TEXT_CANDIDATES. */
const CUTOFF_BUCKETS = 1024;

/** What the index needs to know about a published article. */
export type IndexableArticle = Pick<
  ArticleContentV1,
  'articleId' | 'slug' | 'title' | 'description' | 'body' | 'tags' | 'section' | 'authorId'
> & { publishedAt: Date | string };

/** An article as held in memory: display fields and its normalised term vector (sorted by term id). */
export interface IndexedArticle {
  readonly articleId: string;
  readonly slug: string;
  readonly title: string;
  readonly titleKey: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly tagKeys: readonly string[];
  /** The tag as first written, for each of `tagKeys`. */
  readonly tagLabels: readonly string[];
  readonly section: string | null;
  readonly sectionKey: string | null;
  readonly authorId: string;
  readonly publishedAt: number;
  readonly slot: number;
  readonly terms: Int32Array;
  readonly weights: Float32Array;
  /** Every distinct term, sorted: removal gives back its document frequency; near-copies are found by it. */
  readonly allTerms: Int32Array;
  readonly length: number;
}

/** Marks a neighbour joined only by a tag, so it is visited once; far below any real cosine. */
const TAG_ONLY = Math.fround(1e-30);

/** Positions in `article.terms` of its MAX_QUERY_TERMS heaviest terms. */
function strongestTerms(article: IndexedArticle): number[] {
  const positions = Array.from(article.terms.keys());
  if (positions.length <= MAX_QUERY_TERMS) return positions;
  return positions.sort((a, b) => article.weights[b] - article.weights[a] || a - b).slice(0, MAX_QUERY_TERMS);
}

interface TermCounts {
  ids: Int32Array;
  counts: Float32Array;
}

class PostingList {
  readonly slots: number[] = [];
  readonly weights: number[] = [];

  add(slot: number, weight: number): void {
    this.slots.push(slot);
    this.weights.push(weight);
  }

  remove(slot: number): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    const last = this.slots.length - 1;
    this.slots[at] = this.slots[last];
    this.weights[at] = this.weights[last];
    this.slots.pop();
    this.weights.pop();
  }
}

/**
 * The in-memory index of published articles that the related query runs on: a TF-IDF
 * inverted index over each article's strongest terms (BM25-saturated, field-weighted,
 * L2-normalised, so a dot product is a cosine), plus tag postings. Every change is
 * incremental: `upsert` and `remove` touch only the article's own postings.
 */
export class RelatedIndex {
  private readonly byId = new Map<string, IndexedArticle>();
  private readonly bySlug = new Map<string, string>();
  private readonly slots: (IndexedArticle | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly df: number[] = [];
  private readonly postings: (PostingList | undefined)[] = [];
  private readonly tagPostings = new Map<string, Set<number>>();
  private totalLength = 0;
  private scores = new Float32Array(1024);
  private tagMarks = new Uint8Array(1024);

  get size(): number {
    return this.byId.size;
  }

  get(articleId: string): IndexedArticle | undefined {
    return this.byId.get(articleId);
  }

  getBySlug(slug: string): IndexedArticle | undefined {
    const id = this.bySlug.get(slug);
    return id === undefined ? undefined : this.byId.get(id);
  }

  atSlot(slot: number): IndexedArticle | undefined {
    return this.slots[slot];
  }

  all(): IterableIterator<IndexedArticle> {
    return this.byId.values();
  }

  /** Takes over another index's contents in one step, so readers never see a half-loaded index. */
  replaceWith(other: RelatedIndex): void {
    Object.assign(this, other);
  }

  /**
   * Loads many articles at once: document frequencies are counted over all of them first, so
   * the first articles get the same weights as the last (an article added later uses the
   * frequencies as they are at that time).
   */
  load(articles: Iterable<IndexableArticle>): void {
    const analysed: { article: IndexableArticle; counts: TermCounts }[] = [];
    for (const article of articles) {
      this.remove(article.articleId);
      const counts = this.analyse(article);
      for (let i = 0; i < counts.ids.length; i++) {
        this.df[counts.ids[i]] += 1;
        this.totalLength += counts.counts[i];
      }
      analysed.push({ article, counts });
    }
    const population = this.byId.size + analysed.length;
    for (const { article, counts } of analysed) this.insert(article, counts, population);
  }

  /** Adds or replaces one article. */
  upsert(article: IndexableArticle): IndexedArticle {
    this.remove(article.articleId);
    return this.insert(article, this.analyse(article));
  }

  /** Takes an article out at once; unknown ids are ignored. */
  remove(articleId: string): boolean {
    const doc = this.byId.get(articleId);
    if (!doc) return false;
    for (const term of doc.terms) this.postings[term]?.remove(doc.slot);
    for (const term of doc.allTerms) this.df[term] -= 1;
    for (const tag of doc.tagKeys) {
      const set = this.tagPostings.get(tag);
      set?.delete(doc.slot);
      if (set?.size === 0) this.tagPostings.delete(tag);
    }
    this.totalLength -= doc.length;
    this.byId.delete(articleId);
    if (this.bySlug.get(doc.slug) === articleId) this.bySlug.delete(doc.slug);
    this.slots[doc.slot] = undefined;
    this.freeSlots.push(doc.slot);
    return true;
  }

  /** Inverse document frequency (BM25 form, never negative). */
  idf(df: number): number {
    const n = this.byId.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Inverse document frequency of a normalised tag. */
  tagIdf(tagKey: string): number {
    return this.idf(this.tagPostings.get(tagKey)?.size ?? 0);
  }

  /** Cosine similarity of two indexed articles' term vectors. */
  cosine(a: IndexedArticle, b: IndexedArticle): number {
    let i = 0;
    let j = 0;
    let sum = 0;
    while (i < a.terms.length && j < b.terms.length) {
      if (a.terms[i] === b.terms[j]) sum += a.weights[i++] * b.weights[j++];
      else if (a.terms[i] < b.terms[j]) i++;
      else j++;
    }
    return sum;
  }

  /**
   * Share of distinct terms two articles have in common (Jaccard). Unweighted, so unlike the
   * cosine it does not depend on how many other articles exist: the near-copy test uses it.
   */
  termOverlap(a: IndexedArticle, b: IndexedArticle): number {
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < a.allTerms.length && j < b.allTerms.length) {
      if (a.allTerms[i] === b.allTerms[j]) {
        shared++;
        i++;
        j++;
      } else if (a.allTerms[i] < b.allTerms[j]) i++;
      else j++;
    }
    const union = a.allTerms.length + b.allTerms.length - shared;
    return union === 0 ? 0 : shared / union;
  }

  /**
   * Calls `visit` once for every other article that shares a discriminating term or a tag
   * with `source`, with their text cosine (0 when only a tag joined them).
   */
  forEachCandidate(source: IndexedArticle, visit: (doc: IndexedArticle, text: number) => void): void {
    const touched: number[] = [];
    const scores = this.scores;
    const n = this.byId.size;
    const maxPostings = n < POSTING_SHARE_MIN_INDEX ? Infinity : n * MAX_POSTING_SHARE;
    for (const t of strongestTerms(source)) {
      const list = this.postings[source.terms[t]];
      if (!list || list.slots.length > maxPostings) continue;
      const qw = source.weights[t];
      const { slots, weights } = list;
      for (let k = 0; k < slots.length; k++) {
        const slot = slots[k];
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] += qw * weights[k];
      }
    }
    const cutoff = this.textCutoff(touched);
    const tagged = this.tagMarks;
    for (const tag of source.tagKeys) {
      const set = this.tagPostings.get(tag);
      if (!set || set.size > MAX_TAG_SCAN) continue;
      for (const slot of set) {
        tagged[slot] = 1;
        if (scores[slot] === 0) {
          touched.push(slot);
          scores[slot] = TAG_ONLY;
        }
      }
    }
    for (const slot of touched) {
      const text = scores[slot];
      scores[slot] = 0;
      const joinedByTag = tagged[slot] === 1;
      tagged[slot] = 0;
      if (text < cutoff && !joinedByTag) continue;
      const doc = this.slots[slot];
      if (doc && slot !== source.slot) visit(doc, text === TAG_ONLY ? 0 : text);
    }
  }

  /**
   * The cosine below which a text neighbour is not worth scoring fully: the one that keeps
   * about MAX_TEXT_CANDIDATES of them, found with a histogram in one pass instead of a sort.
   */
  private textCutoff(touched: number[]): number {
    if (touched.length <= MAX_TEXT_CANDIDATES) return 0;
    let max = 0;
    for (const slot of touched) if (this.scores[slot] > max) max = this.scores[slot];
    const buckets = new Uint32Array(CUTOFF_BUCKETS);
    const scale = (CUTOFF_BUCKETS - 1) / (max || 1);
    for (const slot of touched) buckets[Math.floor(this.scores[slot] * scale)]++;
    let kept = 0;
    for (let b = CUTOFF_BUCKETS - 1; b > 0; b--) {
      kept += buckets[b];
      if (kept >= MAX_TEXT_CANDIDATES) return b / scale;
    }
    return 0;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      this.df[id] = 0;
    }
    return id;
  }

  /** Field-weighted term counts as compact arrays (a bulk load holds one per article at once). */
  private analyse(article: IndexableArticle): TermCounts {
    const counts = weightedTermCounts(article);
    const ids = new Int32Array(counts.size);
    const values = new Float32Array(counts.size);
    let i = 0;
    for (const [term, count] of counts) {
      ids[i] = this.termId(term);
      values[i++] = count;
    }
    return { ids, counts: values };
  }

  /** `population` is given by a bulk load, which has already counted frequencies and lengths. */
  private insert(article: IndexableArticle, termCounts: TermCounts, population?: number): IndexedArticle {
    const slot = this.freeSlots.pop() ?? this.slots.length;
    if (slot >= this.scores.length) {
      const grown = new Float32Array(Math.max(this.scores.length * 2, slot + 1));
      grown.set(this.scores);
      this.scores = grown;
      const marks = new Uint8Array(grown.length);
      marks.set(this.tagMarks);
      this.tagMarks = marks;
    }
    const { ids, counts } = termCounts;
    let length = 0;
    for (let i = 0; i < ids.length; i++) {
      if (population === undefined) this.df[ids[i]] += 1;
      length += counts[i];
    }
    const allTerms = Int32Array.from(ids).sort();
    if (population === undefined) this.totalLength += length;
    // The article itself is counted in n before weighting, as it is in df.
    const n = population ?? this.byId.size + 1;
    const averageLength = this.totalLength / n;
    const norm = 1 - BM25_B + (BM25_B * length) / (averageLength || 1);
    const weighted: { term: number; weight: number }[] = [];
    for (let i = 0; i < ids.length; i++) {
      const df = this.df[ids[i]];
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const count = counts[i];
      weighted.push({ term: ids[i], weight: ((count * (BM25_K1 + 1)) / (count + BM25_K1 * norm)) * idf });
    }
    weighted.sort((a, b) => b.weight - a.weight || a.term - b.term);
    const kept = weighted.slice(0, MAX_TERMS_PER_ARTICLE).sort((a, b) => a.term - b.term);
    const magnitude = Math.sqrt(kept.reduce((sum, k) => sum + k.weight * k.weight, 0)) || 1;
    const terms = Int32Array.from(kept, (k) => k.term);
    const weights = Float32Array.from(kept, (k) => k.weight / magnitude);
    const labels = new Map<string, string>();
    for (const tag of article.tags) {
      const key = normalizeTag(tag);
      if (key && !labels.has(key)) labels.set(key, tag.trim());
    }
    const tagKeys = [...labels.keys()];
    const doc: IndexedArticle = {
      articleId: article.articleId,
      slug: article.slug,
      title: article.title,
      titleKey: fold(article.title).replace(/[^a-z0-9]+/g, ' ').trim(),
      description: article.description,
      tags: article.tags,
      tagKeys,
      tagLabels: [...labels.values()],
      section: article.section,
      sectionKey: article.section === null ? null : normalizeTag(article.section),
      authorId: article.authorId,
      publishedAt: new Date(article.publishedAt).getTime(),
      slot,
      terms,
      weights,
      allTerms,
      length,
    };
    for (let k = 0; k < terms.length; k++) (this.postings[terms[k]] ??= new PostingList()).add(slot, weights[k]);
    for (const tag of tagKeys) {
      let set = this.tagPostings.get(tag);
      if (!set) this.tagPostings.set(tag, (set = new Set()));
      set.add(slot);
    }
    this.slots[slot] = doc;
    this.byId.set(doc.articleId, doc);
    this.bySlug.set(doc.slug, doc.articleId);
    return doc;
  }
}
