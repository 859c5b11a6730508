import anyAscii from 'any-ascii';

/** Longest slug: fits a utf8mb4-safe varchar index anywhere, as RealWorld implementations expect. */
export const SLUG_MAX_LENGTH = 191;
/** The slug of a title with no letters or digits at all (e.g. only punctuation or emoji). */
export const FALLBACK_SLUG = 'article';

/** Lower-case ASCII words joined by `-`, non-ASCII transliterated, at most SLUG_MAX_LENGTH long. */
export function slugify(title: string): string {
  const ascii = anyAscii(title.normalize('NFKC'))
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = ascii.slice(0, SLUG_MAX_LENGTH).replace(/-+$/, '');
  return cut || FALLBACK_SLUG;
}

/**
 * The `n`-th candidate for a base slug: the base itself for n = 1, else `base-n`, the base cut
 * so the whole stays within SLUG_MAX_LENGTH.
 */
export function slugCandidate(base: string, n: number): string {
  if (n <= 1) return base.slice(0, SLUG_MAX_LENGTH);
  const suffix = `-${n}`;
  return `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** Every candidate for `base` starts with this, so one prefix query finds all collisions. */
export function slugCollisionPrefix(base: string): string {
  return base.slice(0, SLUG_MAX_LENGTH - 12).replace(/-+$/, '');
}
