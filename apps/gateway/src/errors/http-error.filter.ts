import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { errorKind, type ErrorCode } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging/client';
import { STATUS_BY_KIND } from './error-status';

export interface ErrorBody {
  errors: Record<string, string[]>;
}

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.REQUIRED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.INVALID',
  429: 'REQUEST.RATE_LIMITED',
};

/** Any thrown thing to a status, a RealWorld error body and a stable code (sent as `x-error-code`). */
export function toHttpError(error: unknown): { status: number; code: ErrorCode; body: ErrorBody; retryAfter?: number } {
  if (error instanceof DomainError) {
    const [aggregate] = error.code.split('.');
    const body = { errors: error.fields ?? { [aggregate.toLowerCase()]: [error.message] } };
    return { status: STATUS_BY_KIND[errorKind(error.code)], code: error.code, body, retryAfter: error.retryAfter };
  }
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : typeof (error as { statusCode?: unknown })?.statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : HttpStatus.INTERNAL_SERVER_ERROR;
  if (status >= 500) {
    return { status, code: 'SERVICE.INTERNAL', body: { errors: { server: ['internal error'] } } };
  }
  const code = CODE_BY_STATUS[status] ?? 'REQUEST.INVALID';
  // 400s from the framework (malformed JSON) are the client's body's fault: RealWorld says 422.
  const finalStatus = status === 400 ? HttpStatus.UNPROCESSABLE_ENTITY : status;
  const message =
    status === 404 ? 'not found' : status === 413 ? 'is too large' : status === 400 ? 'is not valid JSON' : String((error as Error).message ?? 'is invalid').toLowerCase();
  const field = status === 404 ? 'route' : 'body';
  return { status: finalStatus, code, body: { errors: { [field]: [message] } } };
}

/**
 * Every error leaves the gateway as `{"errors": {"field": ["message"]}}` with the status its
 * code's kind maps to. Internal errors are logged with their stack and answered with no detail.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, code, body, retryAfter } = toHttpError(exception);
    if (status >= 500 && !(exception instanceof DomainError)) {
      this.logger.error(exception instanceof Error ? exception : String(exception));
    }
    reply.header('x-error-code', code);
    if (retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    void reply.status(status).send(body);
  }
}
