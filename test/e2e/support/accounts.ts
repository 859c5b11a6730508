import { randomBytes } from 'node:crypto';
import type { apiClient } from './http';

export interface TestAccount {
  username: string;
  email: string;
  password: string;
  token: string;
}

/** Registers a fresh account through the gateway and returns it with its token. */
export async function signUp(api: ReturnType<typeof apiClient>, prefix = 'reader'): Promise<TestAccount> {
  const id = randomBytes(4).toString('hex');
  const account = { username: `${prefix}_${id}`, email: `${prefix}_${id}@example.com`, password: `pass phrase ${id}` };
  const res = await api.post('/users', { user: account });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...account, token: res.body.user.token };
}

/**
 * The same account's token re-signed with other roles, using the suite's signing key: lets a
 * test act as an editor or moderator without going through the role-granting flow.
 */
export async function withRoles(
  env: Record<string, string>,
  account: TestAccount,
  roles: Array<'reader' | 'author' | 'editor' | 'moderator' | 'admin'>,
): Promise<TestAccount> {
  const { SignJWT, importPKCS8, decodeJwt } = await import('jose');
  const claims = decodeJwt(account.token);
  const key = await importPKCS8(env.JWT_PRIVATE_KEY, 'EdDSA');
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ name: claims.name, roles, st: claims.st ?? 'active' })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject(String(claims.sub))
    .setIssuer(env.JWT_ISSUER ?? 'broadsheet')
    .setAudience(env.JWT_AUDIENCE ?? 'broadsheet-api')
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .setJti(randomBytes(16).toString('hex'))
    .sign(key);
  return { ...account, token };
}
