import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DomainServiceConfig } from '@broadsheet/messaging';

/** OWASP's floor for argon2id (2026): 19 MiB, 2 iterations, parallelism 1. */
export const ARGON2_MINIMUM = { memoryKiB: 19_456, iterations: 2, parallelism: 1 } as const;
/** RealWorld frontends never refresh a token, so it must outlive a reading session by far. */
export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

/** OWASP's suggestion for online guessing: a handful of tries per account per quarter hour. */
export const DEFAULT_SIGNIN_FAILURES_PER_ACCOUNT = 10;
export const DEFAULT_SIGNIN_ACCOUNT_WINDOW_SECONDS = 15 * 60;

/** The users service's settings: the shared bus and database ones, plus its own. */
export class UsersConfig extends DomainServiceConfig {
  /** Ed25519 private key (PKCS8 PEM) that signs access tokens; or give JWT_PRIVATE_KEY_FILE. */
  @IsOptional() @IsString()
  JWT_PRIVATE_KEY: string | undefined = undefined;

  @IsString()
  JWT_PRIVATE_KEY_FILE: string = '.data/keys/jwt-private.pem';

  @IsString()
  JWT_ISSUER: string = 'broadsheet';

  @IsString()
  JWT_AUDIENCE: string = 'broadsheet-api';

  @IsInt() @Min(60) @Max(365 * 24 * 3600)
  JWT_TTL_SECONDS: number = DEFAULT_TOKEN_TTL_SECONDS;

  @IsInt() @Min(8) @Max(128)
  PASSWORD_MIN_LENGTH: number = 8;

  @IsInt() @Min(ARGON2_MINIMUM.memoryKiB)
  ARGON2_MEMORY_KIB: number = ARGON2_MINIMUM.memoryKiB;

  @IsInt() @Min(ARGON2_MINIMUM.iterations)
  ARGON2_ITERATIONS: number = ARGON2_MINIMUM.iterations;

  @IsInt() @Min(ARGON2_MINIMUM.parallelism) @Max(16)
  ARGON2_PARALLELISM: number = ARGON2_MINIMUM.parallelism;

  /** Failed sign-ins one account (by email, known or not) may have per window before 429. */
  @IsInt() @Min(1)
  SIGNIN_ACCOUNT_MAX_FAILURES: number = DEFAULT_SIGNIN_FAILURES_PER_ACCOUNT;

  @IsInt() @Min(1)
  SIGNIN_ACCOUNT_WINDOW_SECONDS: number = DEFAULT_SIGNIN_ACCOUNT_WINDOW_SECONDS;

  /** Sign-in attempts (right or wrong) one client IP may make per window. */
  @IsInt() @Min(1)
  SIGNIN_IP_MAX_ATTEMPTS: number = 100;

  @IsInt() @Min(1)
  SIGNIN_IP_WINDOW_SECONDS: number = 15 * 60;

  /** Sign-up attempts one client IP may make per window. */
  @IsInt() @Min(1)
  SIGNUP_IP_MAX: number = 20;

  @IsInt() @Min(1)
  SIGNUP_IP_WINDOW_SECONDS: number = 3600;

  /** Comma-separated emails that are admins: at sign-up, and (existing accounts) at every boot. */
  @Matches(/^\s*([^,\s]+@[^,\s]+\s*(,\s*[^,\s]+@[^,\s]+\s*)*)?$/, { message: 'must be comma-separated emails' })
  ADMIN_EMAILS: string = '';

  /** ADMIN_EMAILS, normalised as stored emails are. */
  adminEmails(): string[] {
    return this.ADMIN_EMAILS.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0);
  }
}
