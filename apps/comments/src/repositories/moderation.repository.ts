import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@broadsheet/database';
import type { MemberEntity, SanctionEntity } from '../database/entities/moderation.entity';

export type AuditAction =
  | 'queued'
  | 'approved'
  | 'rejected'
  | 'featured'
  | 'hidden'
  | 'deleted'
  | 'article-moderation'
  | 'sanctioned'
  | 'sanction-lifted';

export interface AuditEntry {
  action: AuditAction;
  commentId?: number | null;
  articleId?: string | null;
  subjectUserId?: string | null;
  /** Null when a rule decided (report threshold, word rules, a users event). */
  actorId: string | null;
  reasonCode?: string | null;
  details?: string | null;
}

/** Sanctions, the member directory and the audit trail. */
@Injectable()
export class ModerationRepository {
  constructor(private readonly tx: TransactionHost) {}

  async audit(entry: AuditEntry): Promise<void> {
    await this.tx.rows(
      `INSERT INTO moderation_audit (action, comment_id, article_id, subject_user_id, actor_id, reason_code, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.action,
        entry.commentId ?? null,
        entry.articleId ?? null,
        entry.subjectUserId ?? null,
        entry.actorId,
        entry.reasonCode ?? null,
        entry.details ?? null,
      ],
    );
  }

  async upsertMember(userId: string, username: string): Promise<void> {
    await this.tx.rows(
      `INSERT INTO members (user_id, username) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username`,
      [userId, username],
    );
  }

  findMemberByUsername(username: string): Promise<MemberEntity | null> {
    return this.tx.manager
      .query(`SELECT user_id AS "userId", username FROM members WHERE lower(username) = lower($1) LIMIT 1`, [username])
      .then((rows: MemberEntity[]) => rows[0] ?? null);
  }

  async setSanction(sanction: Omit<SanctionEntity, 'changedAt'> & { changedAt: Date }): Promise<void> {
    await this.tx.rows(
      `INSERT INTO sanctions (user_id, status, until, reason, source, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, until = EXCLUDED.until, reason = EXCLUDED.reason,
         source = EXCLUDED.source, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at`,
      [sanction.userId, sanction.status, sanction.until, sanction.reason, sanction.source, sanction.changedBy, sanction.changedAt],
    );
  }

  /** True when a sanction was lifted. */
  async liftSanction(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.rows(`WITH lifted AS (DELETE FROM sanctions WHERE user_id = $1 RETURNING 1) SELECT * FROM lifted`, [userId]);
    return rows.length > 0;
  }
}
