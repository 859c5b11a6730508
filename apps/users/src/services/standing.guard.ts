import type { Actor } from '@broadsheet/contracts';
import { DomainError } from '@broadsheet/messaging';

/**
 * Defence in depth behind the gateway, which refuses writes from suspended and banned accounts
 * first: `actor.status` is the standing the gateway found in force for this request.
 */
export function assertMayWrite(actor: Actor): void {
  if (actor.status !== 'active') {
    throw new DomainError('USER.SUSPENDED', `account is ${actor.status}: it can read but not write`, {
      account: [`is ${actor.status}: it can read but not write`],
    });
  }
}
