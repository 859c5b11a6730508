import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CommentsConfig } from '../config/comments.config';
import type { CommentEntity } from '../database/entities/comment.entity';
import { CommentRepository, type PostWrite } from './comment.repository';

/** Posts one statement writes at most. */
export const MAX_POST_GROUP = 64;

interface Waiting {
  write: PostWrite;
  resolve(row: CommentEntity | null): void;
  reject(error: unknown): void;
}

/**
 * Writes posts in groups, one group at a time: a post that arrives while a group is being
 * written waits for the next one, and each group is one statement, so one transaction with one
 * commit flush and one NOTIFY for all its posts. An idle writer starts on a post at once, so
 * groups only form under load and add no wait of their own. Each post's promise settles after
 * its group committed. When a group fails, its posts are written again one by one, so a bad post
 * fails alone.
 */
@Injectable()
export class PostWriter implements OnModuleDestroy {
  private queue: Waiting[] = [];
  private writing?: Promise<void>;

  constructor(
    private readonly comments: CommentRepository,
    private readonly config: CommentsConfig,
  ) {}

  /** The comment as written, or null when a concurrent post by the same author took the slot. */
  write(post: PostWrite): Promise<CommentEntity | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write: post, resolve, reject });
      this.pump();
    });
  }

  async onModuleDestroy(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private pump(): void {
    if (this.writing || this.queue.length === 0) return;
    const group = this.take();
    this.writing = this.writeGroup(group).finally(() => {
      this.writing = undefined;
      this.pump();
    });
  }

  /**
   * The next group, in arrival order. While the posting interval is on, a group holds one post
   * per author (the slot upsert may change a row only once per statement); an author's later
   * post waits for the next group, where its slot claim is judged after the first one's.
   */
  private take(): Waiting[] {
    if (this.config.COMMENTS_POST_INTERVAL_MS === 0) return this.queue.splice(0, MAX_POST_GROUP);
    const authors = new Set<string>();
    const group: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const waiting of this.queue) {
      const author = waiting.write.comment.authorId;
      if (group.length < MAX_POST_GROUP && !authors.has(author)) {
        authors.add(author);
        group.push(waiting);
      } else {
        rest.push(waiting);
      }
    }
    this.queue = rest;
    return group;
  }

  private async writeGroup(group: Waiting[]): Promise<void> {
    try {
      await this.settle(group);
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      for (const waiting of group) await this.settle([waiting]).catch((e: unknown) => waiting.reject(e));
    }
  }

  private async settle(group: Waiting[]): Promise<void> {
    const written = await this.comments.postMany(
      group.map((w) => w.write),
      this.config.COMMENTS_POST_INTERVAL_MS,
    );
    for (const waiting of group) waiting.resolve(written.get(waiting.write.comment.id) ?? null);
  }
}
