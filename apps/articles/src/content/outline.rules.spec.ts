import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outlineOf } from './outline.rules';

describe('outlineOf', () => {
  it('lists ATX headings in order with levels and anchors', () => {
    const body = '# Storm hits coast\n\nLead.\n\n## What happened\n\nText.\n\n### Timeline ###\n\n## What comes next';
    assert.deepEqual(outlineOf(body), [
      { level: 1, text: 'Storm hits coast', id: 'storm-hits-coast' },
      { level: 2, text: 'What happened', id: 'what-happened' },
      { level: 3, text: 'Timeline', id: 'timeline' },
      { level: 2, text: 'What comes next', id: 'what-comes-next' },
    ]);
  });

  it('reads setext headings and strips inline markdown', () => {
    const body = 'The *big* picture\n=================\n\nSee [the report](https://example.com)\n---\n';
    assert.deepEqual(outlineOf(body), [
      { level: 1, text: 'The big picture', id: 'the-big-picture' },
      { level: 2, text: 'See the report', id: 'see-the-report' },
    ]);
  });

  it('ignores headings inside code fences, deep headings and hashes without a space', () => {
    const body = '```\n# not a heading\n```\n#hashtag\n#### Too deep\n## Real';
    assert.deepEqual(outlineOf(body), [{ level: 2, text: 'Real', id: 'real' }]);
  });

  it('makes repeated anchors unique', () => {
    const ids = outlineOf('## Reaction\n## Reaction\n## Reaction').map((e) => e.id);
    assert.deepEqual(ids, ['reaction', 'reaction-1', 'reaction-2']);
  });

  it('keeps non-ASCII letters in anchors', () => {
    assert.deepEqual(outlineOf('## Réaction à Genève'), [{ level: 2, text: 'Réaction à Genève', id: 'réaction-à-genève' }]);
  });

  it('is empty for a body without headings', () => {
    assert.deepEqual(outlineOf('Just a paragraph.\n\n- a list item\n- another'), []);
  });
});
