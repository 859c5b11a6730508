import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError } from './domain.error';

function collect(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      fields[path] = Object.entries(error.constraints).map(([rule, message]) =>
        // class-validator's whitelist message is "property x should not exist".
        rule === 'whitelistValidation' ? 'is not a known field' : message.replace(new RegExp(`^${error.property} `), ''),
      );
    }
    if (error.children?.length) Object.assign(fields, collect(error.children, path));
  }
  return fields;
}

/**
 * Turns an untrusted payload into a validated instance of `Dto`, or throws a DomainError whose
 * `fields` name every bad field in the RealWorld shape. Unknown fields are refused.
 */
export async function parseDto<T extends object>(Dto: new () => T, payload: unknown): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new DomainError('REQUEST.INVALID', 'body must be a JSON object', { body: ['must be a JSON object'] });
  }
  const instance = plainToInstance(Dto, payload, { exposeDefaultValues: true });
  // Every constraint we use is synchronous: validateSync gives the same errors without a promise per check.
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false } });
  if (errors.length > 0) {
    const fields = collect(errors);
    const summary = Object.entries(fields)
      .map(([field, messages]) => `${field} ${messages.join(', ')}`)
      .join('; ');
    throw new DomainError('REQUEST.INVALID', summary, fields);
  }
  return instance;
}
