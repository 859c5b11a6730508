import type { ErrorKind } from './error-kind';

/** Codes the articles service returns, each with its kind. */
export const ARTICLES_ERRORS = {
  'ARTICLE.NOT_FOUND': 'not_found',
  'ARTICLE.FORBIDDEN': 'forbidden',
  'ARTICLE.STALE_UPDATE': 'conflict',
  /** A rule about content or lifecycle (e.g. an AI-written article without sources). */
  'ARTICLE.INVALID': 'validation',
} as const satisfies Record<string, ErrorKind>;
