import type { ErrorKind } from './error-kind';

/** Codes the recommendations service returns, each with its kind. */
export const RECOMMENDATIONS_ERRORS = {
  /** The article is unknown to the recommendations index, or no longer published. */
  'RECOMMENDATION.ARTICLE_NOT_FOUND': 'not_found',
} as const satisfies Record<string, ErrorKind>;
