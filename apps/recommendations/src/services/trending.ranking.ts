/** The engagement query a ranking comes from: every published article engaged with in the window, best first. */
export type RankTrending = () => Promise<string[]>;

export interface TrendingRankingOptions {
  /** How long a ranking is served before the next read asks for a fresh one. */
  refreshMs: number;
  now?: () => number;
  /** Told when a refresh fails (the last ranking keeps being served). */
  onError?: (error: unknown) => void;
}

/**
 * The trending ranking, computed at most once per `refreshMs` by one query over the window's
 * engagement and served from memory meanwhile, so a read costs the size of its page, not of the
 * window. A read that finds the ranking older than `refreshMs` still gets it at once and starts
 * one refresh in the background (stale while revalidating); only the first read waits. Reads
 * arriving during a refresh share it.
 */
export class TrendingRanking {
  private current?: { at: number; ids: readonly string[] };
  private refreshing?: Promise<readonly string[]>;
  private readonly now: () => number;

  constructor(
    private readonly rank: RankTrending,
    private readonly options: TrendingRankingOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Article ids, best first. */
  async get(): Promise<readonly string[]> {
    const current = this.current;
    if (!current) return this.refresh();
    if (this.now() - current.at >= this.options.refreshMs) {
      this.refresh().catch((error: unknown) => this.options.onError?.(error));
    }
    return current.ids;
  }

  private refresh(): Promise<readonly string[]> {
    this.refreshing ??= (async () => {
      const at = this.now();
      try {
        const ids = await this.rank();
        this.current = { at, ids };
        return ids;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }
}
