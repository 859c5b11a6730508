import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { Actor, RpcPattern, RpcRequest, RpcResponse, UserView } from '@broadsheet/contracts';
import { BusClient, createDomainService, DomainError, type DomainServiceApp } from '@broadsheet/messaging';
import { loadConfig } from '@broadsheet/platform';
import { createTestDatabase, deleteStream, isolatedBusEnv, testInfrastructure, type TestDatabase } from '@broadsheet/testing';
import { UsersConfig } from '../src/config/users.config';
import { USERS_SERVICE } from '../src/users.definition';

const ACCOUNT_FAILURES = 5;
const SIGNUP_PER_IP = 3;
const SIGNIN_PER_IP = 8;
const TIMING_ROUNDS = 5;
/** Generous: the decoy hash costs what a real one does, but a loaded 2-core box is noisy. */
const TIMING_FACTOR = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const id = () => randomBytes(4).toString('hex');

describe('users service over NATS (real Postgres)', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let service: DomainServiceApp;
  let client: BusClient;
  const adminEmail = `boss_${id()}@example.com`;
  const laterAdminEmail = `later_${id()}@example.com`;

  const start = async (extra: Record<string, string> = {}) => {
    const s = await createDomainService(USERS_SERVICE, loadConfig(UsersConfig, { ...env, ...extra }));
    await s.app.listen();
    return s;
  };
  const call = <P extends RpcPattern>(pattern: P, data: RpcRequest<P>): Promise<RpcResponse<P>> => client.request(pattern, data);
  const failure = async (work: Promise<unknown>): Promise<DomainError> => {
    const error = await work.then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DomainError, String(error));
    return error;
  };
  const register = async (prefix: string, clientIp: string | null = null): Promise<UserView & { password: string }> => {
    const n = id();
    const password = `pass phrase ${n}`;
    const { user } = await call('users.register', { user: { username: `${prefix}_${n}`, email: `${prefix}_${n}@example.com`, password }, clientIp });
    return { ...user, password };
  };
  const actorOf = (user: UserView): Actor => {
    const claims = decodeJwt(user.token);
    return { userId: String(claims.sub), username: user.username, roles: claims.roles as Actor['roles'], status: 'active' };
  };
  const outbox = async (type: string, subject: string): Promise<Array<Record<string, any>>> =>
    (await service.dataSource.query(`SELECT envelope FROM outbox WHERE type = $1 AND envelope->>'subject' = $2 ORDER BY seq`, [type, subject])).map(
      (r: { envelope: { data: Record<string, unknown> } }) => r.envelope.data,
    );

  before(async () => {
    const infra = await testInfrastructure();
    db = await createTestDatabase(infra.serverUrl, 'users_it');
    const { privateKey } = generateKeyPairSync('ed25519');
    env = {
      ...isolatedBusEnv(),
      DATABASE_URL: db.url,
      NATS_URL: infra.natsUrl,
      LOG_LEVEL: 'error',
      INSTANCE_ID: 'users-it',
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      SIGNIN_ACCOUNT_MAX_FAILURES: String(ACCOUNT_FAILURES),
      SIGNUP_IP_MAX: String(SIGNUP_PER_IP),
      SIGNIN_IP_MAX_ATTEMPTS: String(SIGNIN_PER_IP),
      ADMIN_EMAILS: `${adminEmail.toUpperCase()}, ${laterAdminEmail}`,
    };
    service = await start({ ADMIN_EMAILS: adminEmail });
    client = new BusClient(service.bus);
  });

  after(async () => {
    await service?.close();
    await deleteStream(env.NATS_URL, env.EVENTS_STREAM);
    await db?.drop();
  });

  it('resolves many profiles in one call, with following for the viewer', async () => {
    const [viewer, a, b] = await Promise.all([register('viewer'), register('writer'), register('writer')]);
    await call('users.follow', { actor: actorOf(viewer), username: a.username });
    const ids = [a, b].map((u) => actorOf(u).userId);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const { profiles } = await call('users.get-profiles', { viewerId: actorOf(viewer).userId, userIds: [...ids, ids[0], unknown, 'not-a-uuid'] });
    assert.deepEqual(Object.keys(profiles).sort(), [...ids].sort());
    assert.deepEqual(profiles[ids[0]], { username: a.username, bio: null, image: null, following: true });
    assert.equal(profiles[ids[1]].following, false);
    const anonymous = await call('users.get-profiles', { viewerId: null, userIds: ids });
    assert.ok(Object.values(anonymous.profiles).every((p) => p.following === false));
  });

  for (const clash of ['email', 'username'] as const) {
    it(`lets exactly one of 10 concurrent sign-ups with one ${clash} win; the rest get 422 USER.TAKEN`, async () => {
      const n = id();
      const attempts = Array.from({ length: 10 }, (_, i) =>
        call('users.register', {
          user: {
            username: clash === 'username' ? `Same_${n}` : `racer_${n}_${i}`,
            email: clash === 'email' ? `same_${n}@example.com` : `racer_${n}_${i}@example.com`,
            password: `pass phrase ${n} ${i}`,
          },
          clientIp: null,
        }),
      );
      const results = await Promise.allSettled(attempts);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
      assert.equal(won.length, 1);
      assert.equal(lost.length, 9);
      for (const error of lost) {
        assert.equal(error.code, 'USER.TAKEN', `${error.code}: ${error.message}`);
        assert.deepEqual(error.fields, { [clash]: ['has already been taken'] });
      }
    });
  }

  it('answers a wrong password and an unknown email alike, in about the same time', async () => {
    const accounts = await Promise.all(Array.from({ length: TIMING_ROUNDS + 1 }, () => register('timed')));
    const wrong: number[] = [];
    const unknown: number[] = [];
    const attempt = async (email: string, into?: number[]) => {
      const started = process.hrtime.bigint();
      const error = await failure(call('users.login', { user: { email, password: 'not the password 42' }, clientIp: null }));
      into?.push(Number(process.hrtime.bigint() - started) / 1e6);
      return error;
    };
    // One of each first, unmeasured: JIT and connection warm-up.
    const [w0, u0] = [await attempt(accounts[0].email), await attempt(`nobody_${id()}@example.com`)];
    assert.deepEqual([w0.code, w0.fields], [u0.code, u0.fields]);
    assert.equal(w0.message, u0.message);
    for (let i = 1; i <= TIMING_ROUNDS; i++) {
      // Alternate the order so drift in machine load falls on both paths.
      if (i % 2) {
        await attempt(accounts[i].email, wrong);
        await attempt(`nobody_${id()}@example.com`, unknown);
      } else {
        await attempt(`nobody_${id()}@example.com`, unknown);
        await attempt(accounts[i].email, wrong);
      }
    }
    const ratio = median(unknown) / median(wrong);
    console.log(
      `login timing (ms): wrong password ${wrong.map((t) => t.toFixed(1)).join(', ')} (median ${median(wrong).toFixed(1)}); ` +
        `unknown email ${unknown.map((t) => t.toFixed(1)).join(', ')} (median ${median(unknown).toFixed(1)}); ratio ${ratio.toFixed(2)}`,
    );
    assert.ok(ratio > 1 / TIMING_FACTOR && ratio < TIMING_FACTOR, `unknown/wrong = ${ratio.toFixed(2)}`);
  });

  it(`locks an account after ${ACCOUNT_FAILURES} failed sign-ins, known or not, with retryAfter; a success clears the count`, async () => {
    const user = await register('locked');
    const ghost = `ghost_${id()}@example.com`;
    for (const email of [user.email, ghost]) {
      for (let i = 0; i < ACCOUNT_FAILURES; i++) {
        assert.equal((await failure(call('users.login', { user: { email, password: 'wrong password 1' }, clientIp: null }))).code, 'AUTH.INVALID_CREDENTIALS');
      }
    }
    const locked = await failure(call('users.login', { user: { email: user.email.toUpperCase(), password: user.password }, clientIp: null }));
    const ghostLocked = await failure(call('users.login', { user: { email: ghost, password: 'wrong password 1' }, clientIp: null }));
    assert.equal(locked.code, 'AUTH.TOO_MANY_ATTEMPTS');
    assert.deepEqual([ghostLocked.code, Object.keys(ghostLocked.fields ?? {})], [locked.code, Object.keys(locked.fields ?? {})]);
    assert.ok(locked.retryAfter! > 800 && locked.retryAfter! <= 900, `retryAfter ${locked.retryAfter}`);

    const other = await register('unlocked');
    for (let i = 0; i < ACCOUNT_FAILURES - 1; i++) {
      await failure(call('users.login', { user: { email: other.email, password: 'wrong password 1' }, clientIp: null }));
    }
    await call('users.login', { user: { email: other.email, password: other.password }, clientIp: null });
    for (let i = 0; i < ACCOUNT_FAILURES - 1; i++) {
      await failure(call('users.login', { user: { email: other.email, password: 'wrong password 1' }, clientIp: null }));
    }
    await call('users.login', { user: { email: other.email, password: other.password }, clientIp: null });
  });

  it('limits sign-ups and sign-ins per client IP, each IP on its own', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < SIGNUP_PER_IP; i++) await register('fromip', ip);
    const refused = await failure(register('fromip', ip));
    assert.equal(refused.code, 'REQUEST.RATE_LIMITED');
    assert.ok(refused.retryAfter! > 3500 && refused.retryAfter! <= 3600);
    await register('fromip', '203.0.113.8');

    const user = await register('signinip');
    for (let i = 0; i < SIGNIN_PER_IP; i++) await call('users.login', { user: { email: user.email, password: user.password }, clientIp: '198.51.100.9' });
    const tooMany = await failure(call('users.login', { user: { email: user.email, password: user.password }, clientIp: '198.51.100.9' }));
    assert.equal(tooMany.code, 'REQUEST.RATE_LIMITED');
    await call('users.login', { user: { email: user.email, password: user.password }, clientIp: '198.51.100.10' });
  });

  it('refuses a common password with a 422 naming password, at sign-up and on change', async () => {
    const n = id();
    const error = await failure(call('users.register', { user: { username: `common_${n}`, email: `common_${n}@example.com`, password: 'Password123' }, clientIp: null }));
    assert.deepEqual([error.code, Object.keys(error.fields ?? {})], ['REQUEST.INVALID', ['password']]);
    const user = await register('changer');
    const change = await failure(call('users.update-current', { actor: actorOf(user), token: user.token, user: { password: 'IloveYou1' } }));
    assert.deepEqual(Object.keys(change.fields ?? {}), ['password']);
  });

  it('publishes registered and updated events with public fields only', async () => {
    const user = await register('evented');
    const actor = actorOf(user);
    await call('users.update-current', { actor, token: user.token, user: { bio: 'Covers the courts', email: `moved_${id()}@example.com` } });
    const [registered] = await outbox('users.user.registered.v1', actor.userId);
    const updates = await outbox('users.user.updated.v1', actor.userId);
    assert.deepEqual(Object.keys(registered).sort(), ['bio', 'image', 'registeredAt', 'roles', 'userId', 'username']);
    assert.equal(updates.length, 1);
    assert.deepEqual(Object.keys(updates[0]).sort(), ['bio', 'image', 'updatedAt', 'userId', 'username']);
    assert.equal(updates[0].bio, 'Covers the courts');
  });

  it('revokes earlier tokens on logout and on a new password, never the token issued after', async () => {
    const user = await register('revoker');
    const actor = actorOf(user);
    const before = await call('users.token-status', { userId: actor.userId });
    assert.deepEqual([before.exists, before.status], [true, 'active']);
    assert.ok(before.validAfterMs <= (decodeJwt(user.token).iat_ms as number));

    const { validAfterMs } = await call('users.logout', { actor });
    assert.ok(validAfterMs > (decodeJwt(user.token).iat_ms as number));
    assert.equal((await call('users.token-status', { userId: actor.userId })).validAfterMs, validAfterMs);
    assert.equal((await outbox('users.user.sessions-revoked.v1', actor.userId))[0].reason, 'logout');

    // Signing in again within the same second must give a token that survives the revocation.
    const again = await call('users.login', { user: { email: user.email, password: user.password }, clientIp: null });
    assert.ok((decodeJwt(again.user.token).iat_ms as number) >= validAfterMs);

    const changed = await call('users.update-current', { actor, token: again.user.token, user: { password: 'a brand new pass phrase' } });
    const status = await call('users.token-status', { userId: actor.userId });
    assert.ok(status.validAfterMs > (decodeJwt(again.user.token).iat_ms as number));
    assert.ok((decodeJwt(changed.user.token).iat_ms as number) >= status.validAfterMs);
    assert.equal((await outbox('users.user.sessions-revoked.v1', actor.userId)).at(-1)!.reason, 'password-changed');

    const gone = await call('users.token-status', { userId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(gone.exists, false);
  });

  it('makes ADMIN_EMAILS admins at sign-up; admins set roles and standing, others get 403', async () => {
    const n = id();
    const { user: admin } = await call('users.register', {
      user: { username: `boss_${n}`, email: adminEmail.replace('boss', 'Boss'), password: `pass phrase ${n}` },
      clientIp: null,
    });
    const adminActor = actorOf(admin);
    assert.deepEqual(adminActor.roles, ['reader', 'admin']);
    const target = await register('target');
    const targetActor = actorOf(target);

    const forbidden = await failure(call('users.set-roles', { actor: targetActor, username: admin.username, body: { roles: ['admin'] } }));
    assert.equal(forbidden.code, 'AUTH.FORBIDDEN');
    // A forged actor claiming admin changes nothing: the database decides.
    const forged = await failure(call('users.set-roles', { actor: { ...targetActor, roles: ['reader', 'admin'] }, username: target.username, body: { roles: ['admin'] } }));
    assert.equal(forged.code, 'AUTH.FORBIDDEN');

    const invalid = await failure(call('users.set-roles', { actor: adminActor, username: target.username, body: { roles: ['overlord'] } }));
    assert.deepEqual(Object.keys(invalid.fields ?? {}), ['roles']);

    const validBefore = (await call('users.token-status', { userId: targetActor.userId })).validAfterMs;
    const granted = await call('users.set-roles', { actor: adminActor, username: target.username, body: { roles: ['editor', 'author'] } });
    assert.deepEqual(granted.account.roles, ['reader', 'author', 'editor']);
    assert.equal((await call('users.token-status', { userId: targetActor.userId })).validAfterMs, validBefore, 'a grant revokes nothing');
    const next = await call('users.login', { user: { email: target.email, password: target.password }, clientIp: null });
    assert.deepEqual(decodeJwt(next.user.token).roles, ['reader', 'author', 'editor']);

    await call('users.set-roles', { actor: adminActor, username: target.username, body: { roles: ['author'] } });
    assert.ok((await call('users.token-status', { userId: targetActor.userId })).validAfterMs > validBefore, 'a removal revokes');
    const roleEvents = await outbox('users.user.role-changed.v1', targetActor.userId);
    assert.deepEqual(roleEvents.map((e) => e.roles), [['reader', 'author', 'editor'], ['reader', 'author']]);

    const self = await failure(call('users.set-roles', { actor: adminActor, username: admin.username, body: { roles: [] } }));
    assert.equal(self.code, 'REQUEST.INVALID');

    const until = new Date(Date.now() + 3600_000).toISOString();
    const suspended = await call('users.set-status', { actor: adminActor, username: target.username, body: { status: 'suspended', until, reason: 'spam' } });
    assert.deepEqual(suspended.account, { username: target.username, roles: ['reader', 'author'], status: 'suspended', suspendedUntil: until, suspensionReason: 'spam' });
    const standing = await call('users.token-status', { userId: targetActor.userId });
    assert.deepEqual([standing.status, standing.suspendedUntil, standing.suspensionReason], ['suspended', until, 'spam']);
    const [event] = await outbox('users.user.suspended.v1', targetActor.userId);
    assert.deepEqual([event.status, event.until, event.reason, event.changedBy], ['suspended', until, 'spam', adminActor.userId]);
    const past = await failure(call('users.set-status', { actor: adminActor, username: target.username, body: { status: 'suspended', until: '2001-01-01T00:00:00Z' } }));
    assert.deepEqual(Object.keys(past.fields ?? {}), ['until']);
    const unknownField = await failure(call('users.set-status', { actor: adminActor, username: target.username, body: { status: 'banned', forever: true } }));
    assert.deepEqual(Object.keys(unknownField.fields ?? {}), ['forever']);
    const lifted = await call('users.set-status', { actor: adminActor, username: target.username, body: { status: 'active' } });
    assert.deepEqual([lifted.account.status, lifted.account.suspendedUntil, lifted.account.suspensionReason], ['active', null, null]);
  });

  it('makes existing accounts named by ADMIN_EMAILS admins at boot', async () => {
    const n = id();
    const { user } = await call('users.register', { user: { username: `later_${n}`, email: laterAdminEmail, password: `pass phrase ${n}` }, clientIp: null });
    assert.deepEqual(decodeJwt(user.token).roles, ['reader']);
    await service.close();
    service = await start();
    client = new BusClient(service.bus);
    const { user: after } = await call('users.login', { user: { email: laterAdminEmail, password: `pass phrase ${n}` }, clientIp: null });
    assert.deepEqual(decodeJwt(after.token).roles, ['reader', 'admin']);
    const [event] = await outbox('users.user.role-changed.v1', String(decodeJwt(after.token).sub));
    assert.equal(event.changedBy, 'system');
  });
});
