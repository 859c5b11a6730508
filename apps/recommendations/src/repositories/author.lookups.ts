import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Coalescer, TransactionHost } from '@broadsheet/database';
import { AuthorRepository, type AuthorProfile } from './author.repository';

/** Requests one statement answers at most. */
export const MAX_LOOKUP_BATCH = 32;

/**
 * The authors of the cards a read returns (related, trending, "for you"). Each statement costs
 * Postgres a round trip whatever it returns, and under load many reads ask at once: the ones that
 * arrive while a statement runs go together as the next one, for the union of their ids. An idle
 * service runs a lookup at once, so a batch adds no wait.
 */
@Injectable()
export class AuthorLookups implements OnModuleDestroy {
  private readonly lookups: Coalescer<string[], Map<string, AuthorProfile>>;

  constructor(authors: AuthorRepository, tx: TransactionHost) {
    this.lookups = new Coalescer(
      async (requests) => {
        // Outside any open transaction: the statement answers callers other than the one that started it.
        const profiles = await tx.outside(() => authors.findByIds([...new Set(requests.flat())]));
        return requests.map(() => profiles);
      },
      { maxBatch: MAX_LOOKUP_BATCH },
    );
  }

  /** Profiles by user id (those of other callers' ids may be there too); unknown ids are left out. */
  byIds(userIds: string[]): Promise<Map<string, AuthorProfile>> {
    if (userIds.length === 0) return Promise.resolve(new Map());
    return this.lookups.submit(userIds);
  }

  async onModuleDestroy(): Promise<void> {
    await this.lookups.idle();
  }
}
