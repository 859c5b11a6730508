import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCommonPasswords, PasswordRules } from './password.policy';

describe('password rules', () => {
  const rules = new PasswordRules(10, new Set(['correcthorse', 'password123']));

  it('accepts a long uncommon password with no composition rules', () => {
    assert.deepEqual(rules.problems('all lower case words'), []);
  });

  it('enforces the configured minimum and the 128 maximum', () => {
    assert.match(rules.problems('short1234')[0], /too short \(at least 10/);
    assert.deepEqual(rules.problems('a'.repeat(128)), []);
    assert.match(rules.problems('a'.repeat(129))[0], /too long \(at most 128/);
  });

  it('counts code points, not UTF-16 units', () => {
    assert.deepEqual(rules.problems('🐉'.repeat(10)), []);
    assert.match(rules.problems('🐉'.repeat(9))[0], /too short/);
  });

  it('refuses listed passwords case-insensitively', () => {
    assert.match(rules.problems('PassWord123')[0], /too common/);
    assert.match(rules.problems('CORRECTHORSE')[0], /too common/);
  });

  it('refuses the username or email as the password', () => {
    const owner = { username: 'Reporter_Jane', email: 'jane.doe.reports@example.com' };
    assert.match(rules.problems('reporter_jane', owner)[0], /username or email/);
    assert.match(rules.problems('JANE.DOE.REPORTS', owner)[0], /username or email/);
    assert.deepEqual(rules.problems('reporter jane writes', owner), []);
  });
});

describe('shipped common-password list', () => {
  const list = loadCommonPasswords();

  it('holds about ten thousand lower-case entries of at least 8 characters', () => {
    assert.ok(list.size >= 9000, `only ${list.size} entries`);
    for (const entry of list) {
      assert.equal(entry, entry.toLowerCase());
      assert.ok(entry.length >= 8, entry);
    }
  });

  it('contains the passwords every leaked list ranks near the top', () => {
    for (const p of ['password', '12345678', 'qwertyuiop', 'iloveyou', 'sunshine', 'football', 'password1', '1qaz2wsx', 'trustno1', 'baseball']) {
      assert.ok(list.has(p), p);
    }
  });

  it('is parsed once', () => {
    assert.equal(loadCommonPasswords(), list);
  });
});
