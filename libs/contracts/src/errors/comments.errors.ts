import type { ErrorKind } from './error-kind';

/** Codes the comments service returns, each with its kind. */
export const COMMENTS_ERRORS = {
  'COMMENT.NOT_FOUND': 'not_found',
  'COMMENT.FORBIDDEN': 'forbidden',
  'COMMENT.CLOSED': 'forbidden',
  'COMMENT.EDIT_WINDOW_CLOSED': 'forbidden',
  'COMMENT.AUTHOR_SANCTIONED': 'forbidden',
  'COMMENT.REJECTED': 'validation',
  'COMMENT.RATE_LIMITED': 'rate_limited',
  'COMMENT.MEMBER_NOT_FOUND': 'not_found',
} as const satisfies Record<string, ErrorKind>;
