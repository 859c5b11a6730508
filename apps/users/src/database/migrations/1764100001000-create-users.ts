import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1764100001000 implements MigrationInterface {
  name = 'CreateUsers1764100001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        username text NOT NULL,
        password_hash text NOT NULL,
        bio text,
        image text,
        roles text[] NOT NULL DEFAULT '{reader}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'banned')),
        suspended_until timestamptz,
        tokens_valid_after timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`
      CREATE TABLE follows (
        follower_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        followee_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (follower_id, followee_id),
        CHECK (follower_id <> followee_id)
      )`);
    await q.query(`CREATE INDEX follows_followee_idx ON follows (followee_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follows`);
    await q.query(`DROP TABLE users`);
  }
}
