import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DomainServiceConfig } from '@broadsheet/messaging';

/** OWASP's floor for argon2id (2026): 19 MiB, 2 iterations, parallelism 1. */
export const ARGON2_MINIMUM = { memoryKiB: 19_456, iterations: 2, parallelism: 1 } as const;
/** RealWorld frontends never refresh a token, so it must outlive a reading session by far. */
export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

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
}
