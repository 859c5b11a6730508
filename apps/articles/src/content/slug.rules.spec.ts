import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FALLBACK_SLUG, SLUG_MAX_LENGTH, slugCandidate, slugCollisionPrefix, slugify } from './slug.rules';

describe('slugify', () => {
  it('lower-cases and joins words with dashes', () => {
    assert.equal(slugify('How to Train Your Dragon'), 'how-to-train-your-dragon');
    assert.equal(slugify('  Rates rise: 0.25% — again!  '), 'rates-rise-0-25-again');
  });

  it('drops apostrophes inside words', () => {
    assert.equal(slugify("The mayor's plan"), 'the-mayors-plan');
  });

  it('transliterates non-ASCII titles', () => {
    assert.equal(slugify('Überschwemmung in Köln'), 'uberschwemmung-in-koln');
    assert.equal(slugify('Москва сегодня'), 'moskva-segodnya');
    assert.equal(slugify('北京'), 'beijing');
  });

  it('falls back when nothing is left', () => {
    assert.equal(slugify('!!! ???'), FALLBACK_SLUG);
  });

  it('never exceeds the maximum and never ends with a dash', () => {
    const slug = slugify(`${'word '.repeat(100)}end`);
    assert.ok(slug.length <= SLUG_MAX_LENGTH);
    assert.ok(!slug.endsWith('-'));
  });
});

describe('slugCandidate', () => {
  it('is the base first, then suffixed', () => {
    assert.equal(slugCandidate('budget-vote', 1), 'budget-vote');
    assert.equal(slugCandidate('budget-vote', 2), 'budget-vote-2');
    assert.equal(slugCandidate('budget-vote', 13), 'budget-vote-13');
  });

  it('cuts a long base so the suffixed slug still fits', () => {
    const base = 'a'.repeat(SLUG_MAX_LENGTH);
    const candidate = slugCandidate(base, 100);
    assert.equal(candidate.length, SLUG_MAX_LENGTH);
    assert.ok(candidate.endsWith('-100'));
  });

  it('shares the collision prefix with every candidate', () => {
    const base = slugify('x'.repeat(300));
    for (const n of [1, 2, 999, 123456]) assert.ok(slugCandidate(base, n).startsWith(slugCollisionPrefix(base)));
  });
});
