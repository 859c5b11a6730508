import { type ErrorCode, type WireError } from '@broadsheet/contracts';

/**
 * An error a service means to return: a stable code, a message fit for a client, and optional
 * field errors. It crosses NATS as a `WireError`, and the gateway turns it into an HTTP status
 * by the code's kind. Anything else thrown in a handler is logged and crosses as
 * `SERVICE.INTERNAL` with no detail.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** A RealWorld-shaped validation error on one field: `{ field: [message] }`. */
  static invalid(field: string, message: string): DomainError {
    return new DomainError('REQUEST.INVALID', `${field} ${message}`, { [field]: [message] });
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message };
    if (this.fields) wire.fields = this.fields;
    if (this.retryAfter !== undefined) wire.retryAfter = this.retryAfter;
    return wire;
  }

  static fromWire(wire: WireError): DomainError {
    return new DomainError(wire.code, wire.message, wire.fields, wire.retryAfter);
  }
}
