import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { BusConfig } from '@broadsheet/messaging/client';

/** The gateway's settings. Property names are the environment variables. */
export class GatewayConfig extends BusConfig {
  @IsInt() @Min(0) @Max(65_535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** `*` (any origin, for development and RealWorld frontends) or a comma-separated list. */
  @IsString()
  CORS_ORIGINS: string = '*';

  @IsInt() @Min(1024)
  BODY_LIMIT_BYTES: number = 1_048_576;

  /** Ed25519 public key (SPKI PEM) that verifies access tokens; or give JWT_PUBLIC_KEY_FILE. */
  @IsOptional() @IsString()
  JWT_PUBLIC_KEY: string | undefined = undefined;

  @IsString()
  JWT_PUBLIC_KEY_FILE: string = '.data/keys/jwt-public.pem';

  @IsString()
  JWT_ISSUER: string = 'broadsheet';

  @IsString()
  JWT_AUDIENCE: string = 'broadsheet-api';

  /** Bound on the health check's questions to each service. */
  @IsInt() @Min(50)
  HEALTH_TIMEOUT_MS: number = 1000;

  /**
   * How long the gateway trusts what it last heard about an account's revocations and standing
   * without asking users again: the worst case for a revocation whose event it missed.
   */
  @IsInt() @Min(1) @Max(3600)
  TOKEN_STATUS_CACHE_SECONDS: number = 30;

  @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  /** Bound on the whole article-page call; a part not back by then is left out and marked unavailable. */
  @IsInt() @Min(50) @Max(30_000)
  PAGE_TIMEOUT_MS: number = 1000;

  /** Serve anonymous GETs from the event-invalidated response cache. */
  @IsIn(['true', 'false'])
  CACHE_ENABLED: 'true' | 'false' = 'true';

  @IsInt() @Min(1)
  CACHE_MAX_ENTRIES: number = 10_000;

  /** Bound on the cached bodies' bytes (they count in the gateway's memory). */
  @IsInt() @Min(1024)
  CACHE_MAX_BYTES: number = 32 * 1024 * 1024;

  /** Safety net on top of event invalidation. */
  @IsInt() @Min(100)
  CACHE_TTL_MS: number = 60_000;

  /** Writes (POST/PUT/DELETE) a minute from one IP address; 0 turns the limit off. */
  @IsInt() @Min(0)
  WRITE_RATE_LIMIT_PER_IP: number = 600;

  /** Writes a minute by one signed-in user; 0 turns the limit off. */
  @IsInt() @Min(0)
  WRITE_RATE_LIMIT_PER_USER: number = 120;

  /** Reads a minute from one IP address; 0 (the default) leaves reads unlimited. */
  @IsInt() @Min(0)
  READ_RATE_LIMIT_PER_IP: number = 0;
}
