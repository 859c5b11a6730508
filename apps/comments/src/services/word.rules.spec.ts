import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWordList, WordRules } from './word.rules';

const rules = new WordRules({ banned: ['darn', 'total scam'], suspect: ['casino'], linksNeedReview: true });

describe('word rules', () => {
  it('accepts ordinary text', () => {
    assert.deepEqual(rules.screen('A thoughtful reply about the budget.'), { outcome: 'accept' });
  });

  it('refuses a banned word or phrase, whole words only, case and width folded', () => {
    assert.deepEqual(rules.screen('Well DARN it'), { outcome: 'reject', rule: 'banned-word', match: 'darn' });
    assert.equal(rules.screen('this is a total   scam').outcome, 'reject');
    assert.equal(rules.screen('ＤＡＲＮ').outcome, 'reject');
    assert.equal(rules.screen('darnation is not the word').outcome, 'accept');
  });

  it('queues suspect words and links, banned words winning', () => {
    assert.deepEqual(rules.screen('best casino odds'), { outcome: 'review', rule: 'suspect-word', match: 'casino' });
    assert.equal(rules.screen('see https://example.test/x').outcome, 'review');
    assert.deepEqual(rules.screen('go to www.spam.test now'), { outcome: 'review', rule: 'link', match: 'www.spam.test' });
    assert.equal(rules.screen('visit cheap-pills.com').outcome, 'review');
    assert.equal(rules.screen('darn casino').outcome, 'reject');
  });

  it('lets links through when the site does not review them', () => {
    const open = new WordRules({ banned: [], suspect: [], linksNeedReview: false });
    assert.deepEqual(open.screen('https://example.com'), { outcome: 'accept' });
  });

  it('parses comma-separated configuration', () => {
    assert.deepEqual(parseWordList(' Foo, bar baz ,,foo'), ['foo', 'bar baz']);
    assert.deepEqual(parseWordList(''), []);
  });

  it('treats regex characters in terms literally', () => {
    const literal = new WordRules({ banned: ['a.b'], suspect: [], linksNeedReview: false });
    assert.equal(literal.screen('axb').outcome, 'accept');
    assert.equal(literal.screen('a.b').outcome, 'reject');
  });
});
