import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleThreads, MAX_REPLY_DEPTH, placeReply } from './thread.policy';

const node = (path: number[]) => ({ id: path[path.length - 1], parentId: path.length > 1 ? path[path.length - 2] : null, rootId: path[0], path });

describe('placeReply', () => {
  it('nests a reply under its parent while within the depth limit', () => {
    assert.deepEqual(placeReply([1]), { parentPath: [1], parentId: 1, depth: 1 });
    assert.deepEqual(placeReply([1, 5]), { parentPath: [1, 5], parentId: 5, depth: 2 });
    assert.deepEqual(placeReply([1, 5, 9]), { parentPath: [1, 5, 9], parentId: 9, depth: 3 });
  });

  it('attaches a too-deep reply to the deepest allowed ancestor', () => {
    assert.equal(MAX_REPLY_DEPTH, 3);
    assert.deepEqual(placeReply([1, 5, 9, 12]), { parentPath: [1, 5, 9], parentId: 9, depth: 3 });
    assert.deepEqual(placeReply([1, 5]), { parentPath: [1, 5], parentId: 5, depth: 2 });
    assert.deepEqual(placeReply([1, 5, 9], 1), { parentPath: [1], parentId: 1, depth: 1 });
  });

  it('refuses an empty parent path', () => {
    assert.throws(() => placeReply([]));
  });
});

describe('assembleThreads', () => {
  it('puts each root before its replies, depth first and oldest first', () => {
    const roots = [node([10]), node([2])];
    const replies = [node([2, 7]), node([10, 11, 15]), node([10, 12]), node([10, 11]), node([2, 3])];
    assert.deepEqual(
      assembleThreads(roots, replies).map((c) => c.id),
      [10, 11, 15, 12, 2, 3, 7],
    );
  });

  it('leaves out replies whose parent is not shown, and their replies', () => {
    const roots = [node([1])];
    const replies = [node([1, 4, 6]), node([1, 5])]; // 4 is hidden
    assert.deepEqual(assembleThreads(roots, replies).map((c) => c.id), [1, 5]);
  });

  it('drops replies of roots not on the page', () => {
    assert.deepEqual(assembleThreads([node([1])], [node([9, 10])]).map((c) => c.id), [1]);
  });
});
