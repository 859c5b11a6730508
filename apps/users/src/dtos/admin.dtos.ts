import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsISO8601, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { USER_ROLES, type AccountStatus, type AccountView, type UserRole } from '@broadsheet/contracts';
import type { UserEntity } from '../database/entities/user.entity';

const ACCOUNT_STATUSES: AccountStatus[] = ['active', 'suspended', 'banned'];
export const SUSPENSION_REASON_MAX_LENGTH = 500;

export class SetRolesDto {
  @IsDefined({ message: "can't be blank" })
  @IsArray({ message: 'must be a list of roles' })
  @ArrayMaxSize(USER_ROLES.length, { message: `has at most ${USER_ROLES.length} roles` })
  @IsIn(USER_ROLES, { each: true, message: `must each be one of ${USER_ROLES.join(', ')}` })
  roles: UserRole[];
}

export class SetStatusDto {
  @IsDefined({ message: "can't be blank" })
  @IsIn(ACCOUNT_STATUSES, { message: `must be one of ${ACCOUNT_STATUSES.join(', ')}` })
  status: AccountStatus;

  /** End of a suspension (ISO 8601); absent or null for an open-ended one. */
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  until?: string | null;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(SUSPENSION_REASON_MAX_LENGTH, { message: `is too long (at most ${SUSPENSION_REASON_MAX_LENGTH} characters)` })
  reason?: string;
}

/** Roles in their canonical order, `reader` always among them: everyone can read. */
export function normaliseRoles(roles: readonly UserRole[]): UserRole[] {
  const wanted = new Set<UserRole>(['reader', ...roles]);
  return USER_ROLES.filter((role) => wanted.has(role));
}

export function toAccountView(user: UserEntity): AccountView {
  return {
    username: user.username,
    roles: user.roles,
    status: user.status,
    suspendedUntil: user.suspendedUntil?.toISOString() ?? null,
    suspensionReason: user.suspensionReason,
  };
}
