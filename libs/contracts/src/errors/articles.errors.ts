import type { ErrorKind } from './error-kind';

/** Codes the articles service returns, each with its kind. */
export const ARTICLES_ERRORS = {
  'ARTICLE.NOT_FOUND': 'not_found',
  'ARTICLE.FORBIDDEN': 'forbidden',
  'ARTICLE.STALE_UPDATE': 'conflict',
} as const satisfies Record<string, ErrorKind>;
