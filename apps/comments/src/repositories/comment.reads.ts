import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Coalescer, TransactionHost } from '@broadsheet/database';
import { CommentRepository, sameThreadsStatement, type Listing, type ListingLookup, type Threads, type ThreadsLookup } from './comment.repository';

/** Lookups one statement answers at most. */
export const MAX_READ_BATCH = 32;

/**
 * The public reads of a conversation: the RealWorld list and pages of threads (the article
 * page's). Each statement costs Postgres a round trip whatever it returns, and under load many
 * reads arrive at once: the ones that arrive while a statement runs go together as the next one
 * (`CommentRepository.listings`, `threadPages`; pages of threads only with those that share their
 * statement). An idle service runs a read at once, so a batch adds no wait.
 */
@Injectable()
export class CommentReads implements OnModuleDestroy {
  private readonly listings: Coalescer<ListingLookup, Listing | null>;
  private readonly threadPages: Coalescer<ThreadsLookup, Threads | null>;

  constructor(comments: CommentRepository, tx: TransactionHost) {
    // Outside any open transaction: a statement answers callers other than the one that started it.
    this.listings = new Coalescer((lookups) => tx.outside(() => comments.listings(lookups)), { maxBatch: MAX_READ_BATCH });
    this.threadPages = new Coalescer((lookups) => tx.outside(() => comments.threadPages(lookups)), {
      maxBatch: MAX_READ_BATCH,
      fits: (lookup, batch) => batch.length === 0 || sameThreadsStatement(lookup, batch[0]),
    });
  }

  /** See `CommentRepository.listing`. */
  listing(lookup: ListingLookup): Promise<Listing | null> {
    return this.listings.submit(lookup);
  }

  /** See `CommentRepository.threads`. */
  threads(lookup: ThreadsLookup): Promise<Threads | null> {
    return this.threadPages.submit(lookup);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.listings.idle(), this.threadPages.idle()]);
  }
}
