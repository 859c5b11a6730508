import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AccountStatus, UserRole } from '@broadsheet/contracts';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Stored normalised (trimmed, lower-cased); unique. */
  @Column('text')
  email: string;

  /** Stored as given; unique case-insensitively (index on lower(username)). */
  @Column('text')
  username: string;

  /** argon2id PHC string. */
  @Column('text')
  passwordHash: string;

  @Column('text', { nullable: true })
  bio: string | null;

  @Column('text', { nullable: true })
  image: string | null;

  @Column('text', { array: true })
  roles: UserRole[];

  @Column('text')
  status: AccountStatus;

  @Column('timestamptz', { nullable: true })
  suspendedUntil: Date | null;

  @Column('text', { nullable: true })
  suspensionReason: string | null;

  /** Tokens issued before this instant are revoked (logout, password change). */
  @Column('timestamptz')
  tokensValidAfter: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
