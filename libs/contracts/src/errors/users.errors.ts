import type { ErrorKind } from './error-kind';

/** Codes the users service returns, each with its kind. */
export const USERS_ERRORS = {
  'AUTH.INVALID_CREDENTIALS': 'validation',
  /** Too many failed sign-ins for one account; carries `retryAfter`. */
  'AUTH.TOO_MANY_ATTEMPTS': 'rate_limited',
  /** A validly signed token issued before the account's last revocation. */
  'AUTH.TOKEN_REVOKED': 'unauthorized',
  'USER.NOT_FOUND': 'not_found',
  'USER.TAKEN': 'validation',
  'USER.SUSPENDED': 'forbidden',
  'PROFILE.NOT_FOUND': 'not_found',
} as const satisfies Record<string, ErrorKind>;
