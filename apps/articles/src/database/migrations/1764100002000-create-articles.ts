import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateArticles1764100002000 implements MigrationInterface {
  name = 'CreateArticles1764100002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY,
        slug varchar(191) NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        body text NOT NULL,
        tag_list text[] NOT NULL DEFAULT '{}',
        author_id uuid NOT NULL,
        section text,
        dateline text,
        status text NOT NULL CHECK (status IN ('draft', 'scheduled', 'published', 'archived')),
        published_at timestamptz,
        scheduled_at timestamptz,
        digital_source_type text NOT NULL
          CHECK (digital_source_type IN ('humanEdits', 'trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia')),
        generator text,
        reviewed_by text,
        reviewed_at timestamptz,
        disclosure text,
        sources jsonb NOT NULL DEFAULT '[]',
        corrections jsonb NOT NULL DEFAULT '[]',
        outline jsonb NOT NULL DEFAULT '[]',
        reading_time_minutes int NOT NULL DEFAULT 1,
        favorites_count int NOT NULL DEFAULT 0 CHECK (favorites_count >= 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL),
        CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX articles_slug_key ON articles (slug)`);
    // The public lists: newest first overall, by author, by section, by tag; all partial on published.
    await q.query(`CREATE INDEX articles_published_idx ON articles (published_at DESC, id DESC) WHERE status = 'published'`);
    await q.query(
      `CREATE INDEX articles_author_published_idx ON articles (author_id, published_at DESC, id DESC) WHERE status = 'published'`,
    );
    await q.query(
      `CREATE INDEX articles_section_published_idx ON articles (section, published_at DESC, id DESC) WHERE status = 'published'`,
    );
    await q.query(`CREATE INDEX articles_tags_idx ON articles USING gin (tag_list) WHERE status = 'published'`);
    await q.query(`CREATE INDEX articles_due_idx ON articles (scheduled_at) WHERE status = 'scheduled'`);

    await q.query(`
      CREATE TABLE article_slugs (
        slug varchar(191) PRIMARY KEY,
        -- Deferred: a new article claims its slug before its row exists, in the same transaction.
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX article_slugs_article_idx ON article_slugs (article_id)`);
    // Prefix search (LIKE 'base%') for collision suffixes, whatever the database collation.
    await q.query(`CREATE INDEX article_slugs_prefix_idx ON article_slugs (slug varchar_pattern_ops)`);

    await q.query(`
      CREATE TABLE article_revisions (
        id bigserial PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        revision int NOT NULL,
        snapshot jsonb NOT NULL,
        replaced_by_id uuid NOT NULL,
        replaced_by_username text NOT NULL,
        replaced_at timestamptz NOT NULL,
        UNIQUE (article_id, revision)
      )`);

    await q.query(`
      CREATE TABLE favorites (
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, user_id)
      )`);
    await q.query(`CREATE INDEX favorites_user_idx ON favorites (user_id, article_id)`);

    await q.query(`
      CREATE TABLE tags (
        name text PRIMARY KEY,
        articles_count int NOT NULL DEFAULT 0 CHECK (articles_count >= 0)
      )`);
    await q.query(`CREATE INDEX tags_popular_idx ON tags (articles_count DESC, name) WHERE articles_count > 0`);

    await q.query(`
      CREATE TABLE authors (
        user_id uuid PRIMARY KEY,
        username text NOT NULL,
        synced_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX authors_username_idx ON authors (lower(username))`);

    await q.query(`
      CREATE TABLE follows (
        follower_id uuid NOT NULL,
        followee_id uuid NOT NULL,
        followed_at timestamptz NOT NULL,
        PRIMARY KEY (follower_id, followee_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follows`);
    await q.query(`DROP TABLE authors`);
    await q.query(`DROP TABLE tags`);
    await q.query(`DROP TABLE favorites`);
    await q.query(`DROP TABLE article_revisions`);
    await q.query(`DROP TABLE article_slugs`);
    await q.query(`DROP TABLE articles`);
  }
}
