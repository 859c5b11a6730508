import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { standingAt, USER_ROLE_CHANGED_V1, USER_SUSPENDED_V1, type AccountView, type Actor } from '@broadsheet/contracts';
import { TransactionHost } from '@broadsheet/database';
import { DomainError, Outbox } from '@broadsheet/messaging';
import { UsersConfig } from '../config/users.config';
import type { UserEntity } from '../database/entities/user.entity';
import { normaliseRoles, toAccountView, type SetRolesDto, type SetStatusDto } from '../dtos/admin.dtos';
import { UserRepository } from '../repositories/user.repository';
import { SessionService } from './session.service';

/** `changedBy` of a change made by configuration rather than by a person. */
export const SYSTEM_ACTOR = 'system';

const NOT_ADMIN = () => new DomainError('AUTH.FORBIDDEN', 'only an admin can manage accounts', { user: ['must be an admin to manage accounts'] });

/**
 * Roles and standing, set by admins. Removing a role revokes the account's earlier tokens (they
 * claim the role); granting one does not (they claim less than the account holds, and the next
 * sign-in carries it). A suspension revokes nothing: the gateway refuses the account's writes
 * whatever its token says, and its reads go on.
 */
@Injectable()
export class AdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminService');

  constructor(
    private readonly config: UsersConfig,
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const granted = await this.grantConfiguredAdmins();
    if (granted > 0) this.logger.log(`Granted admin to ${granted} account(s) from ADMIN_EMAILS`);
  }

  /** Makes the existing accounts named by ADMIN_EMAILS admins; safe to run on every replica. */
  grantConfiguredAdmins(): Promise<number> {
    const emails = this.config.adminEmails();
    if (emails.length === 0) return Promise.resolve(0);
    return this.tx.run(async () => {
      const missing = (await this.users.findByEmailsForUpdate(emails)).filter((u) => !u.roles.includes('admin'));
      for (const user of missing) {
        user.roles = normaliseRoles([...user.roles, 'admin']);
        await this.saveRoles(user, SYSTEM_ACTOR);
      }
      return missing.length;
    });
  }

  async setRoles(actor: Actor, username: string, input: SetRolesDto): Promise<{ userId: string; account: AccountView }> {
    return this.tx.run(async () => {
      await this.assertAdmin(actor);
      const user = await this.mustFindForUpdate(username);
      const roles = normaliseRoles(input.roles);
      if (user.id === actor.userId && !roles.includes('admin')) {
        throw DomainError.invalid('roles', 'cannot drop your own admin role: ask another admin');
      }
      const removed = user.roles.some((role) => !roles.includes(role));
      if (removed || roles.length !== user.roles.length) {
        user.roles = roles;
        await this.saveRoles(user, actor.userId);
        if (removed) await this.sessions.revoke(user.id, 'roles-removed');
      }
      return { userId: user.id, account: toAccountView(user) };
    });
  }

  async setStatus(actor: Actor, username: string, input: SetStatusDto): Promise<{ userId: string; account: AccountView }> {
    const now = new Date();
    const until = input.until ? new Date(input.until) : null;
    if (until && input.status !== 'suspended') throw DomainError.invalid('until', 'applies only to a suspension');
    if (until && until.getTime() <= now.getTime()) throw DomainError.invalid('until', 'must be in the future');
    return this.tx.run(async () => {
      await this.assertAdmin(actor);
      const user = await this.mustFindForUpdate(username);
      if (user.id === actor.userId) throw DomainError.invalid('status', 'cannot change your own standing');
      user.status = input.status;
      user.suspendedUntil = until;
      user.suspensionReason = input.status === 'active' ? null : input.reason?.trim() || null;
      const row = await this.users.save(user);
      await this.outbox.add(USER_SUSPENDED_V1, row.id, {
        userId: row.id,
        status: row.status,
        until: row.suspendedUntil?.toISOString() ?? null,
        reason: row.suspensionReason,
        changedBy: actor.userId,
        changedAt: row.updatedAt.toISOString(),
      });
      return { userId: row.id, account: toAccountView(row) };
    });
  }

  private async saveRoles(user: UserEntity, changedBy: string): Promise<void> {
    const row = await this.users.save(user);
    await this.outbox.add(USER_ROLE_CHANGED_V1, row.id, {
      userId: row.id,
      roles: row.roles,
      changedBy,
      changedAt: row.updatedAt.toISOString(),
    });
  }

  /** The database decides, not the token: a demoted admin's older token says nothing here. */
  private async assertAdmin(actor: Actor): Promise<void> {
    const me = await this.users.findById(actor.userId);
    if (!me || !me.roles.includes('admin') || standingAt(me.status, me.suspendedUntil) !== 'active') throw NOT_ADMIN();
  }

  private async mustFindForUpdate(username: string): Promise<UserEntity> {
    const user = typeof username === 'string' ? await this.users.findByUsernameForUpdate(username) : null;
    if (!user) throw new DomainError('USER.NOT_FOUND', 'user not found', { user: ['not found'] });
    return user;
  }
}
