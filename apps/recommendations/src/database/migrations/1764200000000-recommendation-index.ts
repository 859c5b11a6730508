import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@broadsheet/database';

/** The replicas recommendations are computed from: articles, authors, engagement, follows. */
export class RecommendationIndex1764200000000 implements MigrationInterface {
  name = 'RecommendationIndex1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      CREATE TABLE "${s}".article (
        article_id text PRIMARY KEY,
        slug text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        body text NOT NULL,
        tags text[] NOT NULL,
        section text,
        author_id text NOT NULL,
        published_at timestamptz,
        updated_at timestamptz,
        status text NOT NULL CHECK (status IN ('published', 'unpublished', 'deleted')),
        version_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX article_slug_idx ON "${s}".article (slug)`);
    await q.query(`CREATE INDEX article_author_published_idx ON "${s}".article (author_id, published_at)`);
    await q.query(`
      CREATE TABLE "${s}".author (
        user_id text PRIMARY KEY,
        username text NOT NULL,
        bio text,
        image text,
        version_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${s}".engagement (
        article_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('favorite', 'comment', 'like')),
        ref text NOT NULL,
        user_id text NOT NULL,
        active boolean NOT NULL,
        at timestamptz NOT NULL,
        version_at timestamptz NOT NULL,
        PRIMARY KEY (article_id, kind, ref)
      )`);
    await q.query(`CREATE INDEX engagement_user_idx ON "${s}".engagement (user_id, at)`);
    await q.query(`CREATE INDEX engagement_recent_idx ON "${s}".engagement (at) WHERE active`);
    await q.query(`
      CREATE TABLE "${s}".follow (
        follower_id text NOT NULL,
        followee_id text NOT NULL,
        active boolean NOT NULL,
        version_at timestamptz NOT NULL,
        PRIMARY KEY (follower_id, followee_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`DROP TABLE "${s}".follow`);
    await q.query(`DROP TABLE "${s}".engagement`);
    await q.query(`DROP TABLE "${s}".author`);
    await q.query(`DROP TABLE "${s}".article`);
  }
}
