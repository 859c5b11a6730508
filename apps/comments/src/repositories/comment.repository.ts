import { Injectable } from '@nestjs/common';
import type { CommentView, CommentVisibility, ModerationMode, ReportReason } from '@broadsheet/contracts';
import { isoTimestamp, perLookup, rowsByLookup, StatementTexts, TransactionHost, type LookupParameter } from '@broadsheet/database';
import { Outbox, type OutboxEntry } from '@broadsheet/messaging';
import type { ReplicaStatus } from '../database/entities/article-replica.entity';
import type { CommentEntity } from '../database/entities/comment.entity';
import type { CommentCursor } from '../services/cursor.codec';

const COLUMNS = `c.id, c.article_id AS "articleId", c.author_id AS "authorId", c.parent_id AS "parentId", c.root_id AS "rootId",
  c.path, c.depth, c.body, c.visibility, c.featured, c.likes_count AS "likesCount", c.replies_count AS "repliesCount",
  c.open_reports AS "openReports", c.reject_reason AS "rejectReason", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  c.edited_at AS "editedAt", c.deleted_at AS "deletedAt", c.deleted_by AS "deletedBy"`;

/**
 * What a reader may see: visible comments, their own pending ones, and the placeholder of a
 * deleted comment that still has replies. `$1` is the viewer's id or null.
 */
const LISTABLE = `(c.visibility = 'visible' OR (c.visibility = 'pending' AND c.author_id = $1::uuid))
  AND (c.deleted_at IS NULL OR c.replies_count > 0)`;

/** Whether the viewer (`$1`, or null) liked the comment. */
const LIKED = `($1::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM comment_likes l WHERE l.comment_id = c.id AND l.user_id = $1::uuid)) AS liked`;

/** Keyset order and the condition that starts after a cursor, per sort. */
const ROOT_ORDER: Record<CommentCursor['sort'], { order: string; after: string }> = {
  newest: { order: 'c.id DESC', after: 'c.id < $4' },
  oldest: { order: 'c.id ASC', after: 'c.id > $4' },
  top: { order: 'c.featured DESC, c.likes_count DESC, c.id DESC', after: '(c.featured, c.likes_count, c.id) < ($5::boolean, $6::int, $4::int)' },
};

/** What a list needs of its article. */
export interface ListedArticle {
  id: string;
  status: ReplicaStatus;
  publishedAt: Date | null;
  commentsCount: number;
}

/** A listed comment as readers see it (`CommentView`), with what threading needs. */
export type ListedComment = CommentView & Pick<CommentEntity, 'rootId' | 'path'>;

/**
 * `toCommentView` in SQL, with the viewer's like (`$1`): dates come as the text the view
 * sends, so a list parses no dates, and a deleted comment's body and author are blanked here.
 */
const VIEW_COLUMNS = `c.id, ${isoTimestamp('c.created_at')} AS "createdAt", ${isoTimestamp('c.updated_at')} AS "updatedAt",
  CASE WHEN c.deleted_at IS NULL THEN c.body ELSE '' END AS body,
  CASE WHEN c.deleted_at IS NULL THEN c.author_id END AS "authorId", c.parent_id AS "parentId", c.depth,
  c.visibility AS status, c.deleted_at IS NOT NULL AS deleted, ${isoTimestamp('c.edited_at')} AS "editedAt", c.featured,
  c.likes_count AS "likesCount", ${LIKED}, c.replies_count AS "repliesCount"`;
/** What threading needs besides the view. */
const THREAD_COLUMNS = `${VIEW_COLUMNS}, c.root_id AS "rootId", c.path`;

/**
 * The article a list reads (`$2` is its slug, current or earlier) with its count of visible
 * comments (kept by triggers: migration 1764400000000). Its fields ride on the list's rows (as
 * text: no date parsing).
 */
const LISTED_ARTICLE = `SELECT a.id, a.status, to_json(a.published_at) #>> '{}' AS published_at, a.comments_count
    FROM article_slugs s JOIN articles a ON a.id = s.article_id WHERE s.slug = $2`;
