import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Suspension reasons, and the sign-in/sign-up counters every replica shares. */
export class AccountSecurity1764100002000 implements MigrationInterface {
  name = 'AccountSecurity1764100002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN suspension_reason text`);
    await q.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rate_limits_window_ends_at_idx ON rate_limits (window_ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
    await q.query(`ALTER TABLE users DROP COLUMN suspension_reason`);
  }
}
