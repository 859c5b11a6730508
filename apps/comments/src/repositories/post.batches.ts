import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Coalescer } from '@broadsheet/database';
import { CommentsConfig } from '../config/comments.config';
import type { CommentEntity } from '../database/entities/comment.entity';
import { CommentRepository, type PostingContext, type PostingQuery, type PostWrite } from './comment.repository';

/** Posts one statement reads or writes at most. */
export const MAX_POST_BATCH = 64;

/**
 * The post path's two statements, each shared by the posts that arrive together: the reads of
 * concurrent posts go as one query, their writes as one statement (so one transaction, with one
 * commit flush and one NOTIFY). An idle path runs a post's statement at once; while one is in
 * flight the posts arriving meanwhile queue for the next. A post's write settles only after its
 * batch committed, and a batch that fails is run again post by post, so a bad post fails alone.
 */
@Injectable()
export class PostBatches implements OnModuleDestroy {
  private readonly reads: Coalescer<PostingQuery, PostingContext | null>;
  private readonly writes: Coalescer<PostWrite, CommentEntity | null>;

  constructor(comments: CommentRepository, config: CommentsConfig) {
    const intervalMs = config.COMMENTS_POST_INTERVAL_MS;
    const duplicateSeconds = config.COMMENTS_DUPLICATE_WINDOW_SECONDS;
    this.reads = new Coalescer((queries) => comments.postingContexts(queries, intervalMs, duplicateSeconds), { maxBatch: MAX_POST_BATCH });
    this.writes = new Coalescer(
      async (posts) => {
        const written = await comments.postMany(posts, intervalMs);
        return posts.map((p) => written.get(p.comment.id) ?? null);
      },
      {
        maxBatch: MAX_POST_BATCH,
        // While the posting interval is on, one post per author per statement: the slot upsert may
        // change a row only once per statement. A later post waits for the next batch, where its
        // slot claim is judged after the first one's.
        fits: (post, batch) => intervalMs === 0 || !batch.some((p) => p.comment.authorId === post.comment.authorId),
      },
    );
  }

  /** What the post must know (see `CommentRepository.postingContexts`); null for an unknown slug. */
  context(query: PostingQuery): Promise<PostingContext | null> {
    return this.reads.submit(query);
  }

  /** The comment as written, or null when a concurrent post by the same author took the slot. */
  write(post: PostWrite): Promise<CommentEntity | null> {
    return this.writes.submit(post);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.reads.idle(), this.writes.idle()]);
  }
}
