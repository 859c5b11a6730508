import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';
import { UserEntity } from '../database/entities/user.entity';

/** Postgres unique-violation, raised when two registrations race for one email or username. */
export const UNIQUE_VIOLATION = '23505';

@Injectable()
export class UserRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.manager.getRepository(UserEntity);
  }

  insert(user: Omit<UserEntity, 'createdAt' | 'updatedAt'>): Promise<UserEntity> {
    return this.repo.save(this.repo.create(user));
  }

  save(user: UserEntity): Promise<UserEntity> {
    return this.repo.save(user);
  }

  async setTokensValidAfter(id: string, at: Date): Promise<void> {
    await this.repo.update({ id }, { tokensValidAfter: at });
  }

  /** Locks the accounts with these (normalised) emails for the rest of the transaction. */
  findByEmailsForUpdate(emails: string[]): Promise<UserEntity[]> {
    if (emails.length === 0) return Promise.resolve([]);
    return this.repo
      .createQueryBuilder('u')
      .where('lower(u.email) = ANY(:emails)', { emails })
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Locks one account, by username, for the rest of the transaction. */
  findByUsernameForUpdate(username: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username })
      .setLock('pessimistic_write')
      .getOne();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /**
   * Public profiles of `ids` with whether `viewerId` follows each, in one query: the batch
   * behind every list and thread, so it skips the ORM.
   */
  profilesWithFollowing(
    ids: string[],
    viewerId: string | null,
  ): Promise<Array<{ id: string; username: string; bio: string | null; image: string | null; following: boolean }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.rows(
      `SELECT u.id, u.username, u.bio, u.image, (f.follower_id IS NOT NULL) AS following
         FROM users u LEFT JOIN follows f ON f.followee_id = u.id AND f.follower_id = $2::uuid
        WHERE u.id = ANY($1::uuid[])`,
      [ids, viewerId],
    );
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo.createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username }).getOne();
  }

  /** Which of `fields` are already taken by someone other than `exceptId`. */
  async taken(fields: { email?: string; username?: string }, exceptId?: string): Promise<Array<'email' | 'username'>> {
    const clashes: Array<'email' | 'username'> = [];
    if (fields.email) {
      const other = await this.findByEmail(fields.email);
      if (other && other.id !== exceptId) clashes.push('email');
    }
    if (fields.username) {
      const other = await this.findByUsername(fields.username);
      if (other && other.id !== exceptId) clashes.push('username');
    }
    return clashes;
  }
}
