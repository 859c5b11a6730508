import { Injectable } from '@nestjs/common';
import { standingAt, USER_SESSIONS_REVOKED_V1, type SessionRevocationReason, type TokenStatus } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { Outbox } from '@broadsheet/messaging';
import { UserRepository } from '../repositories/user.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Token revocation: the instant before which an account's tokens stop counting. */
@Injectable()
export class SessionService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly users: UserRepository,
  ) {}

  /**
   * Revokes every token of the account issued before `at`, in the ambient transaction (or its
   * own), and tells the gateways through `users.user.sessions-revoked.v1`.
   */
  revoke(userId: string, reason: SessionRevocationReason, at: Date = new Date()): Promise<Date> {
    return this.tx.run(async () => {
      await this.users.setTokensValidAfter(userId, at);
      await this.outbox.add(USER_SESSIONS_REVOKED_V1, userId, { userId, validAfter: at.toISOString(), reason });
      return at;
    });
  }

  /** The earliest issue time a token handed out now may carry: never before the last revocation. */
  static issueTimeAfter(revokedAt: Date): Date {
    return new Date(Math.max(Date.now(), revokedAt.getTime()));
  }

  /** What the gateway checks a verified token against. */
  async status(userId: string): Promise<TokenStatus> {
    const user = typeof userId === 'string' && UUID.test(userId) ? await this.users.findById(userId) : null;
    if (!user) return { exists: false, validAfterMs: Number.MAX_SAFE_INTEGER, status: 'banned', suspendedUntil: null, suspensionReason: null };
    const status = standingAt(user.status, user.suspendedUntil);
    return {
      exists: true,
      validAfterMs: user.tokensValidAfter.getTime(),
      status,
      suspendedUntil: status === 'active' ? null : (user.suspendedUntil?.toISOString() ?? null),
      suspensionReason: status === 'active' ? null : user.suspensionReason,
    };
  }
}
