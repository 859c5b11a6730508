import { Transform } from 'class-transformer';
import { IsDefined, IsEmail, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { ProfileView, UserView } from '@broadsheet/contracts';
import type { UserEntity } from '../database/entities/user.entity';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,30}$/;
export const PASSWORD_MAX_LENGTH = 128;
/** The floor no configuration can go below; PASSWORD_MIN_LENGTH may raise it. */
export const PASSWORD_FLOOR = 8;
export const BIO_MAX_LENGTH = 1000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterDto {
  @IsDefined({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  @Transform(trim)
  @Matches(USERNAME_PATTERN, { message: 'must be 3 to 30 letters, digits, _, . or -' })
  username: string;

  @IsDefined({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'is invalid' })
  @MaxLength(254, { message: 'is too long' })
  email: string;

  @IsDefined({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  @MinLength(PASSWORD_FLOOR, { message: `is too short (at least ${PASSWORD_FLOOR} characters)` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `is too long (at most ${PASSWORD_MAX_LENGTH} characters)` })
  password: string;
}

export class LoginDto {
  @IsDefined({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  @Transform(normaliseEmail)
  email: string;

  @IsDefined({ message: "can't be blank" })
  @IsString({ message: 'must be a string' })
  password: string;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'is invalid' })
  @MaxLength(254, { message: 'is too long' })
  email?: string;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Transform(trim)
  @Matches(USERNAME_PATTERN, { message: 'must be 3 to 30 letters, digits, _, . or -' })
  username?: string;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MinLength(PASSWORD_FLOOR, { message: `is too short (at least ${PASSWORD_FLOOR} characters)` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `is too long (at most ${PASSWORD_MAX_LENGTH} characters)` })
  password?: string;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString({ message: 'must be a string' })
  @MaxLength(BIO_MAX_LENGTH, { message: `is too long (at most ${BIO_MAX_LENGTH} characters)` })
  bio?: string | null;

  @ValidateIf((_, v) => v !== null && v !== undefined && v !== '')
  @IsString({ message: 'must be a string' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(2048, { message: 'is too long' })
  image?: string | null;
}

export function toUserView(user: UserEntity, token: string): UserView {
  return { email: user.email, token, username: user.username, bio: user.bio, image: user.image };
}

export function toProfileView(user: Pick<UserEntity, 'username' | 'bio' | 'image'>, following: boolean): ProfileView {
  return { username: user.username, bio: user.bio, image: user.image, following };
}
