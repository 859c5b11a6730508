import type { ErrorKind } from './error-kind';

/** Codes any service or the gateway may return. */
export const COMMON_ERRORS = {
  'REQUEST.INVALID': 'validation',
  'REQUEST.TOO_LARGE': 'too_large',
  'REQUEST.RATE_LIMITED': 'rate_limited',
  'SERVICE.UNAVAILABLE': 'unavailable',
  'SERVICE.TIMEOUT': 'unavailable',
  'SERVICE.INTERNAL': 'internal',
  'ROUTE.NOT_FOUND': 'not_found',
  'AUTH.REQUIRED': 'unauthorized',
  'AUTH.INVALID_TOKEN': 'unauthorized',
  'AUTH.FORBIDDEN': 'forbidden',
} as const satisfies Record<string, ErrorKind>;
