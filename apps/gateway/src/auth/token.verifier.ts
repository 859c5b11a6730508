import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { importSPKI, jwtVerify, type CryptoKey, type KeyObject } from 'jose';
import { USER_ROLES, type AccountStatus, type Actor, type UserRole } from '@broadsheet/contracts';
import { LruMap } from '@broadsheet/platform';
import { DomainError } from '@broadsheet/messaging/client';
import { GatewayConfig } from '../config/gateway.config';

/** Tokens are signed by the users service with Ed25519; no other algorithm is ever accepted. */
export const TOKEN_ALGORITHM = 'EdDSA';

/** Claims the users service puts in an access token beside the registered ones. */
export interface AccessTokenClaims {
  sub: string;
  name: string;
  roles: UserRole[];
  st: AccountStatus;
  /** Issue time in milliseconds (`iat` has whole seconds); compared with revocations. */
  iat_ms?: number;
}

/** A verified token: the caller as it claims to be, and when the token was issued. */
export type VerifiedToken = Actor & { tokenId: string; issuedAt: number; issuedAtMs: number };

/**
 * Verified tokens remembered at once; past it the least recently used go. Each entry is a few
 * hundred bytes, so the bound keeps the cache under a few tens of MB.
 */
export const VERIFIED_TOKENS_CAPACITY = 20_000;

/** `iat_ms` when it agrees with `iat`, else the start of the `iat` second (the conservative end). */
function issuedAtMs(claims: { iat: number; iat_ms?: number }): number {
  const ms = claims.iat_ms;
  return typeof ms === 'number' && Number.isSafeInteger(ms) && Math.floor(ms / 1000) === claims.iat ? ms : claims.iat * 1000;
}

/**
 * Verifies access tokens with the public key only: algorithm pinned, signature, `exp`, `iat`,
 * `iss`, `aud`, `sub` and `jti` checked. Any failure is `AUTH.INVALID_TOKEN` (401).
 *
 * An Ed25519 verification costs about as much CPU as the rest of a signed-in request, and a
 * reader sends the same token with every request: a token that verified is remembered (by its
 * exact string, so any other byte sequence is verified afresh) until its `exp`. Only the
 * signature check is saved: revocation and standing are still looked up on every request
 * (SessionRegistry, in the guard).
 */
@Injectable()
export class TokenVerifier {
  private key?: Promise<CryptoKey | KeyObject>;
  /** Token → its verified claims and the instant (ms) it expires; oldest use first. */
  private readonly verified = new LruMap<string, { token: VerifiedToken; expiresAtMs: number }>();

  constructor(private readonly config: GatewayConfig) {}

  private publicKey(): Promise<CryptoKey | KeyObject> {
    return (this.key ??= (async () => {
      const pem = this.config.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n') ?? readFileSync(this.config.JWT_PUBLIC_KEY_FILE, 'utf8');
      return importSPKI(pem, TOKEN_ALGORITHM);
    })());
  }

  async verify(token: string): Promise<VerifiedToken> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.token;
      this.verified.delete(token);
    }
    const { token: verified, expiresAtMs } = await this.verifyFresh(token);
    this.verified.set(token, { token: verified, expiresAtMs });
    if (this.verified.size > VERIFIED_TOKENS_CAPACITY) this.verified.delete(this.verified.oldest()!);
    return verified;
  }

  private async verifyFresh(token: string): Promise<{ token: VerifiedToken; expiresAtMs: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await this.publicKey(), {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      }));
    } catch {
      throw new DomainError('AUTH.INVALID_TOKEN', 'is invalid or expired', { token: ['is invalid or expired'] });
    }
    const claims = payload as unknown as AccessTokenClaims & { jti: string; iat: number; exp: number };
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r) => USER_ROLES.includes(r)) : [];
    if (typeof claims.name !== 'string' || roles.length === 0) {
      throw new DomainError('AUTH.INVALID_TOKEN', 'is invalid or expired', { token: ['is invalid or expired'] });
    }
    return {
      token: {
        userId: claims.sub,
        username: claims.name,
        roles,
        status: claims.st ?? 'active',
        tokenId: claims.jti,
        issuedAt: claims.iat,
        issuedAtMs: issuedAtMs(claims),
      },
      // jose refuses a token once the current second reaches `exp`.
      expiresAtMs: claims.exp * 1000,
    };
  }
}
