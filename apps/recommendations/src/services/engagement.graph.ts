/** Readers sampled per article, and articles per reader, when counting co-engagement: bounds the query's cost. */
export const CO_ENGAGEMENT_SAMPLE = 200;

/**
 * Who engaged (favorited, commented, liked a comment) with which published article, held in
 * memory in both directions for "readers who engaged with this also engaged with".
 */
export class EngagementGraph {
  private readonly readersByArticle = new Map<string, Set<string>>();
  private readonly articlesByReader = new Map<string, Set<string>>();

  /** Records whether `userId` now engages with `articleId` (any active favorite, comment or like). */
  set(userId: string, articleId: string, engaged: boolean): void {
    if (engaged) {
      this.add(this.readersByArticle, articleId, userId);
      this.add(this.articlesByReader, userId, articleId);
    } else {
      this.delete(this.readersByArticle, articleId, userId);
      this.delete(this.articlesByReader, userId, articleId);
    }
  }

  readerCount(articleId: string): number {
    return this.readersByArticle.get(articleId)?.size ?? 0;
  }

  articlesOf(userId: string): ReadonlySet<string> {
    return this.articlesByReader.get(userId) ?? new Set();
  }

  /**
   * Other articles the readers of `articleId` engaged with, scored by cosine over reader sets:
   * shared readers / sqrt(readers of this × readers of that).
   */
  coEngaged(articleId: string): Map<string, number> {
    const readers = this.readersByArticle.get(articleId);
    const shared = new Map<string, number>();
    if (!readers) return shared;
    let sampled = 0;
    for (const userId of readers) {
      if (sampled++ >= CO_ENGAGEMENT_SAMPLE) break;
      let taken = 0;
      for (const other of this.articlesByReader.get(userId) ?? []) {
        if (taken++ >= CO_ENGAGEMENT_SAMPLE) break;
        if (other !== articleId) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    for (const [other, count] of shared) shared.set(other, count / Math.sqrt(readers.size * this.readerCount(other)));
    return shared;
  }

  clear(): void {
    this.readersByArticle.clear();
    this.articlesByReader.clear();
  }

  private add(map: Map<string, Set<string>>, key: string, value: string): void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  }

  private delete(map: Map<string, Set<string>>, key: string, value: string): void {
    const set = map.get(key);
    set?.delete(value);
    if (set?.size === 0) map.delete(key);
  }
}