const LISTED_COLUMNS = `art.id AS "listedArticleId", art.status AS "listedStatus", art.published_at AS "listedPublishedAt",
  art.comments_count AS "listedCount"`;
type ListingRow = CommentView & { listedArticleId: string; listedStatus: ReplicaStatus; listedPublishedAt: string | null; listedCount: number };

/** The parameters of a list's lookup (`$1`…`$3`), and of a page of threads (then its cursor's). */
const LIST_PARAMETERS = [
  ['viewer', 'uuid'],
  ['slug', 'text'],
  ['lim', 'int'],
] as const;
const CURSOR_PARAMETERS: Record<CommentCursor['sort'], LookupParameter[]> = {
  newest: [['after_id', 'int']],
  oldest: [['after_id', 'int']],
  top: [
    ['after_id', 'int'],
    ['after_featured', 'boolean'],
    ['after_likes', 'int'],
  ],
};

/**
 * The RealWorld list's statement (fixed text, built once), for many lookups at once
 * (`perLookup`). The article's fields come on each lookup's first row only: the others carry
 * nulls, which cost nothing to parse.
 */
const FIRST_ROW = `row_number() OVER (ORDER BY c.id DESC) = 1`;
const LISTING = perLookup(
  `WITH art AS MATERIALIZED (${LISTED_ARTICLE})
  SELECT CASE WHEN ${FIRST_ROW} THEN art.id END AS "listedArticleId",
         CASE WHEN ${FIRST_ROW} THEN art.status END AS "listedStatus",
         CASE WHEN ${FIRST_ROW} THEN art.published_at END AS "listedPublishedAt",
         CASE WHEN ${FIRST_ROW} THEN art.comments_count END AS "listedCount", c.*
    FROM art LEFT JOIN LATERAL (
           SELECT ${VIEW_COLUMNS} FROM comments c WHERE c.article_id = art.id AND ${LISTABLE} ORDER BY c.id DESC LIMIT $3
         ) c ON true`,
  LIST_PARAMETERS,
  't.id DESC',
);

/**
 * The statement of a page of threads in `sort` order, after a cursor or from the start, for many
 * lookups at once (`perLookup`); each of the six variants is built once.
 */
const THREADS_STATEMENTS = new StatementTexts();
function threadsStatement(sort: CommentCursor['sort'], afterCursor: boolean): string {
  return THREADS_STATEMENTS.get(`${sort}:${afterCursor}`, () => {
    const { order, after } = ROOT_ORDER[sort];
    return perLookup(
      `WITH art AS MATERIALIZED (${LISTED_ARTICLE}),
            roots AS MATERIALIZED (
              SELECT ${THREAD_COLUMNS}, row_number() OVER (ORDER BY ${order}) AS ord
                FROM comments c
               WHERE c.article_id = (SELECT id FROM art) AND c.depth = 0 AND ${LISTABLE} ${afterCursor ? `AND ${after}` : ''}
               ORDER BY ${order} LIMIT $3)
       SELECT ${LISTED_COLUMNS}, x.*
         FROM art LEFT JOIN LATERAL (
                SELECT r.*, 0 AS kind FROM roots r
                UNION ALL
                SELECT ${THREAD_COLUMNS}, 0::bigint AS ord, 1 AS kind
                  FROM comments c WHERE c.root_id IN (SELECT id FROM roots) AND c.depth > 0 AND ${LISTABLE}
              ) x ON true`,
      afterCursor ? [...LIST_PARAMETERS, ...CURSOR_PARAMETERS[sort]] : LIST_PARAMETERS,
      't.kind, t.ord',
    );
  });
}

/** One lookup of the RealWorld list (`CommentRepository.listings`). */
export interface ListingLookup {
  slug: string;
  viewerId: string | null;
  limit: number;
}

/** The RealWorld list: its article and comments. */
export interface Listing {
  article: ListedArticle;
  comments: CommentView[];
}

type TopCursor = Extract<CommentCursor, { sort: 'top' }>;

