import assert from 'node:assert/strict';
import { DomainError } from '@broadsheet/messaging';

/** The fields a rule names when it refuses: fails the test if `fn` does not throw a DomainError. */
export function refusedFields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    return Object.keys(error.fields ?? {});
  }
  assert.fail('expected a DomainError');
}
