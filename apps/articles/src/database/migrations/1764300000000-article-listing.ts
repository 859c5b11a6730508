import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isoTimestamp as iso } from '@broadsheet/database';

/**
 * `articles.listing`: each article's list item, rendered as JSON text when the article is written
 * rather than on every read. A list reads one text column per row and joins them, instead of
 * parsing twenty columns per row and serialising them again (docs/articles.md, "Data and
 * performance"; the measurements are in docs/benchmarks-history.md, "Session 4").
 *
 * The trigger renders the fields that change only when the article is edited, in the order the
 * article view (`toArticleSummary`) writes them, and leaves the object open: the list query
 * appends what changes without an edit (`favorited` for the viewer, `favoritesCount`, the
 * author's id and current username) and closes it. A change of the list item's shape is a new
 * migration that replaces the function and re-renders every row (`UPDATE articles SET title = title`).
 */
export class ArticleListing1764300000000 implements MigrationInterface {
  name = 'ArticleListing1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles ADD COLUMN listing text`);
    await q.query(`
      CREATE FUNCTION render_article_listing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.listing := left((
          SELECT row_to_json(item)::text FROM (
            SELECT NEW.slug AS slug, NEW.title AS title, NEW.description AS description, NEW.tag_list AS "tagList",
                   ${iso('NEW.created_at')} AS "createdAt", ${iso('NEW.updated_at')} AS "updatedAt",
                   NEW.section AS section, NEW.dateline AS dateline, NEW.status AS status,
                   ${iso('NEW.published_at')} AS "publishedAt", ${iso('NEW.scheduled_at')} AS "scheduledAt",
                   (SELECT row_to_json(p) FROM (
                      SELECT NEW.digital_source_type AS "digitalSourceType", NEW.generator AS generator,
                             NEW.reviewed_by IS NOT NULL AS reviewed, NEW.reviewed_by AS "reviewedBy",
                             ${iso('NEW.reviewed_at')} AS "reviewedAt") p) AS provenance,
                   NEW.disclosure AS disclosure, NEW.reading_time_minutes AS "readingTimeMinutes"
          ) item), -1);
        RETURN NEW;
      END $$`);
    // Every column the rendering reads; favorites_count is not one (it is appended on read).
    await q.query(`
      CREATE TRIGGER articles_render_listing
        BEFORE INSERT OR UPDATE OF slug, title, description, tag_list, created_at, updated_at, section, dateline, status,
          published_at, scheduled_at, digital_source_type, generator, reviewed_by, reviewed_at, disclosure, reading_time_minutes
        ON articles FOR EACH ROW EXECUTE FUNCTION render_article_listing()`);
    await q.query(`UPDATE articles SET title = title`);
    await q.query(`ALTER TABLE articles ALTER COLUMN listing SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER articles_render_listing ON articles`);
    await q.query(`DROP FUNCTION render_article_listing()`);
    await q.query(`ALTER TABLE articles DROP COLUMN listing`);
  }
}
