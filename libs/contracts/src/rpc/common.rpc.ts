import type { UserRole, AccountStatus } from '../events/users.events';

/** The signed-in caller, as the gateway learned it from a verified token. */
export interface Actor {
  userId: string;
  username: string;
  roles: UserRole[];
  status: AccountStatus;
}

/** Every domain service answers `<service>.health` from its transport, with at least this. */
export interface HealthReport {
  service: string;
  instance: string;
  database?: 'up' | 'down';
  outbox?: { pending: number; failing: number; oldestPendingSeconds: number | null; lastError: string | null };
  /** Summed over the service's durable consumers (one per producer it listens to). */
  consumer?: { name: string; durables: string[]; pending: number; unacked: number; redelivered: number };
  [extra: string]: unknown;
}

export const healthPattern = (service: string): string => `${service}.health`;
