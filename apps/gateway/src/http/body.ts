import { DomainError } from '@broadsheet/messaging/client';

/**
 * RealWorld wraps every request body in one key (`{"user": {...}}`); returns what is inside,
 * or a 422 naming the missing key.
 */
export function unwrap(body: unknown, key: string): Record<string, unknown> {
  const inner = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    throw DomainError.invalid(key, "can't be blank: send {\"" + key + '": {...}}');
  }
  return inner as Record<string, unknown>;
}

/** For `@Header(...)` on handlers that answer with JSON text they did not serialise themselves. */
export const JSON_CONTENT = ['content-type', 'application/json; charset=utf-8'] as const;
