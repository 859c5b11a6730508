import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { importPKCS8, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { standingAt } from '@broadsheet/contracts';
import { UsersConfig } from '../config/users.config';
import type { UserEntity } from '../database/entities/user.entity';

/** The one signing algorithm; verifiers pin it too. */
export const TOKEN_ALGORITHM = 'EdDSA';

/** Signs access tokens with the service's Ed25519 private key; only this service holds it. */
@Injectable()
export class TokenIssuer {
  private key?: Promise<CryptoKey | KeyObject>;

  constructor(private readonly config: UsersConfig) {}

  private privateKey(): Promise<CryptoKey | KeyObject> {
    return (this.key ??= (async () => {
      const pem = this.config.JWT_PRIVATE_KEY?.replace(/\\n/g, '\n') ?? readFileSync(this.config.JWT_PRIVATE_KEY_FILE, 'utf8');
      return importPKCS8(pem, TOKEN_ALGORITHM);
    })());
  }

  /**
   * A token for `user` issued at `now`. `iat_ms` carries the issue time to the millisecond:
   * `iat` has whole seconds, too coarse to tell a token issued just before a revocation from
   * the fresh one handed out in the same second just after it.
   */
  async issue(user: Pick<UserEntity, 'id' | 'username' | 'roles' | 'status' | 'suspendedUntil'>, now = new Date()): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    const st = standingAt(user.status, user.suspendedUntil, now);
    return new SignJWT({ name: user.username, roles: user.roles, st, iat_ms: now.getTime() })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.config.JWT_TTL_SECONDS)
      .setJti(randomUUID())
      .sign(await this.privateKey());
  }
}
