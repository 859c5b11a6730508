import { IsDefined, IsIn, IsISO8601, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { ModerationMode, ModerationQueue, SanctionStatus } from '@broadsheet/contracts';
import { ListQueryDto } from './comment.dtos';

export const REJECT_REASONS = ['spam', 'offensive', 'abusive', 'misinformation', 'off-topic', 'personal-data', 'other'] as const;
export const MODERATION_QUEUES: readonly ModerationQueue[] = ['pending', 'reported'];
export const SANCTION_STATUSES: readonly SanctionStatus[] = ['active', 'suspended', 'banned'];
export const NOTE_MAX_CHARACTERS = 500;

export class QueueQueryDto extends ListQueryDto {
  @IsDefined({ message: "can't be blank" })
  @IsIn(MODERATION_QUEUES, { message: `must be one of ${MODERATION_QUEUES.join(', ')}` })
  queue: ModerationQueue;
}

/** Approve and feature take an optional note; reject needs a reason code. */
export class DecisionDto {
  @IsOptional()
  @IsIn(REJECT_REASONS, { message: `must be one of ${REJECT_REASONS.join(', ')}` })
  reasonCode?: (typeof REJECT_REASONS)[number];

  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(NOTE_MAX_CHARACTERS, { message: `is too long (at most ${NOTE_MAX_CHARACTERS} characters)` })
  note?: string;
}

export class ArticleModerationDto {
  /** `null` returns the article to the global mode. */
  @ValidateIf((_, v) => v !== null)
  @IsIn(['pre', 'post'], { message: 'must be pre, post or null' })
  moderationMode: ModerationMode | null;
}

export class SanctionDto {
  @IsDefined({ message: "can't be blank" })
  @IsIn(SANCTION_STATUSES, { message: `must be one of ${SANCTION_STATUSES.join(', ')}` })
  status: SanctionStatus;

  /** End of a suspension (RFC 3339); absent or null means until lifted. */
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsISO8601({ strict: true }, { message: 'must be an RFC 3339 date-time' })
  until?: string | null;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString({ message: 'must be a string' })
  @MaxLength(NOTE_MAX_CHARACTERS, { message: `is too long (at most ${NOTE_MAX_CHARACTERS} characters)` })
  reason?: string | null;
}
