import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { DomainServiceConfig } from '@broadsheet/messaging';

/** One comment per user per this many milliseconds. */
export const DEFAULT_POST_INTERVAL_MS = 3000;
/** The same body from the same user within this window is refused as a duplicate. */
export const DEFAULT_DUPLICATE_WINDOW_SECONDS = 60;
/** Authors may edit their comment for this long after posting. */
export const DEFAULT_EDIT_WINDOW_SECONDS = 10 * 60;
/** Open reports that hide a comment until a moderator reviews it. */
export const DEFAULT_REPORTS_TO_HIDE = 3;
/** Comments never close by age unless configured. */
export const DEFAULT_CLOSE_AFTER_DAYS = 0;
/** Spam vocabulary that sends a comment to the queue; each site tunes its own. */
export const DEFAULT_SUSPECT_WORDS = 'viagra,casino,giveaway,crypto airdrop';
/** Caps the RealWorld (unpaged) list so one article cannot make an unbounded answer. */
export const DEFAULT_UNPAGED_LIMIT = 1000;

export const MODERATION_MODES = ['post', 'pre'] as const;

/** The comments service's settings: the shared bus and database ones, plus its own. */
export class CommentsConfig extends DomainServiceConfig {
  /** `post`: comments show at once and are reviewed after; `pre`: every comment waits for a moderator. */
  @IsIn(MODERATION_MODES)
  COMMENTS_MODERATION_MODE: (typeof MODERATION_MODES)[number] = 'post';

  /** 0 turns the per-user interval off (benchmarks). */
  @IsInt() @Min(0) @Max(3_600_000)
  COMMENTS_POST_INTERVAL_MS: number = DEFAULT_POST_INTERVAL_MS;

  /** 0 turns the duplicate check off. */
  @IsInt() @Min(0) @Max(86_400)
  COMMENTS_DUPLICATE_WINDOW_SECONDS: number = DEFAULT_DUPLICATE_WINDOW_SECONDS;

  @IsInt() @Min(0) @Max(7 * 86_400)
  COMMENTS_EDIT_WINDOW_SECONDS: number = DEFAULT_EDIT_WINDOW_SECONDS;

  @IsInt() @Min(1) @Max(1000)
  COMMENTS_REPORTS_TO_HIDE: number = DEFAULT_REPORTS_TO_HIDE;

  /** Comments close this many days after publication; 0 never closes them by age. */
  @IsInt() @Min(0) @Max(36_500)
  COMMENTS_CLOSE_AFTER_DAYS: number = DEFAULT_CLOSE_AFTER_DAYS;

  /** Comma-separated words or phrases that refuse a comment outright (422). */
  @IsString()
  COMMENTS_BANNED_WORDS: string = '';

  /** Comma-separated words or phrases that send a comment to the pending queue. */
  @IsString()
  COMMENTS_SUSPECT_WORDS: string = DEFAULT_SUSPECT_WORDS;

  /** `true`: a comment with a link waits in the pending queue. */
  @IsIn(['true', 'false'])
  COMMENTS_LINKS_NEED_REVIEW: 'true' | 'false' = 'true';

  @IsInt() @Min(1) @Max(10_000)
  COMMENTS_UNPAGED_LIMIT: number = DEFAULT_UNPAGED_LIMIT;
}
