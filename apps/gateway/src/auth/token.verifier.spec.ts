import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterEach, describe, it, mock } from 'node:test';
import { SignJWT } from 'jose';
import { DomainError } from '@broadsheet/messaging';
import type { GatewayConfig } from '../config/gateway.config';
import { TOKEN_ALGORITHM, TokenVerifier } from './token.verifier';

const keys = generateKeyPairSync('ed25519');
const config = {
  JWT_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  JWT_ISSUER: 'broadsheet',
  JWT_AUDIENCE: 'broadsheet-api',
} as GatewayConfig;

function sign(expiresAtSeconds: number): Promise<string> {
  return new SignJWT({ name: 'jane', roles: ['reader'], st: 'active' })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM })
    .setSubject(randomUUID())
    .setJti(randomUUID())
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresAtSeconds)
    .sign(keys.privateKey);
}

const invalid = (error: unknown) => error instanceof DomainError && error.code === 'AUTH.INVALID_TOKEN';

describe('TokenVerifier', () => {
  afterEach(() => mock.timers.reset());

  it('answers a token it verified before with the same claims', async () => {
    const verifier = new TokenVerifier(config);
    const token = await sign(Math.floor(Date.now() / 1000) + 60);
    const first = await verifier.verify(token);
    assert.deepEqual(await verifier.verify(token), first);
    // Another signature (its first character changed; a signature that already ended in "AA"
    // made the old tampering a no-op now and then).
    const at = token.lastIndexOf('.') + 1;
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    await assert.rejects(verifier.verify(tampered), invalid);
  });

  it('refuses a remembered token once it has expired', async () => {
    const verifier = new TokenVerifier(config);
    const nowSeconds = Math.floor(Date.now() / 1000);
    const token = await sign(nowSeconds + 2);
    await verifier.verify(token);
    mock.timers.enable({ apis: ['Date'], now: (nowSeconds + 2) * 1000 });
    await assert.rejects(verifier.verify(token), invalid);
  });
});
