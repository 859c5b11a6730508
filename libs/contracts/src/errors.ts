/**
 * Error codes that cross process boundaries. `instanceof` dies at a NATS hop, so every error a
 * service returns carries one of these codes; the gateway maps its kind to an HTTP status in one
 * place. A code is `<AGGREGATE>.<REASON>`.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'too_large'
  | 'unavailable'
  | 'internal';

export const ERROR_CODES = {
  'REQUEST.INVALID': 'validation',
  'REQUEST.TOO_LARGE': 'too_large',
  'REQUEST.RATE_LIMITED': 'rate_limited',
  'SERVICE.UNAVAILABLE': 'unavailable',
  'SERVICE.TIMEOUT': 'unavailable',
  'SERVICE.INTERNAL': 'internal',
  'ROUTE.NOT_FOUND': 'not_found',
  'AUTH.REQUIRED': 'unauthorized',
  'AUTH.INVALID_TOKEN': 'unauthorized',
  'AUTH.INVALID_CREDENTIALS': 'validation',
  'AUTH.FORBIDDEN': 'forbidden',
  'USER.NOT_FOUND': 'not_found',
  'USER.TAKEN': 'validation',
  'USER.SUSPENDED': 'forbidden',
  'PROFILE.NOT_FOUND': 'not_found',
  'ARTICLE.NOT_FOUND': 'not_found',
  'ARTICLE.FORBIDDEN': 'forbidden',
  'ARTICLE.STALE_UPDATE': 'conflict',
  'COMMENT.NOT_FOUND': 'not_found',
  'COMMENT.FORBIDDEN': 'forbidden',
  'COMMENT.CLOSED': 'forbidden',
  'COMMENT.EDIT_WINDOW_CLOSED': 'forbidden',
  'COMMENT.REJECTED': 'validation',
  'COMMENT.RATE_LIMITED': 'rate_limited',
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
