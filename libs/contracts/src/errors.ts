import { ARTICLES_ERRORS } from './errors/articles.errors';
import { COMMENTS_ERRORS } from './errors/comments.errors';
import { COMMON_ERRORS } from './errors/common.errors';
import type { ErrorKind } from './errors/error-kind';
import { RECOMMENDATIONS_ERRORS } from './errors/recommendations.errors';
import { USERS_ERRORS } from './errors/users.errors';

export type { ErrorKind } from './errors/error-kind';

/**
 * Error codes that cross process boundaries. `instanceof` dies at a NATS hop, so every error a
 * service returns carries one of these codes, `<AGGREGATE>.<REASON>`; the gateway maps its kind
 * to an HTTP status in one place.
 */
export const ERROR_CODES = {
  ...COMMON_ERRORS,
  ...USERS_ERRORS,
  ...ARTICLES_ERRORS,
  ...COMMENTS_ERRORS,
  ...RECOMMENDATIONS_ERRORS,
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The wire form of an error returned over NATS. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** Field errors in the RealWorld shape: `{ email: ['has already been taken'] }`. */
  fields?: Record<string, string[]>;
  /** Seconds a client should wait before trying again (rate limits). */
  retryAfter?: number;
}

export function errorKind(code: ErrorCode): ErrorKind {
  return ERROR_CODES[code] ?? 'internal';
}
