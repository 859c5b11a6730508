import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ERROR_401, ERROR_403, ERROR_404, ERROR_409, ERROR_422, ERROR_429, ERROR_503 } from './examples';

const ERRORS: Record<number, { description: string; example: unknown }> = {
  401: { description: 'No token, or an invalid, expired or revoked one', example: ERROR_401 },
  403: { description: 'Signed in but not allowed (role, ownership, suspension, closed thread)', example: ERROR_403 },
  404: { description: 'Not found', example: ERROR_404 },
  409: { description: 'Conflict: the resource changed since it was read', example: ERROR_409 },
  422: { description: 'Invalid input: every bad field is named', example: ERROR_422 },
  429: { description: 'Rate limited; see Retry-After', example: ERROR_429 },
  503: { description: 'A service behind the gateway is unavailable', example: ERROR_503 },
};

export interface RouteDoc {
  summary: string;
  description?: string;
  /** The success status and an example body (omit the body for 204). */
  status: number;
  example?: unknown;
  /** An example request body. */
  body?: unknown;
  /** `required`: needs a token; `optional`: a token personalises the answer. */
  auth?: 'required' | 'optional';
  /** Error statuses this route can answer besides 503. */
  errors?: Array<401 | 403 | 404 | 409 | 422 | 429>;
}

/** Documents a route in the OpenAPI document: summary, auth, success example and its error answers. */
export function Doc(doc: RouteDoc): MethodDecorator {
  const decorators = [
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiResponse({
      status: doc.status,
      description: doc.example === undefined ? 'Done' : 'Success',
      ...(doc.example === undefined ? {} : { content: { 'application/json': { example: doc.example } } }),
    }),
  ];
  if (doc.body !== undefined) decorators.push(ApiBody({ schema: { type: 'object', example: doc.body } }));
  if (doc.auth) decorators.push(ApiSecurity('Token'));
  const errors = new Set<number>([...(doc.errors ?? []), ...(doc.auth === 'required' ? [401] : []), 503]);
  for (const status of [...errors].sort()) {
    decorators.push(ApiResponse({ status, description: ERRORS[status].description, content: { 'application/json': { example: ERRORS[status].example } } }));
  }
  return applyDecorators(...decorators);
}
