import { IsInt, Max, Min } from 'class-validator';
import { DomainServiceConfig } from '@broadsheet/messaging';

/** The recommendations service's settings: the shared bus and database ones, plus its own. */
export class RecommendationsConfig extends DomainServiceConfig {
  /** Engagement older than this does not count toward trending. */
  @IsInt() @Min(1) @Max(365)
  TRENDING_WINDOW_DAYS: number = 7;

  /** An act of engagement counts half as much toward trending after this many hours. */
  @IsInt() @Min(1) @Max(24 * 365)
  TRENDING_HALF_LIFE_HOURS: number = 24;

  /**
   * Trending is ranked at most this often per replica and served from memory meanwhile (ranking
   * reads every act of the window); a read of an older ranking starts the next one.
   */
  @IsInt() @Min(0) @Max(3_600_000)
  TRENDING_REFRESH_MS: number = 10_000;
}
