import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { READING_WORDS_PER_MINUTE, readingTimeMinutes, wordCount } from './reading-time.rules';

describe('wordCount', () => {
  it('counts words, not markdown syntax or link targets', () => {
    assert.equal(wordCount('## Heading here\n\nSee [the report](https://example.com/a-b-c) now.'), 6);
    assert.equal(wordCount("The mayor's plan — approved."), 4);
    assert.equal(wordCount(''), 0);
  });
});

describe('readingTimeMinutes', () => {
  it('is at least one minute', () => {
    assert.equal(readingTimeMinutes(''), 1);
    assert.equal(readingTimeMinutes('Short.'), 1);
  });

  it('rounds up whole minutes at the reading speed', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    assert.equal(readingTimeMinutes(words(READING_WORDS_PER_MINUTE)), 1);
    assert.equal(readingTimeMinutes(words(READING_WORDS_PER_MINUTE + 1)), 2);
    assert.equal(readingTimeMinutes(words(READING_WORDS_PER_MINUTE * 5)), 5);
  });
});
