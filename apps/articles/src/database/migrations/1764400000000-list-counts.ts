import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `article_counts`: how many published articles there are in all, per section and per author,
 * kept by a trigger on `articles`, so that a list's `articlesCount` is read rather than counted.
 * Counting on read cost a scan of every match: 12 ms for the unfiltered list of a site with
 * 100,000 published articles, on every read of its first page (docs/articles.md, "Data and
 * performance"). A tag's count is `tags.articles_count`, kept by the service.
 *
 * Inserts are counted once per statement. Otherwise the trigger fires only when a row enters or
 * leaves the published set, or a published row changes section or author. It nets the changes
 * per counter (an edit that keeps an article published and in its section moves nothing) and
 * writes them in key order, as the insert trigger does, so two writers
 * never wait on each other's counters in opposite orders. It keeps the search path the migration
 * ran with (the service's schema), so a write from a session with another search path (an
 * operator's psql, a bulk load) still counts in this schema's `article_counts`.
 */
export class ListCounts1764400000000 implements MigrationInterface {
  name = 'ListCounts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // No article may change between the backfill and the trigger.
    await q.query(`LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      CREATE TABLE article_counts (
        scope text NOT NULL CHECK (scope IN ('all', 'section', 'author')),
        key text NOT NULL,
        articles int NOT NULL CHECK (articles >= 0),
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`
      CREATE FUNCTION count_published_articles() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        change record;
      BEGIN
        FOR change IN
          SELECT c.scope, c.key, sum(c.delta)::int AS delta FROM (
              SELECT k.scope, k.key, -1 AS delta
                FROM (VALUES ('all', ''), ('section', OLD.section), ('author', OLD.author_id::text)) k(scope, key)
               WHERE TG_OP <> 'INSERT' AND OLD.status = 'published'
              UNION ALL
              SELECT k.scope, k.key, 1
                FROM (VALUES ('all', ''), ('section', NEW.section), ('author', NEW.author_id::text)) k(scope, key)
               WHERE TG_OP <> 'DELETE' AND NEW.status = 'published'
            ) c
           WHERE c.key IS NOT NULL
           GROUP BY c.scope, c.key HAVING sum(c.delta) <> 0
           ORDER BY c.scope, c.key
        LOOP
          -- A negative count is never proposed: Postgres checks a row to insert before its conflict.
          IF change.delta > 0 THEN
            INSERT INTO article_counts AS n (scope, key, articles) VALUES (change.scope, change.key, change.delta)
              ON CONFLICT (scope, key) DO UPDATE SET articles = n.articles + EXCLUDED.articles;
          ELSE
            UPDATE article_counts SET articles = articles + change.delta WHERE scope = change.scope AND key = change.key;
          END IF;
        END LOOP;
        RETURN NULL;
      END $$`);
    // Inserts once per statement: a bulk load moves each counter once, not once per row.
    await q.query(`
      CREATE FUNCTION count_inserted_articles() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO article_counts AS n (scope, key, articles)
        SELECT k.scope, k.key, count(*)::int
          FROM inserted a CROSS JOIN LATERAL (VALUES ('all', ''), ('section', a.section), ('author', a.author_id::text)) k(scope, key)
         WHERE a.status = 'published' AND k.key IS NOT NULL
         GROUP BY k.scope, k.key ORDER BY k.scope, k.key
        ON CONFLICT (scope, key) DO UPDATE SET articles = n.articles + EXCLUDED.articles;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER articles_count_inserted AFTER INSERT ON articles
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_articles()`);
    await q.query(`
      CREATE TRIGGER articles_count_deleted AFTER DELETE ON articles FOR EACH ROW
        WHEN (OLD.status = 'published') EXECUTE FUNCTION count_published_articles()`);
    await q.query(`
      CREATE TRIGGER articles_count_updated AFTER UPDATE OF status, section, author_id ON articles FOR EACH ROW
        WHEN ((OLD.status = 'published') IS DISTINCT FROM (NEW.status = 'published')
              OR (NEW.status = 'published' AND (OLD.section IS DISTINCT FROM NEW.section OR OLD.author_id <> NEW.author_id)))
        EXECUTE FUNCTION count_published_articles()`);
    await q.query(`
      INSERT INTO article_counts (scope, key, articles)
      SELECT 'all', '', count(*) FROM articles WHERE status = 'published'
      UNION ALL
      SELECT 'section', section, count(*) FROM articles WHERE status = 'published' AND section IS NOT NULL GROUP BY section
      UNION ALL
      SELECT 'author', author_id::text, count(*) FROM articles WHERE status = 'published' GROUP BY author_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER articles_count_updated ON articles`);
    await q.query(`DROP TRIGGER articles_count_deleted ON articles`);
    await q.query(`DROP TRIGGER articles_count_inserted ON articles`);
    await q.query(`DROP FUNCTION count_inserted_articles()`);
    await q.query(`DROP FUNCTION count_published_articles()`);
    await q.query(`DROP TABLE article_counts`);
  }
}