/** One lookup of a page of threads (`CommentRepository.threadPages`). */
export interface ThreadsLookup extends ListingLookup {
  sort: CommentCursor['sort'];
  cursor: CommentCursor | null;
}

/** A page of threads: its article, its top-level comments and their replies. */
export interface Threads {
  article: ListedArticle;
  roots: ListedComment[];
  replies: ListedComment[];
}

/** Whether two lookups of pages of threads can share one statement. */
export function sameThreadsStatement(a: ThreadsLookup, b: ThreadsLookup): boolean {
  return a.sort === b.sort && (a.cursor === null) === (b.cursor === null);
}

function listedArticle(row: ListingRow): ListedArticle {
  return {
    id: row.listedArticleId,
    status: row.listedStatus,
    publishedAt: row.listedPublishedAt === null ? null : new Date(row.listedPublishedAt),
    commentsCount: row.listedCount,
  };
}

/** A post to be checked: who posts what, where. */
export interface PostingQuery {
  slug: string;
  userId: string;
  parentId: number | null;
  body: string;
}

/** Everything the post path must know, read in one round trip. */
export interface PostingContext {
  articleId: string;
  articleAuthorId: string;
  status: ReplicaStatus;
  publishedAt: Date | null;
  moderationMode: ModerationMode | null;
  sanction: 'suspended' | 'banned' | null;
  sanctionUntil: Date | null;
  /** The author's last post, when the per-user interval is on. */
  lastPostedAt: Date | null;
  parentPath: number[] | null;
  parentArticleId: string | null;
  parentVisibility: CommentVisibility | null;
  parentDeletedAt: Date | null;
  /** When the same body was last posted by this user within the duplicate window. */
  duplicateAt: Date | null;
  /** The id the new comment takes (drawn from its sequence: a refused post leaves a gap). */
  commentId: number;
  /** The database's time of the read: the new comment's creation time. */
  now: Date;
}

export interface NewComment {
  id: number;
  articleId: string;
  authorId: string;
  parentId: number | null;
  parentPath: number[];
  depth: number;
  body: string;
  visibility: CommentVisibility;
  createdAt: Date;
}

/** The moderation audit entry a comment that waits for a moderator is queued with. */
export interface QueuedAudit {
  reasonCode: string;
  details: string | null;
}

/** A post ready to write: the comment, its outbox event, and its audit entry when it is queued. */
export interface PostWrite {
  comment: NewComment;
  event: OutboxEntry;
  queued: QueuedAudit | null;
}

/** A comment with the article it belongs to, as an action on `/articles/:slug/comments/:id` finds it. */
export interface CommentInArticle {
  comment: CommentEntity;
  articleAuthorId: string;
  articleStatus: ReplicaStatus;
  articlePublishedAt: Date | null;
}

/**
 * Queries on comments, their likes, reports and revisions. Writes that return rows end in a
 * SELECT over a data-modifying CTE, so one statement returns the rows the caller needs.
 */
