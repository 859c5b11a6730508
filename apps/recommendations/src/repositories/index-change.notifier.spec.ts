import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeIndexChange, encodeIndexChange, type IndexChange } from './index-change.notifier';

describe('index change notices', () => {
  it('decode what they encode', () => {
    const changes: IndexChange[] = [
      { kind: 'article', articleId: 'a-1' },
      { kind: 'engagement', articleId: 'a:1', userId: 'u-1' },
      { kind: 'engagement', articleId: 'a-1', userId: 'u-2', engaged: true },
      { kind: 'reload' },
    ];
    for (const change of changes) assert.deepEqual(decodeIndexChange(encodeIndexChange(change)), change);
    assert.equal(encodeIndexChange({ kind: 'engagement', articleId: 'a', userId: 'u', engaged: true }), 'e+:a:u');
    assert.equal(decodeIndexChange('x:whatever'), undefined);
  });
});
