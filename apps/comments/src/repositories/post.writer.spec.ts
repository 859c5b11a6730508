import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommentsConfig } from '../config/comments.config';
import type { CommentEntity } from '../database/entities/comment.entity';
import type { CommentRepository, PostWrite } from './comment.repository';
import { PostWriter } from './post.writer';

let nextId = 1;
function post(authorId: string, body = 'hello'): PostWrite {
  const id = nextId++;
  return {
    comment: { id, articleId: 'a', authorId, parentId: null, parentPath: [], depth: 0, body, visibility: 'visible', createdAt: new Date() },
    event: { envelope: {} as never, values: [`e${id}`, 'comments.comment.created.v1', '{}'] },
    queued: null,
  };
}

/** A repository whose writes take a tick, recording each group; a group holding a 'bad' body fails. */
function stubRepository(options: { refuse?: Set<number> } = {}) {
  const groups: number[][] = [];
  const repository = {
    async postMany(posts: readonly PostWrite[]): Promise<Map<number, CommentEntity>> {
      groups.push(posts.map((p) => p.comment.id));
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (posts.some((p) => p.comment.body === 'bad')) throw new Error('bad post');
      const written = posts.filter((p) => !options.refuse?.has(p.comment.id));
      return new Map(written.map((p) => [p.comment.id, { id: p.comment.id } as CommentEntity]));
    },
  };
  return { repository: repository as unknown as CommentRepository, groups };
}

const config = (intervalMs: number) => ({ COMMENTS_POST_INTERVAL_MS: intervalMs }) as CommentsConfig;

describe('PostWriter', () => {
  it('writes a post at once when idle, and the posts that arrive meanwhile as one group', async () => {
    const { repository, groups } = stubRepository();
    const writer = new PostWriter(repository, config(0));
    const posts = [post('u1'), post('u1'), post('u2'), post('u3')];
    const rows = await Promise.all(posts.map((p) => writer.write(p)));
    assert.deepEqual(rows.map((r) => r?.id), posts.map((p) => p.comment.id));
    assert.deepEqual(groups, [[posts[0].comment.id], posts.slice(1).map((p) => p.comment.id)]);
  });

  it('keeps one post per author in a group while the posting interval is on', async () => {
    const { repository, groups } = stubRepository();
    const writer = new PostWriter(repository, config(3000));
    const posts = [post('u0'), post('u1'), post('u1'), post('u2'), post('u1')];
    await Promise.all(posts.map((p) => writer.write(p)));
    const ids = posts.map((p) => p.comment.id);
    assert.deepEqual(groups, [[ids[0]], [ids[1], ids[3]], [ids[2]], [ids[4]]]);
  });

  it('answers null for a post that lost its slot', async () => {
    const refused = post('u1');
    const { repository } = stubRepository({ refuse: new Set([refused.comment.id]) });
    const writer = new PostWriter(repository, config(0));
    assert.equal(await writer.write(refused), null);
  });

  it('writes a failed group again one post at a time, so only the bad post fails', async () => {
    const { repository, groups } = stubRepository();
    const writer = new PostWriter(repository, config(0));
    const posts = [post('u0'), post('u1'), post('u2', 'bad'), post('u3')];
    const results = await Promise.allSettled(posts.map((p) => writer.write(p)));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const ids = posts.map((p) => p.comment.id);
    assert.deepEqual(groups, [[ids[0]], ids.slice(1), [ids[1]], [ids[2]], [ids[3]]]);
  });
});
