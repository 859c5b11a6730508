import { Injectable } from '@nestjs/common';
import { slugCandidate, slugCollisionPrefix, slugify } from '../content/slug.rules';
import { SlugRepository } from '../repositories/slug.repository';

/** Bound on claim attempts lost to concurrent writers before giving up. */
const MAX_LOST_RACES = 20;

/** Gives articles unique slugs from their titles; old slugs stay theirs. */
@Injectable()
export class SlugAllocator {
  constructor(private readonly slugs: SlugRepository) {}

  /**
   * The first free candidate for the title's slug (`base`, `base-2`, ...) claimed for the
   * article, inside the caller's transaction. A slug the article held before is taken back.
   */
  async allocate(articleId: string, title: string): Promise<string> {
    const base = slugify(title);
    const taken = await this.slugs.withPrefix(slugCollisionPrefix(base));
    let lost = 0;
    for (let n = 1; ; n++) {
      const candidate = slugCandidate(base, n);
      const owner = taken.get(candidate);
      if (owner !== undefined && owner !== articleId) continue;
      if (await this.slugs.claim(candidate, articleId)) return candidate;
      if (++lost > MAX_LOST_RACES) throw new Error(`could not allocate a slug for "${base}"`);
    }
  }
}
