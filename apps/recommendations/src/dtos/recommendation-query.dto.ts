import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Items returned when the caller names no limit. */
export const DEFAULT_RELATED_LIMIT = 4;
export const DEFAULT_LIST_LIMIT = 10;
export const MAX_LIMIT = 20;
/** The deepest page trending serves. */
export const MAX_OFFSET = 1000;

const LIMIT_MESSAGE = `must be an integer from 1 to ${MAX_LIMIT}`;
const OFFSET_MESSAGE = `must be an integer from 0 to ${MAX_OFFSET}`;

/** `?limit=` as the gateway passes it (a string or nothing). */
export class LimitQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(MAX_LIMIT, { message: LIMIT_MESSAGE })
  limit?: number;
}

/** `?limit=&offset=` for paged lists. */
export class PageQueryDto extends LimitQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: OFFSET_MESSAGE })
  @Min(0, { message: OFFSET_MESSAGE })
  @Max(MAX_OFFSET, { message: OFFSET_MESSAGE })
  offset?: number;
}
