import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { USER_REGISTERED_V1, USER_UPDATED_V1, type Actor, type UserView } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { DomainError, Outbox } from '@broadsheet/messaging';
import { UsersConfig } from '../config/users.config';
import type { UserEntity } from '../database/entities/user.entity';
import { toUserView, type LoginDto, type RegisterDto, type UpdateUserDto } from '../dtos/user.dtos';
import { UNIQUE_VIOLATION, UserRepository } from '../repositories/user.repository';
import { PasswordHasher } from './password.hasher';
import { PasswordPolicy } from './password.policy';
import { AuthRateLimiter } from './rate.limiter';
import { SessionService } from './session.service';
import { TokenIssuer } from './token.issuer';
import { assertMayWrite } from './standing.guard';

const INVALID_CREDENTIALS = new DomainError('AUTH.INVALID_CREDENTIALS', 'email or password is invalid', {
  'email or password': ['is invalid'],
});

function takenError(fields: Array<'email' | 'username'>): DomainError {
  return new DomainError(
    'USER.TAKEN',
    `${fields.join(' and ')} already taken`,
    Object.fromEntries(fields.map((f) => [f, ['has already been taken']])),
  );
}

/** Which unique index a Postgres unique violation came from. */
function clashFrom(error: unknown): Array<'email' | 'username'> | null {
  const e = error as { code?: string; driverError?: { code?: string; constraint?: string }; constraint?: string };
  const code = e.code ?? e.driverError?.code;
  if (code !== UNIQUE_VIOLATION) return null;
  const constraint = e.constraint ?? e.driverError?.constraint ?? '';
  return [constraint.includes('email') ? 'email' : 'username'];
}

/** Accounts and credentials: sign-up, sign-in, the current user. */
@Injectable()
export class AccountService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordPolicy,
    private readonly tokens: TokenIssuer,
    private readonly sessions: SessionService,
    private readonly limits: AuthRateLimiter,
    private readonly config: UsersConfig,
  ) {}

  /** Creates an account (admin at once when its email is in ADMIN_EMAILS) and signs it in. */
  async register(input: RegisterDto, clientIp: string | null): Promise<UserView> {
    if (clientIp) await this.limits.consume(this.limits.rules.signUpPerIp, clientIp);
    this.passwords.assertAcceptable(input.password, input);
    const clashes = await this.users.taken(input);
    if (clashes.length > 0) throw takenError(clashes);
    const passwordHash = await this.hasher.hash(input.password);
    try {
      const user = await this.tx.run(async () => {
        const created = await this.users.insert({
          id: randomUUID(),
          email: input.email,
          username: input.username,
          passwordHash,
          bio: null,
          image: null,
          roles: this.config.adminEmails().includes(input.email) ? ['reader', 'admin'] : ['reader'],
          status: 'active',
          suspendedUntil: null,
          suspensionReason: null,
          tokensValidAfter: new Date(0),
        });
        await this.outbox.add(USER_REGISTERED_V1, created.id, {
          userId: created.id,
          username: created.username,
          bio: created.bio,
          image: created.image,
          roles: created.roles,
          registeredAt: created.createdAt.toISOString(),
        });
        return created;
      });
      return toUserView(user, await this.tokens.issue(user));
    } catch (error) {
      // Two registrations raced past the check: the unique index decides, the loser gets 422.
      const clash = clashFrom(error);
      if (clash) throw takenError(clash);
      throw error;
    }
  }

  /**
   * Signs in. Every attempt counts against the client IP and the email (known or not, so a
   * lock-out tells nothing about which emails exist); a success clears the email's count, so
   * what the per-account limit bounds is failures. A locked email is refused before any hash
   * is computed.
   */
  async login(input: LoginDto, clientIp: string | null): Promise<UserView> {
    const { signInPerIp, signInPerAccount } = this.limits.rules;
    if (clientIp) await this.limits.consume(signInPerIp, clientIp);
    await this.limits.consume(signInPerAccount, input.email);
    const user = await this.users.findByEmail(input.email);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, input.password);
    if (!ok || !user) throw INVALID_CREDENTIALS;
    await this.limits.reset(signInPerAccount, input.email);
    return toUserView(user, await this.tokens.issue(user));
  }

  /** Revokes every token of the caller issued so far. */
  async logout(actor: Actor): Promise<{ validAfterMs: number }> {
    const at = await this.sessions.revoke(actor.userId, 'logout');
    return { validAfterMs: at.getTime() };
  }

  async current(actor: Actor, token: string): Promise<UserView> {
    return toUserView(await this.mustFind(actor.userId), token);
  }

  async update(actor: Actor, token: string, input: UpdateUserDto): Promise<UserView> {
    assertMayWrite(actor);
    const user = await this.mustFind(actor.userId);
    if (input.password !== undefined) {
      this.passwords.assertAcceptable(input.password, { username: input.username ?? user.username, email: input.email ?? user.email });
    }
    const clashes = await this.users.taken({ email: input.email, username: input.username }, user.id);
    if (clashes.length > 0) throw takenError(clashes);
    const publicBefore = JSON.stringify([user.username, user.bio, user.image]);
    if (input.email !== undefined) user.email = input.email;
    if (input.username !== undefined) user.username = input.username;
    if (input.bio !== undefined) user.bio = input.bio === '' ? null : input.bio;
    if (input.image !== undefined) user.image = input.image === '' ? null : input.image;
    const passwordChanged = input.password !== undefined;
    if (passwordChanged) user.passwordHash = await this.hasher.hash(input.password!);
    try {
      let revokedAt: Date | undefined;
      const saved = await this.tx.run(async () => {
        const row = await this.users.save(user);
        if (passwordChanged) revokedAt = await this.sessions.revoke(row.id, 'password-changed');
        if (JSON.stringify([row.username, row.bio, row.image]) !== publicBefore) {
          await this.outbox.add(USER_UPDATED_V1, row.id, {
            userId: row.id,
            username: row.username,
            bio: row.bio,
            image: row.image,
            updatedAt: row.updatedAt.toISOString(),
          });
        }
        return row;
      });
      // A new password revokes every earlier token, this one included: hand back a fresh one.
      return toUserView(saved, revokedAt ? await this.tokens.issue(saved, SessionService.issueTimeAfter(revokedAt)) : token);
    } catch (error) {
      const clash = clashFrom(error);
      if (clash) throw takenError(clash);
      throw error;
    }
  }

  private async mustFind(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('USER.NOT_FOUND', 'user not found', { user: ['not found'] });
    return user;
  }
}
