import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ArticlePageData } from '@broadsheet/contracts';
import { Coalescer, TransactionHost } from '@broadsheet/database';
import type { JsonText } from '@broadsheet/messaging';
import type { ArticleRecord } from '../dtos/article.views';
import { ArticleRepository, sameListStatement, type ArticleLookup, type PageLookup } from './article.repository';

/** Lookups one statement answers at most. */
export const MAX_READ_BATCH = 32;

/**
 * The public reads of articles: one article by slug (the article, the page) and the lists.
 * Each statement costs Postgres a round trip whatever it returns, and under load many reads
 * arrive at once: the ones that arrive while a statement runs go together as the next one
 * (`ArticleRepository.findManyBySlug`, `pages`; lists only with lists that set the same filters).
 * An idle service runs a read at once, so a batch adds no wait.
 */
@Injectable()
export class ArticleReads implements OnModuleDestroy {
  private readonly lookups: Coalescer<ArticleLookup, ArticleRecord | null>;
  private readonly pages: Coalescer<PageLookup, JsonText<ArticlePageData>>;

  constructor(articles: ArticleRepository, tx: TransactionHost) {
    // Outside any open transaction: a statement answers callers other than the one that started it.
    this.lookups = new Coalescer((lookups) => tx.outside(() => articles.findManyBySlug(lookups)), { maxBatch: MAX_READ_BATCH });
    this.pages = new Coalescer((lookups) => tx.outside(() => articles.pages(lookups)), {
      maxBatch: MAX_READ_BATCH,
      fits: (lookup, batch) => batch.length === 0 || sameListStatement(lookup, batch[0]),
    });
  }

  /** The article `slug` (current or earlier) leads to, with `favorited` for the viewer. */
  bySlug(slug: string, viewerId: string | null): Promise<ArticleRecord | null> {
    return this.lookups.submit({ slug, viewerId });
  }

  /** See `ArticleRepository.page`. */
  page(lookup: PageLookup): Promise<JsonText<ArticlePageData>> {
    return this.pages.submit(lookup);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.lookups.idle(), this.pages.idle()]);
  }
}
