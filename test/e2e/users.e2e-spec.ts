import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient } from './support/http';
import { startSuite, type Suite } from './support/suite';

describe('users through the gateway (RealWorld)', () => {
  let suite: Suite;
  let api: ReturnType<typeof apiClient>;
  const stamp = Date.now().toString(36);
  const alice = { username: `alice_${stamp}`, email: `Alice_${stamp}@Example.com`, password: 'correct horse battery' };
  const bob = { username: `bob_${stamp}`, email: `bob_${stamp}@example.com`, password: 'another fine passphrase' };
  let aliceToken: string;
  let bobToken: string;

  before(async () => {
    suite = await startSuite({ label: 'users' });
    api = apiClient(suite.api);
  });
  after(() => suite.close());

  it('registers with 201 and a token, email normalised', async () => {
    const res = await api.post('/users', { user: alice });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.user.username, alice.username);
    assert.equal(res.body.user.email, alice.email.toLowerCase());
    assert.equal(res.body.user.bio, null);
    assert.equal(res.body.user.image, null);
    assert.equal(typeof res.body.user.token, 'string');
    aliceToken = res.body.user.token;
    bobToken = (await api.post('/users', { user: bob })).body.user.token;
  });

  it('refuses a taken email or username, case-insensitively, with 422 naming the field', async () => {
    const res = await api.post('/users', { user: { ...alice, email: alice.email.toUpperCase(), username: `x${stamp}` } });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, { errors: { email: ['has already been taken'] } });
    const res2 = await api.post('/users', { user: { ...alice, email: `other_${stamp}@example.com`, username: alice.username.toUpperCase() } });
    assert.deepEqual(res2.body, { errors: { username: ['has already been taken'] } });
  });

  it('names every bad field, refuses unknown fields and a missing wrapper', async () => {
    const res = await api.post('/users', { user: { username: 'a', email: 'nope', password: 'short', admin: true } });
    assert.equal(res.status, 422);
    assert.deepEqual(Object.keys(res.body.errors).sort(), ['admin', 'email', 'password', 'username']);
    const missing = await api.post('/users', { username: 'x' });
    assert.equal(missing.status, 422);
    assert.ok(missing.body.errors.user);
  });

  it('signs in with 200, and answers a wrong password and an unknown email alike', async () => {
    const ok = await api.post('/users/login', { user: { email: alice.email, password: alice.password } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.user.username, alice.username);
    const wrong = await api.post('/users/login', { user: { email: alice.email, password: 'not the password' } });
    const unknown = await api.post('/users/login', { user: { email: `nobody_${stamp}@example.com`, password: 'whatever123' } });
    assert.equal(wrong.status, 422);
    assert.deepEqual(wrong.body, unknown.body);
  });

  it('returns and updates the current user, with Token or Bearer', async () => {
    const me = await api.get('/user', { token: aliceToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.token, aliceToken);
    const bearer = await api.get('/user', { headers: { authorization: `Bearer ${aliceToken}` } });
    assert.equal(bearer.status, 200);
    const updated = await api.put('/user', { user: { bio: 'Reads the news', image: 'https://example.com/a.png' } }, { token: aliceToken });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.user.bio, 'Reads the news');
    const badImage = await api.put('/user', { user: { image: 'javascript:alert(1)' } }, { token: aliceToken });
    assert.equal(badImage.status, 422);
    assert.ok(badImage.body.errors.image);
  });

  it('requires a token for the current user (401)', async () => {
    const res = await api.get('/user');
    assert.equal(res.status, 401);
    assert.ok(res.body.errors.token);
    const garbage = await api.get('/user', { token: 'not.a.jwt' });
    assert.equal(garbage.status, 401);
  });

  it('shows profiles and follows with 200', async () => {
    const anon = await api.get(`/profiles/${bob.username}`);
    assert.equal(anon.status, 200);
    assert.deepEqual(anon.body, { profile: { username: bob.username, bio: null, image: null, following: false } });
    const follow = await api.post(`/profiles/${bob.username}/follow`, undefined, { token: aliceToken });
    assert.equal(follow.status, 200);
    assert.equal(follow.body.profile.following, true);
    const seen = await api.get(`/profiles/${bob.username}`, { token: aliceToken });
    assert.equal(seen.body.profile.following, true);
    const unfollow = await api.delete(`/profiles/${bob.username}/follow`, { token: aliceToken });
    assert.equal(unfollow.status, 200);
    assert.equal(unfollow.body.profile.following, false);
    const missing = await api.get(`/profiles/nobody_${stamp}`);
    assert.equal(missing.status, 404);
    assert.ok(bobToken);
  });
});
