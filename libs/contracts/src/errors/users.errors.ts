import type { ErrorKind } from './error-kind';

/** Codes the users service returns, each with its kind. */
export const USERS_ERRORS = {
  'AUTH.INVALID_CREDENTIALS': 'validation',
  'USER.NOT_FOUND': 'not_found',
  'USER.TAKEN': 'validation',
  'USER.SUSPENDED': 'forbidden',
  'PROFILE.NOT_FOUND': 'not_found',
} as const satisfies Record<string, ErrorKind>;
