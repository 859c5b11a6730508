import { HttpStatus } from '@nestjs/common';
import type { ErrorKind } from '@broadsheet/contracts';

/** The one mapping from an error's kind to an HTTP status; a new kind fails to compile here. */
export const STATUS_BY_KIND: Record<ErrorKind, HttpStatus> = {
  validation: HttpStatus.UNPROCESSABLE_ENTITY,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  internal: HttpStatus.INTERNAL_SERVER_ERROR,
};
