import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a comment row counts towards its article's `comments_count`: visible and not deleted. */
const COUNTED = (row: string) => `(${row}.visibility = 'visible' AND ${row}.deleted_at IS NULL)`;

/**
 * What a page of threads reads stays the size of the page, however long the conversation.
 *
 * `articles.comments_count`: each article's count of visible, undeleted comments, kept by
 * triggers on `comments` instead of counted on every read. Counting on read cost a scan of every
 * comment of the article: 114 ms for an article with 80,000 comments, on each read of its first
 * page (docs/comments.md, "The read path").
 *
 * The triggers see every write to `comments`, whatever statement makes it, so the count cannot
 * drift from the rows. Inserts are counted once per statement (a batch of posts is one
 * statement: one update per article, not one per post); updates and deletes per row, and only
 * when a row enters or leaves the count (a like or a report fires nothing).
 *
 * The functions keep the search path the migration ran with (the service's schema), so a write
 * from a session with another search path (an operator's psql, a bulk load) counts on this
 * schema's `articles`, not on whichever `articles` that path finds first.
 *
 * `comments_replies_idx` replaces `comments_thread_idx` with the replies alone: a page finds its
 * threads' replies through it whatever the statistics say (with few replies in the table, the
 * planner preferred scanning the whole table to the full index).
 */
export class PageSizedReads1764400000000 implements MigrationInterface {
  name = 'PageSizedReads1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // No comment may be written between the backfill and the triggers.
    await q.query(`LOCK TABLE comments IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`ALTER TABLE articles ADD COLUMN comments_count integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION count_inserted_comments() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        added record;
      BEGIN
        -- One article at a time, in id order, so that two batches never lock two articles in
        -- opposite orders.
        FOR added IN
          SELECT article_id, count(*)::int AS n FROM inserted c WHERE ${COUNTED('c')} GROUP BY article_id ORDER BY article_id
        LOOP
          UPDATE articles SET comments_count = comments_count + added.n WHERE id = added.article_id;
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION count_changed_comment() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        delta int := 0;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND ${COUNTED('OLD')} THEN delta := delta - 1; END IF;
        IF TG_OP = 'UPDATE' AND ${COUNTED('NEW')} THEN delta := delta + 1; END IF;
        IF delta <> 0 THEN
          UPDATE articles SET comments_count = comments_count + delta WHERE id = OLD.article_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER comments_count_inserted AFTER INSERT ON comments
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_comments()`);
    // A comment never moves to another article, so OLD.article_id is its article either side.
    await q.query(`
      CREATE TRIGGER comments_count_updated AFTER UPDATE OF visibility, deleted_at ON comments FOR EACH ROW
        WHEN (${COUNTED('OLD')} IS DISTINCT FROM ${COUNTED('NEW')}) EXECUTE FUNCTION count_changed_comment()`);
    await q.query(`
      CREATE TRIGGER comments_count_deleted AFTER DELETE ON comments FOR EACH ROW
        WHEN ${COUNTED('OLD')} EXECUTE FUNCTION count_changed_comment()`);
    // A page's replies are found by their roots; roots themselves never are (they come by article).
    await q.query(`DROP INDEX comments_thread_idx`);
    await q.query(`CREATE INDEX comments_replies_idx ON comments (root_id, path) WHERE depth > 0`);
    await q.query(`
      UPDATE articles a SET comments_count = n.counted
        FROM (SELECT article_id, count(*)::int AS counted FROM comments c WHERE ${COUNTED('c')} GROUP BY article_id) n
       WHERE a.id = n.article_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX comments_replies_idx`);
    await q.query(`CREATE INDEX comments_thread_idx ON comments (root_id, path)`);
    await q.query(`DROP TRIGGER comments_count_deleted ON comments`);
    await q.query(`DROP TRIGGER comments_count_updated ON comments`);
    await q.query(`DROP TRIGGER comments_count_inserted ON comments`);
    await q.query(`DROP FUNCTION count_changed_comment()`);
    await q.query(`DROP FUNCTION count_inserted_comments()`);
    await q.query(`ALTER TABLE articles DROP COLUMN comments_count`);
  }
}