@Injectable()
export class CommentRepository {
  private sequence?: Promise<string>;

  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
  ) {}

  /**
   * For each query, in one statement: resolves the slug, and reads the author's sanction and
   * last post, the parent and a recent duplicate; draws the new comment's id. Null where the slug
   * is unknown. Reads only: nothing is held, and `postMany` claims the author's posting slot
   * atomically with the insert.
   */
  async postingContexts(queries: readonly PostingQuery[], intervalMs: number, duplicateSeconds: number): Promise<Array<PostingContext | null>> {
    const rows: Array<PostingContext & { position: string }> = await this.tx.rows(
      `SELECT i.position, a.id AS "articleId", a.author_id AS "articleAuthorId", a.status, a.published_at AS "publishedAt",
              a.moderation_mode AS "moderationMode", s.status AS sanction, s.until AS "sanctionUntil",
              CASE WHEN $5::int > 0 THEN (SELECT last_posted_at FROM post_throttle WHERE user_id = i.user_id) END AS "lastPostedAt",
              p.path AS "parentPath", p.article_id AS "parentArticleId", p.visibility AS "parentVisibility", p.deleted_at AS "parentDeletedAt",
              CASE WHEN $6::int > 0 THEN (SELECT max(d.created_at) FROM comments d
                WHERE d.author_id = i.user_id AND d.created_at > now() - $6::int * interval '1 second' AND d.body = i.body) END AS "duplicateAt",
              nextval(${await this.idSequence()}) AS "commentId", now() AS now
         FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[]) WITH ORDINALITY AS i(slug, user_id, parent_id, body, position)
         JOIN article_slugs sl ON sl.slug = i.slug
         JOIN articles a ON a.id = sl.article_id
         LEFT JOIN sanctions s ON s.user_id = i.user_id AND (s.until IS NULL OR s.until > now())
         LEFT JOIN comments p ON p.id = i.parent_id`,
      [
        queries.map((q) => q.slug),
        queries.map((q) => q.userId),
        queries.map((q) => q.parentId),
        queries.map((q) => (duplicateSeconds > 0 ? q.body : null)),
        intervalMs,
        duplicateSeconds,
      ],
    );
    const contexts: Array<PostingContext | null> = queries.map(() => null);
    for (const { position, ...context } of rows) {
      context.commentId = Number(context.commentId);
      contexts[Number(position) - 1] = context;
    }
    return contexts;
  }

  /**
   * Writes a group of posts in one statement, so in one transaction (one commit, one NOTIFY for
   * the relay): claims each author's posting slot (when `intervalMs` > 0; the upsert's row lock
   * serialises one user's concurrent posts, so a group holds at most one post per author), then
   * for the posts whose slot was claimed inserts the comment, counts the reply on its parent,
   * inserts the outbox event and, for a queued comment, its audit entry. Returns the comments
   * written by id; a post missing from it lost its slot to a concurrent post and wrote nothing.
   */
  async postMany(posts: readonly PostWrite[], intervalMs: number): Promise<Map<number, CommentEntity>> {
    const slot =
      intervalMs > 0
        ? `slot AS (
              INSERT INTO post_throttle AS t (user_id, last_posted_at) SELECT author_id, created_at FROM input
              ON CONFLICT (user_id) DO UPDATE SET last_posted_at = EXCLUDED.last_posted_at
              WHERE t.last_posted_at <= EXCLUDED.last_posted_at - $15::int * interval '1 millisecond'
              RETURNING user_id)`
        : `slot AS (SELECT DISTINCT author_id AS user_id FROM input WHERE $15::int = 0)`;
    const { outbox } = this;
    const column = <T>(pick: (post: PostWrite) => T) => posts.map(pick);
    const rows: Array<CommentEntity & { notified: unknown }> = await this.tx.rows(
      `WITH input AS (
              SELECT * FROM unnest($1::int[], $2::text[], $3::uuid[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[],
                                   $9::timestamptz[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::text[])
                AS i(id, article_id, author_id, parent_id, parent_path, depth, body, visibility, created_at,
                     event_id, event_type, envelope, audit_reason, audit_details)),
            ${slot},
            added AS (
              INSERT INTO comments AS c (id, article_id, author_id, parent_id, root_id, path, depth, body, visibility, created_at, updated_at)
              SELECT i.id, i.article_id, i.author_id, i.parent_id, COALESCE((i.parent_path::int[])[1], i.id), i.parent_path::int[] || i.id,
                     i.depth, i.body, i.visibility, i.created_at, i.created_at
                FROM input i WHERE i.author_id IN (SELECT user_id FROM slot)
              RETURNING ${COLUMNS}),
            replies AS (
              UPDATE comments p SET replies_count = p.replies_count + r.n
                FROM (SELECT "parentId" AS id, count(*)::int AS n FROM added WHERE "parentId" IS NOT NULL GROUP BY 1) r
               WHERE p.id = r.id),
            events AS (
              INSERT INTO ${outbox.table} ${outbox.columns}
              SELECT i.event_id, i.event_type, i.envelope::json FROM input i JOIN added a ON a.id = i.id RETURNING seq),
            audit AS (
              INSERT INTO moderation_audit (action, comment_id, article_id, subject_user_id, actor_id, reason_code, details)
              SELECT 'queued', i.id, i.article_id, i.author_id, NULL, i.audit_reason, i.audit_details
                FROM input i JOIN added a ON a.id = i.id WHERE i.audit_reason IS NOT NULL)
       SELECT added.*, ${outbox.wake('events')} AS notified FROM added`,
      [
        column((p) => p.comment.id),
        column((p) => p.comment.articleId),
        column((p) => p.comment.authorId),
        column((p) => p.comment.parentId),
        column((p) => `{${p.comment.parentPath.join(',')}}`),
        column((p) => p.comment.depth),
        column((p) => p.comment.body),
        column((p) => p.comment.visibility),
        column((p) => p.comment.createdAt),
        column((p) => p.event.values[0]),
        column((p) => p.event.values[1]),
        column((p) => p.event.values[2]),
        column((p) => p.queued?.reasonCode ?? null),
        column((p) => p.queued?.details ?? null),
        intervalMs,
      ],
    );
    return new Map(rows.map(({ notified: _notified, ...comment }) => [comment.id, comment]));
  }

  /** The comments id sequence as a regclass literal, looked up once (it is fixed by the migration). */
  private idSequence(): Promise<string> {
    this.sequence ??= this.tx
      .rows<{ name: string }>(`SELECT pg_get_serial_sequence('comments', 'id') AS name`)
      .then(([row]) => `'${row.name.replace(/'/g, "''")}'::regclass`)
      .catch((error: unknown) => {
        this.sequence = undefined;
        throw error;
      });
    return this.sequence;
  }

  /** The comment `id` if it belongs to the article `slug` resolves to; locked for update when asked. */
  async findInArticle(slug: string, id: number, lock = false): Promise<CommentInArticle | null> {
    const rows: Array<CommentEntity & { articleAuthorId: string; articleStatus: ReplicaStatus; articlePublishedAt: Date | null }> =
      await this.tx.rows(
        `SELECT ${COLUMNS}, a.author_id AS "articleAuthorId", a.status AS "articleStatus", a.published_at AS "articlePublishedAt"
           FROM comments c JOIN article_slugs sl ON sl.article_id = c.article_id JOIN articles a ON a.id = c.article_id
          WHERE c.id = $1 AND sl.slug = $2 ${lock ? 'FOR UPDATE OF c' : ''}`,
        [id, slug],
      );
    const row = rows[0];
    if (!row) return null;
    const { articleAuthorId, articleStatus, articlePublishedAt, ...comment } = row;
    return { comment, articleAuthorId, articleStatus, articlePublishedAt };
  }

  /** The comment `id`, locked, with its article's current slug (moderation works by id alone). */
  async findForModeration(id: number): Promise<(CommentEntity & { articleSlug: string }) | null> {
    const rows = await this.tx.rows(
      `SELECT ${COLUMNS}, a.slug AS "articleSlug" FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Keeps the old body as a revision and writes the new one. */
  async edit(id: number, body: string, visibility: CommentVisibility): Promise<CommentEntity> {
    const rows: CommentEntity[] = await this.tx.rows(
      `WITH revision AS (INSERT INTO comment_revisions (comment_id, body) SELECT id, body FROM comments WHERE id = $1),
            edited AS (UPDATE comments c SET body = $2, visibility = $3, edited_at = now(), updated_at = now() WHERE c.id = $1 RETURNING ${COLUMNS})
       SELECT * FROM edited`,
      [id, body, visibility],
    );
    return rows[0];
  }

  /** Marks the comment deleted (it stays as a placeholder while it has replies) and uncounts it on its parent. */
  async softDelete(id: number, deletedBy: string): Promise<CommentEntity> {
    const rows: CommentEntity[] = await this.tx.rows(
      `WITH gone AS (UPDATE comments c SET deleted_at = now(), deleted_by = $2, featured = false, updated_at = now()
                      WHERE c.id = $1 RETURNING ${COLUMNS}),
            parent AS (UPDATE comments SET replies_count = replies_count - 1 WHERE id = (SELECT "parentId" FROM gone))
       SELECT * FROM gone`,
      [id, deletedBy],
    );
    return rows[0];
  }

  async setVisibility(id: number, changes: { visibility?: CommentVisibility; featured?: boolean; rejectReason?: string | null; clearReports?: boolean }): Promise<CommentEntity> {
    const rows: CommentEntity[] = await this.tx.rows(
      `WITH resolved AS (UPDATE comment_reports SET resolved_at = now() WHERE $5::boolean AND comment_id = $1 AND resolved_at IS NULL),
            changed AS (UPDATE comments c SET visibility = COALESCE($2::text, c.visibility), featured = COALESCE($3::boolean, c.featured),
                          reject_reason = CASE WHEN $2::text IS NULL THEN c.reject_reason ELSE $4::text END,
                          open_reports = CASE WHEN $5::boolean THEN 0 ELSE c.open_reports END, updated_at = now()
                         WHERE c.id = $1 RETURNING ${COLUMNS})
       SELECT * FROM changed`,
      [id, changes.visibility ?? null, changes.featured ?? null, changes.rejectReason ?? null, changes.clearReports ?? false],
    );
    return rows[0];
  }

  /** The new like count, or null when the reader already liked the comment. */
  async like(id: number, userId: string): Promise<number | null> {
    const rows: Array<{ likesCount: number }> = await this.tx.rows(
      `WITH added AS (INSERT INTO comment_likes (comment_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING comment_id),
            counted AS (UPDATE comments SET likes_count = likes_count + 1 WHERE id IN (SELECT comment_id FROM added) RETURNING likes_count)
       SELECT likes_count AS "likesCount" FROM counted`,
      [id, userId],
    );
    return rows[0]?.likesCount ?? null;
  }

  /** The new like count, or null when the reader had not liked the comment. */
  async unlike(id: number, userId: string): Promise<number | null> {
    const rows: Array<{ likesCount: number }> = await this.tx.rows(
      `WITH removed AS (DELETE FROM comment_likes WHERE comment_id = $1 AND user_id = $2 RETURNING comment_id),
            counted AS (UPDATE comments SET likes_count = likes_count - 1 WHERE id IN (SELECT comment_id FROM removed) RETURNING likes_count)
       SELECT likes_count AS "likesCount" FROM counted`,
      [id, userId],
    );
    return rows[0]?.likesCount ?? null;
  }

  /** The open report count after this report, or null when this reader already reported it. */
  async report(id: number, reporterId: string, reason: ReportReason, details: string | null): Promise<{ openReports: number; createdAt: Date } | null> {
    const rows: Array<{ openReports: number; createdAt: Date }> = await this.tx.rows(
      `WITH added AS (INSERT INTO comment_reports (comment_id, reporter_id, reason, details) VALUES ($1, $2, $3, $4)
                       ON CONFLICT DO NOTHING RETURNING comment_id, created_at),
            counted AS (UPDATE comments c SET open_reports = open_reports + 1 FROM added WHERE c.id = added.comment_id
                         RETURNING c.open_reports, added.created_at)
       SELECT open_reports AS "openReports", created_at AS "createdAt" FROM counted`,
      [id, reporterId, reason, details],
    );
    return rows[0] ?? null;
  }

  /**
   * The RealWorld list in one round trip: the article `slug` resolves to and its listable
   * comments, newest first, up to `limit`, each with whether the viewer (`$1`) liked it.
   * `null` when the slug is unknown.
   */
  async listing(slug: string, viewerId: string | null, limit: number): Promise<Listing | null> {
    return (await this.listings([{ slug, viewerId, limit }]))[0];
  }

  /** `listing` for several lookups in one statement, the answers in order. */
  async listings(lookups: ListingLookup[]): Promise<Array<Listing | null>> {
    const rows: Array<ListingRow & { lookup: string }> = await this.tx.rows(LISTING, [
      lookups.map((l) => l.viewerId),
      lookups.map((l) => l.slug),
      lookups.map((l) => l.limit),
    ]);
    return rowsByLookup(rows, lookups.length).map((found) =>
      found.length === 0 ? null : { article: listedArticle(found[0]), comments: found[0].id === null ? [] : found },
    );
  }

  /**
   * A page of threads in one round trip: the article `slug` resolves to, up to `limit`
   * top-level comments in `sort` order after `cursor`, and the listable replies in their
   * threads, each with whether the viewer (`$1`) liked it. `null` when the slug is unknown.
   */
  async threads(
    slug: string,
    viewerId: string | null,
    sort: CommentCursor['sort'],
    cursor: CommentCursor | null,
    limit: number,
  ): Promise<Threads | null> {
    return (await this.threadPages([{ slug, viewerId, sort, cursor, limit }]))[0];
  }

  /**
   * `threads` for several lookups in one statement, the answers in order. They must share a
   * statement: the same `sort`, and a cursor for all or for none (`sameThreadsStatement`).
   */
  async threadPages(lookups: ThreadsLookup[]): Promise<Array<Threads | null>> {
    const [{ sort, cursor }] = lookups;
    const cursors = lookups.map((l) => l.cursor);
    const cursorColumns = !cursor
      ? []
      : sort === 'top'
        ? [cursors.map((c) => c!.id), cursors.map((c) => (c as TopCursor).featured), cursors.map((c) => (c as TopCursor).likes)]
        : [cursors.map((c) => c!.id)];
    const rows: Array<ListingRow & ListedComment & { kind: number; lookup: string }> = await this.tx.rows(threadsStatement(sort, cursor !== null), [
      lookups.map((l) => l.viewerId),
      lookups.map((l) => l.slug),
      lookups.map((l) => l.limit),
      ...cursorColumns,
    ]);
    return rowsByLookup(rows, lookups.length).map((found) => {
      if (found.length === 0) return null;
      const comments = found[0].id === null ? [] : found;
      return { article: listedArticle(found[0]), roots: comments.filter((c) => c.kind === 0), replies: comments.filter((c) => c.kind === 1) };
    });
  }

  /** Visible, undeleted comments per article (the counts the triggers keep). */
  async countVisible(articleIds: string[]): Promise<Map<string, number>> {
    if (articleIds.length === 0) return new Map();
    const rows: Array<{ articleId: string; count: number }> = await this.tx.rows(
      `SELECT id AS "articleId", comments_count AS count FROM articles WHERE id = ANY($1::text[])`,
      [articleIds],
    );
    return new Map(rows.map((r) => [r.articleId, r.count]));
  }

  /** The subset of `ids` that `userId` liked. */
  async likedAmong(userId: string, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: number }> = await this.tx.rows(
      `SELECT comment_id AS id FROM comment_likes WHERE user_id = $1 AND comment_id = ANY($2::int[])`,
      [userId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** A page of a moderation queue, oldest first, with the article slug and open report reasons. */
  queue(queue: 'pending' | 'reported', afterId: number, limit: number): Promise<Array<CommentEntity & { articleSlug: string; reportReasons: Record<string, number> | null }>> {
    const where = queue === 'pending' ? `c.visibility = 'pending'` : `c.open_reports > 0 AND c.visibility IN ('visible', 'hidden')`;
    return this.tx.rows(
      `SELECT ${COLUMNS}, a.slug AS "articleSlug",
              (SELECT json_object_agg(r.reason, r.n) FROM (SELECT reason, count(*)::int AS n FROM comment_reports
                 WHERE comment_id = c.id AND resolved_at IS NULL GROUP BY reason) r) AS "reportReasons"
         FROM comments c JOIN articles a ON a.id = c.article_id
        WHERE ${where} AND c.deleted_at IS NULL AND c.id > $1 ORDER BY c.id LIMIT $2`,
      [afterId, limit],
    );
  }
}
