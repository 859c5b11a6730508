import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, importPKCS8, SignJWT } from 'jose';
import { loadConfig } from '@broadsheet/platform';
import { waitFor } from '@broadsheet/testing';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { createGateway } from '../../apps/gateway/src/gateway.factory';
import { signUp, type TestAccount } from './support/accounts';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('users security through the gateway: tokens, revocation, roles, standing', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;
  const adminEmail = `chief_${randomBytes(4).toString('hex')}@example.com`;
  let admin: TestAccount;
  let alice: TestAccount;
  let bob: TestAccount;

  /** A token like the real ones, with `overrides` applied, signed by `key` (default: the suite's). */
  const forge = async (base: TestAccount, overrides: { aud?: string; exp?: number; iat?: number } = {}, pem?: string) => {
    const claims = decodeJwt(base.token);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ name: claims.name, roles: claims.roles, st: 'active' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setSubject(String(claims.sub))
      .setIssuer('broadsheet')
      .setAudience(overrides.aud ?? 'broadsheet-api')
      .setIssuedAt(overrides.iat ?? now)
      .setExpirationTime(overrides.exp ?? now + 3600)
      .setJti(randomBytes(8).toString('hex'))
      .sign(await importPKCS8(pem ?? suite.env.JWT_PRIVATE_KEY, 'EdDSA'));
  };
  const refused = async (token: string, why: string) => {
    const res = await api.get('/user', { token });
    assert.equal(res.status, 401, `${why}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.ok(res.body.errors.token, why);
  };

  before(async () => {
    suite = await startSuite({ label: 'users_sec', env: { ADMIN_EMAILS: adminEmail } });
    api = apiClient(suite.api);
    const res = await api.post('/users', { user: { username: `chief_${adminEmail.slice(6, 14)}`, email: adminEmail, password: 'the chief editor phrase' } });
    assert.equal(res.status, 201);
    admin = { username: res.body.user.username, email: adminEmail, password: 'the chief editor phrase', token: res.body.user.token };
    [alice, bob] = await Promise.all([signUp(api, 'alice'), signUp(api, 'bob')]);
  });
  after(() => suite.close());

  it('accepts a genuine token, and a re-signed one with the suite key', async () => {
    assert.equal((await api.get('/user', { token: alice.token })).status, 200);
    assert.equal((await api.get('/user', { token: await forge(alice) })).status, 200);
  });

  it('refuses alg none, a wrong key, HS256 keyed with the public key, expired, wrong audience, tampered', async () => {
    const claims = decodeJwt(alice.token);
    await refused(`${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`, 'alg none');
    const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await refused(await forge(alice, {}, other), 'wrong key');
    const hmac = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(suite.env.JWT_PUBLIC_KEY));
    await refused(hmac, 'HS256 with the public key as secret');
    const now = Math.floor(Date.now() / 1000);
    await refused(await forge(alice, { iat: now - 7200, exp: now - 60 }), 'expired');
    await refused(await forge(alice, { aud: 'someone-else' }), 'wrong audience');
    const [header, , signature] = alice.token.split('.');
    await refused(`${header}.${b64url({ ...claims, roles: ['reader', 'admin'] })}.${signature}`, 'tampered payload');
  });

  it('logout revokes every earlier token at once (401) and answers 204; signing in again works', async () => {
    const account = await signUp(api, 'leaver');
    const second = (await api.post('/users/login', { user: { email: account.email, password: account.password } })).body.user.token;
    const out = await api.post('/user/logout', undefined, { token: account.token });
    assert.equal(out.status, 204);
    await refused(account.token, 'logged-out token');
    await refused(second, 'other session of the logged-out account');
    const back = await api.post('/users/login', { user: { email: account.email, password: account.password } });
    assert.equal(back.status, 200);
    assert.equal((await api.get('/user', { token: back.body.user.token })).status, 200);
  });

  it('another gateway replica refuses a revoked token as soon as the event arrives, well inside its cache TTL', async () => {
    const replica = await createGateway(loadConfig(GatewayConfig, { ...suite.env, INSTANCE_ID: 'gateway-2' }));
    try {
      const other = apiClient(await replica.listen());
      const account = await signUp(api, 'roamer');
      assert.equal((await other.get('/user', { token: account.token })).status, 200, 'cached as valid on the replica');
      const started = Date.now();
      assert.equal((await api.post('/user/logout', undefined, { token: account.token })).status, 204);
      await waitFor('the replica to refuse the revoked token', async () => (await other.get('/user', { token: account.token })).status === 401, {
        timeoutMs: 5000,
      });
      const elapsed = Date.now() - started;
      console.log(`revocation reached the second gateway in ${elapsed} ms (cache TTL ${loadConfig(GatewayConfig, suite.env).TOKEN_STATUS_CACHE_SECONDS} s)`);
      assert.ok(elapsed < 5000);
    } finally {
      await replica.close();
    }
  });

  it('a new password revokes earlier tokens; the token it returns works', async () => {
    const account = await signUp(api, 'mover');
    const other = (await api.post('/users/login', { user: { email: account.email, password: account.password } })).body.user.token;
    const changed = await api.put('/user', { user: { password: 'an entirely new phrase' } }, { token: account.token });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.body.user.token, account.token);
    await refused(account.token, 'token from before the password change');
    await refused(other, 'other session from before the password change');
    assert.equal((await api.get('/user', { token: changed.body.user.token })).status, 200);
    const oldPassword = await api.post('/users/login', { user: { email: account.email, password: account.password } });
    assert.equal(oldPassword.status, 422);
  });

  it("refuses a non-admin's attempt to change another account (403)", async () => {
    const roles = await api.put(`/users/${bob.username}/roles`, { roles: ['admin'] }, { token: alice.token });
    assert.equal(roles.status, 403);
    const status = await api.put(`/users/${bob.username}/status`, { status: 'banned' }, { token: alice.token });
    assert.equal(status.status, 403);
    const selfPromotion = await api.put(`/users/${alice.username}/roles`, { roles: ['admin'] }, { token: alice.token });
    assert.equal(selfPromotion.status, 403);
    assert.equal((await api.put(`/users/${bob.username}/roles`, { roles: ['admin'] })).status, 401);
  });

  it('an admin grants roles (they reach the next token) and a removal revokes older tokens', async () => {
    const granted = await api.put(`/users/${bob.username}/roles`, { roles: ['author'] }, { token: admin.token });
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    assert.deepEqual(granted.body.account.roles, ['reader', 'author']);
    assert.equal((await api.get('/user', { token: bob.token })).status, 200, 'a grant revokes nothing');
    const relogin = await api.post('/users/login', { user: { email: bob.email, password: bob.password } });
    assert.deepEqual(decodeJwt(relogin.body.user.token).roles, ['reader', 'author']);

    const removed = await api.put(`/users/${bob.username}/roles`, { roles: [] }, { token: admin.token });
    assert.deepEqual(removed.body.account.roles, ['reader']);
    await refused(relogin.body.user.token, 'token claiming a removed role');
    bob = { ...bob, token: (await api.post('/users/login', { user: { email: bob.email, password: bob.password } })).body.user.token };
    const unknown = await api.put(`/users/${bob.username}/roles`, { roles: ['overlord'] }, { token: admin.token });
    assert.equal(unknown.status, 422);
    assert.ok(unknown.body.errors.roles);
  });

  it('a suspended account reads but cannot write (403 naming the suspension and its end), even with an older token', async () => {
    const until = new Date(Date.now() + 24 * 3600_000).toISOString();
    const res = await api.put(`/users/${alice.username}/status`, { status: 'suspended', until, reason: 'spam' }, { token: admin.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.account, { username: alice.username, roles: ['reader'], status: 'suspended', suspendedUntil: until, suspensionReason: 'spam' });

    assert.equal((await api.get('/user', { token: alice.token })).status, 200);
    assert.equal((await api.get(`/profiles/${bob.username}`, { token: alice.token })).status, 200);
    const write = await api.put('/user', { user: { bio: 'still here' } }, { token: alice.token });
    assert.equal(write.status, 403);
    assert.equal(write.headers.get('x-error-code'), 'USER.SUSPENDED');
    assert.match(write.body.errors.account[0], new RegExp(`suspended until ${until.replace(/\./g, '\\.')} \\(spam\\)`));
    assert.equal((await api.post(`/profiles/${bob.username}/follow`, undefined, { token: alice.token })).status, 403);

    const banned = await api.put(`/users/${alice.username}/status`, { status: 'banned', reason: 'abuse' }, { token: admin.token });
    assert.equal(banned.status, 200);
    const bannedWrite = await api.post(`/profiles/${bob.username}/follow`, undefined, { token: alice.token });
    assert.equal(bannedWrite.status, 403);
    assert.match(bannedWrite.body.errors.account[0], /is banned \(abuse\)/);

    assert.equal((await api.put(`/users/${alice.username}/status`, { status: 'active' }, { token: admin.token })).status, 200);
    assert.equal((await api.put('/user', { user: { bio: 'back again' } }, { token: alice.token })).status, 200);
  });

  it('lets a suspended account sign out', async () => {
    const account = await signUp(api, 'benched');
    await api.put(`/users/${account.username}/status`, { status: 'suspended', reason: 'cool-off' }, { token: admin.token });
    const out = await api.post('/user/logout', undefined, { token: account.token });
    assert.equal(out.status, 204);
    await refused(account.token, 'logged out while suspended');
  });

  it('validates sign-up and profile edge cases with 422 naming the field', async () => {
    const n = randomBytes(3).toString('hex');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ username: 'ab', email: `e1${n}@example.com`, password: 'long enough phrase' }, 'username'],
      [{ username: 'x'.repeat(31), email: `e2${n}@example.com`, password: 'long enough phrase' }, 'username'],
      [{ username: 'has space', email: `e3${n}@example.com`, password: 'long enough phrase' }, 'username'],
      [{ username: `ok_${n}`, email: 'not-an-email', password: 'long enough phrase' }, 'email'],
      [{ username: `ok_${n}`, email: `e4${n}@example.com`, password: 'qwertyuiop' }, 'password'],
      [{ username: `ok_${n}`, email: `e5${n}@example.com`, password: 'x'.repeat(129) }, 'password'],
    ];
    for (const [user, field] of cases) {
      const res = await api.post('/users', { user });
      assert.equal(res.status, 422, JSON.stringify(user));
      assert.deepEqual(Object.keys(res.body.errors), [field], JSON.stringify(res.body));
    }
    const ok = await api.post('/users', { user: { username: `a.b-c_${n}`, email: `  Edge_${n}@Example.COM `, password: 'x'.repeat(128) } });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.user.email, `edge_${n}@example.com`);
    const token = ok.body.user.token;
    for (const [user, field] of [
      [{ bio: 'b'.repeat(1001) }, 'bio'],
      [{ image: 'ftp://example.com/a.png' }, 'image'],
      [{ role: 'admin' }, 'role'],
      [{ username: alice.username.toUpperCase() }, 'username'],
    ] as Array<[Record<string, unknown>, string]>) {
      const res = await api.put('/user', { user }, { token });
      assert.equal(res.status, 422, JSON.stringify(user));
      assert.deepEqual(Object.keys(res.body.errors), [field]);
    }
    assert.equal((await api.put('/user', { user: { bio: 'b'.repeat(1000), image: null } }, { token })).status, 200);
  });
});

describe('sign-in and sign-up limits through the gateway', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;

  before(async () => {
    suite = await startSuite({ label: 'users_lim', env: { SIGNIN_ACCOUNT_MAX_FAILURES: '3', SIGNUP_IP_MAX: '3' } });
    api = apiClient(suite.api);
  });
  after(() => suite.close());

  it('answers 429 with Retry-After after too many failed sign-ins for one account', async () => {
    const account = await signUp(api, 'target');
    for (let i = 0; i < 3; i++) {
      assert.equal((await api.post('/users/login', { user: { email: account.email, password: 'guess number one' } })).status, 422);
    }
    const res = await api.post('/users/login', { user: { email: account.email, password: account.password } });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('x-error-code'), 'AUTH.TOO_MANY_ATTEMPTS');
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter > 800 && retryAfter <= 900, `Retry-After ${retryAfter}`);
    assert.ok(res.body.errors.email);
  });

  it('answers 429 with Retry-After after too many sign-ups from one address', async () => {
    // One sign-up was spent by the previous test.
    await signUp(api, 'extra');
    await signUp(api, 'extra');
    const res = await api.post('/users', { user: { username: 'one_too_many', email: 'one_too_many@example.com', password: 'long enough phrase' } });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('x-error-code'), 'REQUEST.RATE_LIMITED');
    assert.ok(Number(res.headers.get('retry-after')) > 3500);
  });
});
